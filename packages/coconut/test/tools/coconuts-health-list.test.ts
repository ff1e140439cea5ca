import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, fixture, upstream, upstreamCalls } from '../harness.js';

useFakeVendor();

describe('coconut_coconuts_health_list', () => {
  it('calls coconuts_health_list and answers each Coconut’s health and latency', async () => {
    upstream([{ tool: 'coconuts_health_list', data: fixture('health') }]);
    const runtime = createRuntime();

    const envelope = expectOk(await runtime.call('coconuts_health_list', {}));

    expect(upstreamCalls(runtime)).toEqual([{ tool: 'coconuts_health_list', arguments: {} }]);
    expect(envelope.data).toEqual({ coconuts: [{ id: 'cn_01J9ZK4M2Q', name: 'Platform', healthy: true, latencyMs: 42 }] });
  });

  it('keeps a Coconut without a latency (a stopped one)', async () => {
    upstream([{ tool: 'coconuts_health_list', data: { coconuts: [{ id: 'cn_01J9ZKA1B3', healthy: false, latencyMs: null }] } }]);
    const envelope = expectOk(await createRuntime().call('coconuts_health_list', {}));
    expect(envelope.data).toEqual({ coconuts: [{ id: 'cn_01J9ZKA1B3', healthy: false, latencyMs: null }] });
  });

  it('answers a health row without an id as upstream_error', async () => {
    upstream([{ tool: 'coconuts_health_list', data: { coconuts: [{ healthy: true }] } }]);
    expectError(await createRuntime().call('coconuts_health_list', {}), 'upstream_error');
  });

  it('refuses any argument without calling Coconut', async () => {
    const runtime = createRuntime();
    expectError(await runtime.call('coconuts_health_list', { coconutId: 'cn_01J9ZK4M2Q' }), 'invalid_input');
    expect(runtime.requests).toEqual([]);
  });
});
