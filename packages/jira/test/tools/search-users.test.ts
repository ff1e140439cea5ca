import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectError, expectJiraHeaders, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();

describe('jira_search_users', () => {
  const name = tool('search_users');

  it('GETs /rest/api/3/user/search and returns account ids, names, emails when visible, inactive and app accounts marked', async () => {
    const { scope, sent } = vendor();
    scope.get('/rest/api/3/user/search').query(true).reply(200, fixture('user-search'));

    const envelope = expectOk(await call(name, { query: 'mia@example.com' }));

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
    const { scope, sent } = vendor();
    scope.get('/rest/api/3/user/search').query(true).reply(200, fixture('user-search').slice(0, 2));
    scope.get('/rest/api/3/user/search').query(true).reply(200, []);
    const runtime = createRuntime();

    const first = expectOk(await runtime.call(name, { query: 'a', limit: 2 }));
    const second = expectOk(await runtime.call(name, { query: 'a', limit: 2, cursor: first.nextCursor }));

    expect(sent[1]!.query).toMatchObject({ startAt: '2' });
    expect(second.data).toEqual([]);
    expect(second.nextCursor).toBeUndefined();
  });

  it('maps a missing Browse users permission to forbidden', async () => {
    const { scope } = vendor();
    scope
      .get('/rest/api/3/user/search')
      .query(true)
      .reply(403, { errorMessages: ['You do not have the permission to see the specified users.'], errors: {} });
    expectError(await call(name, { query: 'mia' }), 'forbidden');
  });

  it('rejects an empty query and a limit over 50 without calling Jira', async () => {
    const { sent } = vendor();
    expectError(await call(name, { query: ' ' }), 'invalid_input');
    expectError(await call(name, { query: 'mia', limit: 51 }), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
