import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, fixture, lookup, PLATFORM, upstream, upstreamCalls } from '../harness.js';

useFakeVendor();

describe('coconut_jobs_list', () => {
  it('calls jobs_list with the page size and answers compact rows', async () => {
    upstream([lookup(), { tool: 'jobs_list', data: { jobs: [{ ...fixture('job'), instructions: 'Long prompt. '.repeat(40) }] } }]);
    const runtime = createRuntime();

    const envelope = expectOk(await runtime.call('jobs_list', { coconutId: PLATFORM }));

    expect(upstreamCalls(runtime)).toEqual([
      { tool: 'coconuts_list', arguments: {} },
      { tool: 'jobs_list', arguments: { coconutId: PLATFORM, limit: 20 } },
    ]);
    expect(envelope.data).toEqual({ jobs: [fixture('job')] });
  });

  it('answers a job row without an id as upstream_error', async () => {
    upstream([lookup(), { tool: 'jobs_list', data: { jobs: [{ name: 'Nightly dependency update' }] } }]);
    expectError(await createRuntime().call('jobs_list', { coconutId: PLATFORM }), 'upstream_error');
  });

  it('refuses a limit over 100 without calling Coconut', async () => {
    const runtime = createRuntime();
    expectError(await runtime.call('jobs_list', { coconutId: PLATFORM, limit: 101 }), 'invalid_input');
    expect(runtime.requests).toEqual([]);
  });
});
