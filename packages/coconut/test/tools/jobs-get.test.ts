import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, fixture, lookup, PLATFORM, toolError, upstream, upstreamCalls } from '../harness.js';

useFakeVendor();
const job = { ...fixture('job'), runs: [{ id: 'run_1', status: 'succeeded', startedAt: '2026-12-02T03:00:00Z' }] };

describe('coconut_jobs_get', () => {
  it('calls jobs_get with the job id and answers the job with its runs', async () => {
    upstream([lookup(), { tool: 'jobs_get', data: { job } }]);
    const runtime = createRuntime();

    const envelope = expectOk(await runtime.call('jobs_get', { coconutId: PLATFORM, jobId: 'job_nightly' }));

    expect(upstreamCalls(runtime)).toEqual([
      { tool: 'coconuts_list', arguments: {} },
      { tool: 'jobs_get', arguments: { coconutId: PLATFORM, jobId: 'job_nightly' } },
    ]);
    expect(envelope.data).toEqual({ job });
  });

  it('answers Coconut’s "not found" as not_found', async () => {
    upstream([lookup(), toolError('jobs_get', 'Job job_gone not found')]);
    expectError(await createRuntime().call('jobs_get', { coconutId: PLATFORM, jobId: 'job_gone' }), 'not_found');
  });

  it('refuses a missing jobId without calling Coconut', async () => {
    const runtime = createRuntime();
    expectError(await runtime.call('jobs_get', { coconutId: PLATFORM }), 'invalid_input');
    expect(runtime.requests).toEqual([]);
  });
});
