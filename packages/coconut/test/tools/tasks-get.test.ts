import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, fixture, lookup, PLATFORM, toolError, upstream, upstreamCalls } from '../harness.js';

useFakeVendor();

describe('coconut_tasks_get', () => {
  it('looks the Coconut up, calls tasks_get with it and the task, and answers the whole task', async () => {
    upstream([lookup(), { tool: 'tasks_get', data: { task: { ...fixture('task'), description: 'Rotate it in Vault, then redeploy.' } } }]);
    const runtime = createRuntime();

    const envelope = expectOk(await runtime.call('tasks_get', { coconutId: PLATFORM, taskId: 'tsk_101' }));

    expect(upstreamCalls(runtime)).toEqual([
      { tool: 'coconuts_list', arguments: {} },
      { tool: 'tasks_get', arguments: { coconutId: PLATFORM, taskId: 'tsk_101' } },
    ]);
    expect(envelope.data).toEqual({ task: { ...fixture('task'), description: 'Rotate it in Vault, then redeploy.' } });
  });

  it('sends the id of a Coconut given by its name', async () => {
    upstream([lookup(), { tool: 'tasks_get', data: { task: fixture('task') } }]);
    const runtime = createRuntime();
    expectOk(await runtime.call('tasks_get', { coconutId: 'platform', taskId: 'tsk_101' }));
    expect(upstreamCalls(runtime)[1]).toEqual({ tool: 'tasks_get', arguments: { coconutId: PLATFORM, taskId: 'tsk_101' } });
  });

  it('answers Coconut’s "not found" as not_found, with its message', async () => {
    upstream([lookup(), toolError('tasks_get', 'Task tsk_999 not found')]);
    const error = expectError(await createRuntime().call('tasks_get', { coconutId: PLATFORM, taskId: 'tsk_999' }), 'not_found');
    expect(error.message).toContain('Task tsk_999 not found');
  });

  it('refuses a missing taskId without calling Coconut', async () => {
    const runtime = createRuntime();
    expectError(await runtime.call('tasks_get', { coconutId: PLATFORM }), 'invalid_input');
    expect(runtime.requests).toEqual([]);
  });
});
