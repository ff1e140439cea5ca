import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, fixture, lookup, PLATFORM, upstream, upstreamCalls } from '../harness.js';

useFakeVendor();
const context = { coconutId: PLATFORM, documents: [{ name: 'project.md', level: 'project', content: 'TypeScript monorepo; pnpm; deploy on merge.' }] };

describe('coconut_context_get', () => {
  it('calls context_get for the Coconut and answers its context documents as they are', async () => {
    upstream([lookup(), { tool: 'context_get', data: context }]);
    const runtime = createRuntime();

    const envelope = expectOk(await runtime.call('context_get', { coconutId: PLATFORM }));

    expect(upstreamCalls(runtime)).toEqual([
      { tool: 'coconuts_list', arguments: {} },
      { tool: 'context_get', arguments: { coconutId: PLATFORM } },
    ]);
    expect(envelope.data).toEqual(context);
  });

  it('refuses a name two Coconuts share, naming both ids, before calling context_get', async () => {
    const twins = { coconuts: [...fixture('coconuts').coconuts, { id: 'cn_01J9ZKC9D8', name: 'Platform', status: 'running' }] };
    upstream([{ tool: 'coconuts_list', data: twins }]);
    const runtime = createRuntime();
    const error = expectError(await runtime.call('context_get', { coconutId: 'Platform' }), 'invalid_input');
    expect(error.message).toContain(PLATFORM);
    expect(error.message).toContain('cn_01J9ZKC9D8');
    expect(upstreamCalls(runtime).map((c) => c.tool)).toEqual(['coconuts_list']);
  });

  it('refuses a missing coconutId without calling Coconut', async () => {
    const runtime = createRuntime();
    expectError(await runtime.call('context_get', {}), 'invalid_input');
    expect(runtime.requests).toEqual([]);
  });
});
