import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectError, expectOk, expectStarterHeaders, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('delete_task');
const taskId = 'tsk_01hq3k5t8m';

describe('delete_task', () => {
  it('sends DELETE /v1/tasks/:id and confirms the deletion', async () => {
    const { scope, sent } = vendor();
    scope.delete(`/v1/tasks/${taskId}`).reply(204);

    const envelope = expectOk(await call(name, { taskId }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'DELETE', path: `/v1/tasks/${taskId}`, query: {}, body: undefined });
    expectStarterHeaders(sent[0]);
    expect(envelope.data).toEqual({ id: taskId, deleted: true });
  });

  it('is advertised as destructive', () => {
    const listed = createRuntime()
      .listTools()
      .find((t) => t.name === name);
    expect(listed?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
  });

  it('maps the Starter 404 body to not_found with vendorCode', async () => {
    const { scope } = vendor();
    scope.delete('/v1/tasks/tsk_01hq3k0000').reply(404, fixture('api-error-not-found'));

    const error = expectError(await call(name, { taskId: 'tsk_01hq3k0000' }), 'not_found');

    expect(error).toMatchObject({
      vendorCode: 'not_found',
      retryable: false,
      message: 'Starter answered 404: No task with id tsk_01hq3k0000 in this workspace.',
    });
  });

  it('maps a 403 to forbidden', async () => {
    const { scope } = vendor();
    scope.delete(`/v1/tasks/${taskId}`).reply(403, { error: { type: 'insufficient_scope', message: 'This token lacks tasks:delete.' } });

    const error = expectError(await call(name, { taskId }), 'forbidden');

    expect(error.vendorCode).toBe('insufficient_scope');
  });

  it.each([
    ['a missing taskId', {}],
    ['a project id', { taskId: 'prj_01hq3k5t8m' }],
    ['an id with a slash', { taskId: 'tsk_01hq3k5t8m/comments' }],
  ])('rejects %s as invalid_input without calling Starter', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
