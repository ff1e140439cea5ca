import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectOk, expectStarterHeaders, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('get_task');
const taskId = 'tsk_01hq3k5t8m';

describe('get_task', () => {
  it('sends GET /v1/tasks/:id and returns the task with description and link, without vendor extras', async () => {
    const { scope, sent } = vendor();
    scope.get(`/v1/tasks/${taskId}`).reply(200, fixture('api-task'));

    const envelope = expectOk(await call(name, { taskId }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: `/v1/tasks/${taskId}`, query: {}, body: undefined });
    expectStarterHeaders(sent[0]);
    expect(envelope.data).toEqual({
      id: taskId,
      projectId: 'prj_01hq3k5t8m',
      title: 'Write the launch post',
      status: 'in_progress',
      assignee: 'Ada Lovelace',
      labels: ['docs', 'launch'],
      due: '2026-03-01',
      updated: '2026-01-21T09:30:00Z',
      description: 'Draft, get a review from Grace, publish on the blog.',
      url: 'https://app.starter.example/tasks/tsk_01hq3k5t8m',
    });
    expect(envelope).not.toHaveProperty('nextCursor');
  });

  it('returns an empty description when the task has none', async () => {
    const { scope } = vendor();
    scope.get(`/v1/tasks/${taskId}`).reply(200, { ...fixture('api-task'), description: null, assignee: null, due_date: null });

    const envelope = expectOk<Record<string, unknown>>(await call(name, { taskId }));

    expect(envelope.data).toMatchObject({ description: '', assignee: null, due: null });
  });

  it('maps the Starter 404 body to not_found with vendorCode and the vendor message', async () => {
    const { scope } = vendor();
    scope.get('/v1/tasks/tsk_01hq3k0000').reply(404, fixture('api-error-not-found'));

    const error = expectError(await call(name, { taskId: 'tsk_01hq3k0000' }), 'not_found');

    expect(error).toEqual({
      code: 'not_found',
      message: 'Starter answered 404: No task with id tsk_01hq3k0000 in this workspace.',
      retryable: false,
      vendorCode: 'not_found',
      hint: expect.any(String),
    });
  });

  it.each([
    ['a missing taskId', {}],
    ['a project id', { taskId: 'prj_01hq3k5t8m' }],
    ['a path that would escape /v1/tasks', { taskId: '../me' }],
    ['a number', { taskId: 42 }],
  ])('rejects %s as invalid_input without calling Starter', async (_label, args) => {
    const { sent } = vendor();
    const error = expectError(await call(name, args), 'invalid_input');
    expect(error.message).toMatch(/taskId/);
    expect(sent).toEqual([]);
  });

  it('retries a 503 once the vendor recovers, since a read is safe to repeat', async () => {
    const { scope, sent } = vendor();
    scope.get(`/v1/tasks/${taskId}`).reply(503, { error: { type: 'unavailable', message: 'Maintenance.' } }, { 'retry-after': '0' });
    scope.get(`/v1/tasks/${taskId}`).reply(200, fixture('api-task'));

    const envelope = expectOk<{ id: string }>(await call(name, { taskId }));

    expect(sent.map((r) => r.method)).toEqual(['GET', 'GET']);
    expect(envelope.data.id).toBe(taskId);
  });
});
