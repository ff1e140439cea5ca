import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, fixture, lookup, PLATFORM, toolError, upstream, upstreamCalls } from '../harness.js';

useFakeVendor();
const created = { ...fixture('task'), id: 'tsk_103', title: 'Upgrade Node to 22 in CI', priority: 'medium' };

describe('coconut_tasks_create', () => {
  it('calls tasks_create with the fields given (the idempotencyKey stays here) and answers the task', async () => {
    upstream([lookup(), { tool: 'tasks_create', data: { task: created } }]);
    const runtime = createRuntime();

    const envelope = expectOk(
      await runtime.call('tasks_create', {
        coconutId: PLATFORM,
        title: 'Upgrade Node to 22 in CI',
        priority: 'medium',
        idempotencyKey: 'create-node22-ci-0001',
      }),
    );

    expect(upstreamCalls(runtime)).toEqual([
      { tool: 'coconuts_list', arguments: {} },
      { tool: 'tasks_create', arguments: { coconutId: PLATFORM, title: 'Upgrade Node to 22 in CI', priority: 'medium' } },
    ]);
    expect(envelope.data).toEqual({ task: created });
  });

  it('answers a repeat with the same idempotencyKey from the first result, without creating again', async () => {
    upstream([lookup(), { tool: 'tasks_create', data: { task: created } }]);
    const runtime = createRuntime();
    const args = { coconutId: PLATFORM, title: 'Upgrade Node to 22 in CI', idempotencyKey: 'create-node22-ci-0002' };

    const first = expectOk(await runtime.call('tasks_create', args));
    const again = expectOk(await runtime.call('tasks_create', args));

    expect(again.data).toEqual(first.data);
    expect(upstreamCalls(runtime).filter((c) => c.tool === 'tasks_create')).toHaveLength(1);
  });

  it('answers Coconut’s refusal on a stopped Coconut as forbidden', async () => {
    upstream([lookup(), toolError('tasks_create', 'Coconut cn_01J9ZK4M2Q is stopped; you cannot modify it')]);
    expectError(await createRuntime().call('tasks_create', { coconutId: PLATFORM, title: 'x' }), 'forbidden');
  });

  it('refuses an empty title without calling Coconut', async () => {
    const runtime = createRuntime();
    expectError(await runtime.call('tasks_create', { coconutId: PLATFORM, title: '' }), 'invalid_input');
    expect(runtime.requests).toEqual([]);
  });
});
