import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectError, expectOk, expectStarterHeaders, fixture, starterError, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('list_tasks');
const projectId = 'prj_01hq3k5t8m';

describe('list_tasks', () => {
  it('sends GET /v1/tasks for the project and returns compact rows without descriptions', async () => {
    const { scope, sent } = vendor();
    scope.get('/v1/tasks').query(true).reply(200, fixture('api-tasks-page'));

    const envelope = expectOk(await call(name, { projectId }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: '/v1/tasks', query: { project_id: projectId, page_size: '10' }, body: undefined });
    expectStarterHeaders(sent[0]);
    expect(envelope.data).toEqual([
      {
        id: 'tsk_01hq3k5t8m',
        projectId,
        title: 'Write the launch post',
        status: 'in_progress',
        assignee: 'Ada Lovelace',
        labels: ['docs', 'launch'],
        due: '2026-03-01',
        updated: '2026-01-21T09:30:00Z',
      },
      {
        id: 'tsk_01hq3k6q2r',
        projectId,
        title: 'Book the venue',
        status: 'open',
        assignee: null,
        labels: [],
        due: null,
        updated: '2026-01-10T15:20:00Z',
      },
    ]);
    expect(envelope.nextCursor).toEqual(expect.any(String));
  });

  it('passes the status filter and limit through', async () => {
    const { scope, sent } = vendor();
    scope.get('/v1/tasks').query(true).reply(200, { items: [], next_page_token: null });

    const envelope = expectOk(await call(name, { projectId, status: 'open', limit: 5 }));

    expect(sent[0]!.query).toEqual({ project_id: projectId, status: 'open', page_size: '5' });
    expect(envelope.data).toEqual([]);
    expect(envelope).not.toHaveProperty('nextCursor');
  });

  it('round-trips nextCursor into page_token with the same filters', async () => {
    const runtime = createRuntime();
    const { scope, sent } = vendor();
    scope.get('/v1/tasks').query(true).reply(200, fixture('api-tasks-page'));
    scope
      .get('/v1/tasks')
      .query(true)
      .reply(200, { items: [fixture('api-task')], next_page_token: null });

    const first = expectOk(await runtime.call(name, { projectId, status: 'in_progress' }));
    const second = expectOk<unknown[]>(await runtime.call(name, { projectId, status: 'in_progress', cursor: first.nextCursor }));

    expect(sent[1]!.query).toEqual({ project_id: projectId, status: 'in_progress', page_size: '10', page_token: 'pt_eyJvZmZzZXQiOjJ9' });
    expect(second.data).toHaveLength(1);
    expect(second).not.toHaveProperty('nextCursor');
  });

  it.each([
    ['a missing projectId', {}],
    ['a task id where a project id belongs', { projectId: 'tsk_01hq3k5t8m' }],
    ['an unknown status', { projectId, status: 'blocked' }],
    ['limit over the maximum', { projectId, limit: 500 }],
    ['a tampered cursor', { projectId, cursor: Buffer.from('{"t":"other","s":"pt_x"}').toString('base64url') }],
  ])('rejects %s as invalid_input without calling Starter', async (_label, args) => {
    const { sent } = vendor();
    const error = expectError(await call(name, args), 'invalid_input');
    expect(error.retryable).toBe(false);
    expect(sent).toEqual([]);
  });

  it('maps a Starter 404 for an unknown project to not_found with the vendor code', async () => {
    const { scope } = vendor();
    scope.get('/v1/tasks').query(true).reply(404, starterError('not_found', 'No project with id prj_01hq3k5t8m.'));

    const error = expectError(await call(name, { projectId }), 'not_found');

    expect(error).toMatchObject({ vendorCode: 'not_found', message: 'Starter answered 404: No project with id prj_01hq3k5t8m.' });
    expect(error.hint).toEqual(expect.any(String));
  });

  it('answers rate_limited with retryAfterMs instead of sleeping through a long Retry-After', async () => {
    const { scope, sent } = vendor();
    // One reply only: a retry would be an unexpected request and fail the test.
    scope.get('/v1/tasks').query(true).reply(429, starterError('rate_limited', 'Slow down.'), { 'retry-after': '30' });

    const error = expectError(await call(name, { projectId }), 'rate_limited');

    expect(sent).toHaveLength(1);
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 30_000, vendorCode: 'rate_limited' });
  });
});
