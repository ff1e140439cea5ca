import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectOk, expectStarterHeaders, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('update_task');
const taskId = 'tsk_01hq3k5t8m';

describe('update_task', () => {
  it('sends PATCH /v1/tasks/:id with only the fields passed and returns the updated task', async () => {
    const { scope, sent } = vendor();
    scope.patch(`/v1/tasks/${taskId}`).reply(200, { ...fixture('api-task'), status: 'done', updated_at: '2026-01-22T08:00:00Z' });

    const envelope = expectOk<Record<string, unknown>>(await call(name, { taskId, status: 'done' }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'PATCH', path: `/v1/tasks/${taskId}`, query: {} });
    expectStarterHeaders(sent[0], { json: true });
    expect(sent[0]!.body).toEqual({ status: 'done' });
    expect(envelope.data).toMatchObject({ id: taskId, status: 'done', updated: '2026-01-22T08:00:00Z', description: expect.any(String) });
  });

  it('renames due and assigneeId to the vendor fields', async () => {
    const { scope, sent } = vendor();
    scope.patch(`/v1/tasks/${taskId}`).reply(200, fixture('api-task'));

    expectOk(await call(name, { taskId, title: 'Publish the launch post', labels: ['docs'], due: '2026-03-15', assigneeId: 'usr_01hq3k6b3cde' }));

    expect(sent[0]!.body).toEqual({ title: 'Publish the launch post', labels: ['docs'], due_date: '2026-03-15', assignee_id: 'usr_01hq3k6b3cde' });
  });

  it('sends null to clear the due date and unassign', async () => {
    const { scope, sent } = vendor();
    scope.patch(`/v1/tasks/${taskId}`).reply(200, { ...fixture('api-task'), due_date: null, assignee: null });

    const envelope = expectOk<Record<string, unknown>>(await call(name, { taskId, due: null, assigneeId: null }));

    expect(sent[0]!.body).toEqual({ due_date: null, assignee_id: null });
    expect(envelope.data).toMatchObject({ due: null, assignee: null });
  });

  it('retries the PATCH after a 503, since the same patch is safe to repeat', async () => {
    const { scope, sent } = vendor();
    scope.patch(`/v1/tasks/${taskId}`).reply(503, { error: { type: 'unavailable', message: 'Try again.' } }, { 'retry-after': '0' });
    scope.patch(`/v1/tasks/${taskId}`).reply(200, fixture('api-task'));

    expectOk(await call(name, { taskId, status: 'in_progress' }));

    expect(sent.map((r) => [r.method, r.body])).toEqual([
      ['PATCH', { status: 'in_progress' }],
      ['PATCH', { status: 'in_progress' }],
    ]);
  });

  it('maps the Starter 404 body to not_found with vendorCode', async () => {
    const { scope } = vendor();
    scope.patch('/v1/tasks/tsk_01hq3k0000').reply(404, fixture('api-error-not-found'));

    const error = expectError(await call(name, { taskId: 'tsk_01hq3k0000', status: 'done' }), 'not_found');

    expect(error).toMatchObject({ vendorCode: 'not_found', message: 'Starter answered 404: No task with id tsk_01hq3k0000 in this workspace.' });
  });

  it('refuses a call that changes nothing, without calling Starter', async () => {
    const { sent } = vendor();
    const error = expectError(await call(name, { taskId }), 'invalid_input');
    expect(error.message).toContain('Nothing to change');
    expect(sent).toEqual([]);
  });

  it.each([
    ['a missing taskId', { status: 'done' }],
    ['an unknown status', { taskId, status: 'archived' }],
    ['a malformed assignee id', { taskId, assigneeId: 'ada@example.com' }],
    ['a malformed due date', { taskId, due: 'tomorrow' }],
    ['a blank title', { taskId, title: '' }],
  ])('rejects %s as invalid_input without calling Starter', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
