import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectJiraHeaders, expectOk, fixtures, jiraApi, tool } from './fixtures/api.js';

useFakeVendor();

describe('jira_list_projects', () => {
  const name = tool('list_projects');

  it('GETs /rest/api/3/project/search with the lead expanded and returns compact projects with a cursor', async () => {
    const { scope, sent } = jiraApi();
    scope.get('/rest/api/3/project/search').query(true).reply(200, fixtures.projectSearch());

    const envelope = expectOk(await createRuntime().callTool(name, { limit: 2 }));

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
    const { scope, sent } = jiraApi();
    scope.get('/rest/api/3/project/search').query(true).reply(200, fixtures.projectSearch());
    scope
      .get('/rest/api/3/project/search')
      .query(true)
      .reply(200, { ...fixtures.projectSearch(), startAt: 2, isLast: true, values: [fixtures.projectSearch().values[0]] });
    const runtime = createRuntime();

    const first = expectOk(await runtime.callTool(name, { query: 'pay', limit: 2 }));
    const second = expectOk(await runtime.callTool(name, { query: 'pay', limit: 2, cursor: first.nextCursor }));

    expect(sent[0]!.query).toMatchObject({ query: 'pay' });
    expect(sent[1]!.query).toMatchObject({ startAt: '2', query: 'pay' });
    expect(second.nextCursor).toBeUndefined();
  });

  it('maps 401 to unauthorized with a hint about the credentials', async () => {
    const { scope } = jiraApi();
    scope
      .get('/rest/api/3/project/search')
      .query(true)
      .reply(401, { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} });
    const error = expectError(await createRuntime().callTool(name, {}), 'unauthorized');
    expect(error).toMatchObject({
      message: expect.stringContaining('not authenticated'),
      hint: expect.stringContaining('JIRA_API_TOKEN'),
      vendorCode: 'unauthorized',
    });
  });

  it('rejects a limit over 100 without calling Jira', async () => {
    const { sent } = jiraApi();
    expectError(await createRuntime().callTool(name, { limit: 1000 }), 'invalid_input');
    expect(sent).toEqual([]);
  });
});

describe('jira_search_users', () => {
  const name = tool('search_users');

  it('GETs /rest/api/3/user/search and returns account ids, names, emails when visible, inactive and app accounts marked', async () => {
    const { scope, sent } = jiraApi();
    scope.get('/rest/api/3/user/search').query(true).reply(200, fixtures.userSearch());

    const envelope = expectOk(await createRuntime().callTool(name, { query: 'mia@example.com' }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/user/search', query: { query: 'mia@example.com', startAt: '0', maxResults: '10' } });
    expectJiraHeaders(sent[0]);
    expect(envelope.data).toEqual([
      { accountId: '5b10a2844c20165700ede21g', name: 'Mia Krystof', email: 'mia@example.com', active: true },
      { accountId: '5b10ac8d82e05b22cc7d4ef5', name: 'Emma Richards', active: false },
      { accountId: '557058:0867a421-a9ee-4659-801a-bc0ee4a4487e', name: 'Automation for Jira', active: true, type: 'app' },
    ]);
    expect(envelope.nextCursor).toBeUndefined();
  });

  it('offers a cursor when the page is full', async () => {
    const { scope, sent } = jiraApi();
    scope.get('/rest/api/3/user/search').query(true).reply(200, fixtures.userSearch().slice(0, 2));
    scope.get('/rest/api/3/user/search').query(true).reply(200, []);
    const runtime = createRuntime();

    const first = expectOk(await runtime.callTool(name, { query: 'a', limit: 2 }));
    const second = expectOk(await runtime.callTool(name, { query: 'a', limit: 2, cursor: first.nextCursor }));

    expect(sent[1]!.query).toMatchObject({ startAt: '2' });
    expect(second.data).toEqual([]);
    expect(second.nextCursor).toBeUndefined();
  });

  it('maps a missing Browse users permission to forbidden', async () => {
    const { scope } = jiraApi();
    scope
      .get('/rest/api/3/user/search')
      .query(true)
      .reply(403, { errorMessages: ['You do not have the permission to see the specified users.'], errors: {} });
    expectError(await createRuntime().callTool(name, { query: 'mia' }), 'forbidden');
  });

  it('rejects an empty query and a limit over 50 without calling Jira', async () => {
    const { sent } = jiraApi();
    expectError(await createRuntime().callTool(name, { query: ' ' }), 'invalid_input');
    expectError(await createRuntime().callTool(name, { query: 'mia', limit: 51 }), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
