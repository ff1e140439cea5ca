import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectError, expectOk, expectStarterHeaders, fixture, starterError, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('list_projects');

describe('list_projects', () => {
  it('sends GET /v1/projects with the default page size and returns compact projects', async () => {
    const { scope, sent } = vendor();
    scope.get('/v1/projects').query(true).reply(200, fixture('api-projects-page'));

    const envelope = expectOk(await call(name, {}));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: '/v1/projects', query: { page_size: '25' }, body: undefined });
    expectStarterHeaders(sent[0]);
    expect(envelope.data).toEqual([
      { id: 'prj_01hq3k5t8m', name: 'Website launch', openTasks: 12 },
      { id: 'prj_01hq3k7w2c', name: 'Q1 hiring', openTasks: 0 },
    ]);
    expect(envelope.nextCursor).toEqual(expect.any(String));
    expect(envelope.nextCursor).not.toContain('pt_');
    expect(envelope.warnings).toBeUndefined();
  });

  it('round-trips nextCursor into page_token and stops when the vendor has no next page', async () => {
    const runtime = createRuntime();
    const { scope, sent } = vendor();
    scope.get('/v1/projects').query(true).reply(200, fixture('api-projects-page'));
    const last = { items: [{ id: 'prj_01hq3k9x4d', name: 'Archive', archived: true, open_tasks: 1 }], next_page_token: null };
    scope.get('/v1/projects').query(true).reply(200, last);

    const first = expectOk(await runtime.call(name, { limit: 2 }));
    const second = expectOk(await runtime.call(name, { limit: 2, cursor: first.nextCursor }));

    expect(sent.map((r) => r.query)).toEqual([{ page_size: '2' }, { page_size: '2', page_token: 'pt_eyJvZmZzZXQiOjJ9' }]);
    expect(second.data).toEqual([{ id: 'prj_01hq3k9x4d', name: 'Archive', openTasks: 1 }]);
    expect(second).not.toHaveProperty('nextCursor');
  });

  it('reports the rate-limit headers in meta', async () => {
    const { scope } = vendor();
    scope
      .get('/v1/projects')
      .query(true)
      .reply(200, fixture('api-projects-page'), { 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '598', 'x-ratelimit-reset': '1767225600' });

    const envelope = expectOk(await call(name, {}));

    expect(envelope.meta.rateLimit).toEqual({ limit: 600, remaining: 598, resetAt: '2026-01-01T00:00:00.000Z' });
  });

  it.each([
    ['limit 0', { limit: 0 }],
    ['limit over the maximum', { limit: 101 }],
    ['a fractional limit', { limit: 2.5 }],
    ['an unknown argument', { projectId: 'prj_01hq3k5t8m' }],
    ['a cursor that is not ours', { cursor: 'not-a-cursor' }],
  ])('rejects %s as invalid_input without calling Starter', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });

  it('rejects a cursor issued by another tool', async () => {
    const runtime = createRuntime();
    const { scope, sent } = vendor();
    scope.get('/v1/tasks').query(true).reply(200, fixture('api-tasks-page'));
    const tasks = expectOk(await runtime.call(tool('list_tasks'), { projectId: 'prj_01hq3k5t8m' }));

    const error = expectError(await runtime.call(name, { cursor: tasks.nextCursor }), 'invalid_input');

    expect(error.message).toContain('cursor');
    expect(sent).toHaveLength(1);
  });

  it('maps a Starter 404 to not_found with the vendor code and message', async () => {
    const { scope } = vendor();
    scope.get('/v1/projects').query(true).reply(404, starterError('not_found', 'Workspace wsp_01hq3k0000aa was deleted.'));

    const error = expectError(await call(name, {}), 'not_found');

    expect(error).toMatchObject({ vendorCode: 'not_found', retryable: false });
    expect(error.message).toBe('Starter answered 404: Workspace wsp_01hq3k0000aa was deleted.');
  });

  it('answers unauthorized when Starter rejects the token, without echoing it', async () => {
    const { scope } = vendor();
    scope.get('/v1/projects').query(true).reply(401, starterError('invalid_token', 'The API token is invalid or revoked.'));

    const error = expectError(await call(name, {}), 'unauthorized');

    expect(error.vendorCode).toBe('invalid_token');
  });
});
