import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, fixture, lookup, PLATFORM, upstream, upstreamCalls } from '../harness.js';

useFakeVendor();

describe('coconut_tasks_list', () => {
  it('calls tasks_list on the Coconut with the page size, and answers compact rows without descriptions', async () => {
    const long = { ...fixture('task'), description: 'Long text. '.repeat(50), assignee: { id: 'usr_7', name: 'Ada' } };
    upstream([lookup(), { tool: 'tasks_list', data: { tasks: [long] } }]);
    const runtime = createRuntime();

    const envelope = expectOk(await runtime.call('tasks_list', { coconutId: PLATFORM }));

    expect(upstreamCalls(runtime)).toEqual([
      { tool: 'coconuts_list', arguments: {} },
      { tool: 'tasks_list', arguments: { coconutId: PLATFORM, limit: 20 } },
    ]);
    expect(envelope.data).toEqual({ tasks: [{ ...fixture('task'), assignee: 'Ada' }] });
  });

  it('passes the status and limit, for a Coconut given by its name', async () => {
    upstream([lookup(), { tool: 'tasks_list', data: { tasks: [] } }]);
    const runtime = createRuntime();
    expectOk(await runtime.call('tasks_list', { coconutId: 'Platform', status: 'open', limit: 5 }));
    expect(upstreamCalls(runtime)[1]).toEqual({ tool: 'tasks_list', arguments: { coconutId: PLATFORM, status: 'open', limit: 5 } });
  });

  it('answers not_found for a name no Coconut has, naming the tool that lists them, before calling tasks_list', async () => {
    upstream([lookup()]);
    const runtime = createRuntime();
    const error = expectError(await runtime.call('tasks_list', { coconutId: 'Nowhere' }), 'not_found');
    expect(error.hint).toContain('coconut_coconuts_list');
    expect(upstreamCalls(runtime).map((c) => c.tool)).toEqual(['coconuts_list']);
  });

  it('refuses a limit over 100 without calling Coconut', async () => {
    const runtime = createRuntime();
    expectError(await runtime.call('tasks_list', { coconutId: PLATFORM, limit: 500 }), 'invalid_input');
    expect(runtime.requests).toEqual([]);
  });
});
