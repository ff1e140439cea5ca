import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, fixture, lookup, PLATFORM, toolError, upstream, upstreamCalls } from '../harness.js';

useFakeVendor();

describe('coconut_task_update', () => {
  it('calls task_update with only the fields given and answers the task', async () => {
    upstream([lookup(), { tool: 'task_update', data: { task: { ...fixture('task'), status: 'done' } } }]);
    const runtime = createRuntime();

    const envelope = expectOk(await runtime.call('task_update', { coconutId: PLATFORM, taskId: 'tsk_101', status: 'done' }));

    expect(upstreamCalls(runtime)).toEqual([
      { tool: 'coconuts_list', arguments: {} },
      { tool: 'task_update', arguments: { coconutId: PLATFORM, taskId: 'tsk_101', status: 'done' } },
    ]);
    expect(envelope.data).toEqual({ task: { ...fixture('task'), status: 'done' } });
  });

  it('refuses an update with nothing to change, before any request', async () => {
    const runtime = createRuntime();
    const error = expectError(await runtime.call('task_update', { coconutId: PLATFORM, taskId: 'tsk_101' }), 'invalid_input');
    expect(error.message).toContain('Nothing to update');
    expect(runtime.requests).toEqual([]);
  });

  it('answers Coconut’s "not found" as not_found', async () => {
    upstream([lookup(), toolError('task_update', 'Task tsk_999 not found')]);
    expectError(await createRuntime().call('task_update', { coconutId: PLATFORM, taskId: 'tsk_999', status: 'done' }), 'not_found');
  });
});
