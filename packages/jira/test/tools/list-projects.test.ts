import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectError, expectJiraHeaders, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();

describe('jira_list_projects', () => {
  const name = tool('list_projects');

  it('GETs /rest/api/3/project/search with the lead expanded and returns compact projects with a cursor', async () => {
    const { scope, sent } = vendor();
    scope.get('/rest/api/3/project/search').query(true).reply(200, fixture('project-search'));

    const envelope = expectOk(await call(name, { limit: 2 }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'GET',
      path: '/rest/api/3/project/search',
      query: { startAt: '0', maxResults: '2', orderBy: 'key', expand: 'lead' },
    });
    expectJiraHeaders(sent[0]);
    expect(envelope.data).toEqual([
      { id: '10001', key: 'OPS', name: 'Operations', type: 'service_desk', lead: 'Mia Krystof' },
      { id: '10000', key: 'PROJ', name: 'Payments Platform', type: 'software', lead: 'Mia Krystof' },
    ]);
    expect(envelope.nextCursor).toEqual(expect.any(String));
  });

  it('filters by query and follows the cursor to the last page', async () => {
    const { scope, sent } = vendor();
    scope.get('/rest/api/3/project/search').query(true).reply(200, fixture('project-search'));
    scope
      .get('/rest/api/3/project/search')
      .query(true)
      .reply(200, { ...fixture('project-search'), startAt: 2, isLast: true, values: [fixture('project-search').values[0]] });
    const runtime = createRuntime();

    const first = expectOk(await runtime.call(name, { query: 'pay', limit: 2 }));
    const second = expectOk(await runtime.call(name, { query: 'pay', limit: 2, cursor: first.nextCursor }));

    expect(sent[0]!.query).toMatchObject({ query: 'pay' });
    expect(sent[1]!.query).toMatchObject({ startAt: '2', query: 'pay' });
    expect(second.nextCursor).toBeUndefined();
  });

  it('maps 401 to unauthorized with a hint about the credentials', async () => {
    const { scope } = vendor();
    scope
      .get('/rest/api/3/project/search')
      .query(true)
      .reply(401, { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} });
    const error = expectError(await call(name, {}), 'unauthorized');
    expect(error).toMatchObject({
      message: expect.stringContaining('not authenticated'),
      hint: expect.stringContaining('JIRA_API_TOKEN'),
      vendorCode: 'unauthorized',
    });
  });

  it('rejects a limit over 100 without calling Jira', async () => {
    const { sent } = vendor();
    expectError(await call(name, { limit: 1000 }), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
