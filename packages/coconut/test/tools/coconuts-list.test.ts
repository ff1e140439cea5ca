import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, fixture, toolError, upstream, upstreamCalls } from '../harness.js';

useFakeVendor();

describe('coconut_coconuts_list', () => {
  it('calls coconuts_list and answers the Coconuts with their ids, names and status', async () => {
    upstream([{ tool: 'coconuts_list', data: fixture('coconuts') }]);
    const runtime = createRuntime();

    const envelope = expectOk(await runtime.call('coconuts_list', {}));

    expect(upstreamCalls(runtime)).toEqual([{ tool: 'coconuts_list', arguments: {} }]);
    expect(envelope.data).toEqual(fixture('coconuts'));
  });

  it('answers a refusal of Coconut as forbidden', async () => {
    upstream([toolError('coconuts_list', 'You are not allowed to list Coconuts in this organization')]);
    expectError(await createRuntime().call('coconuts_list', {}), 'forbidden');
  });

  it('answers a list in another shape as upstream_error', async () => {
    upstream([{ tool: 'coconuts_list', data: { instances: [] } }]);
    expect(expectError(await createRuntime().call('coconuts_list', {}), 'upstream_error').message).toContain('coconuts');
  });

  it('refuses an unknown argument without calling Coconut', async () => {
    const runtime = createRuntime();
    expectError(await runtime.call('coconuts_list', { region: 'eu-west-1' }), 'invalid_input');
    expect(runtime.requests).toEqual([]);
  });
});
