import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectError, expectJiraHeaders, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const PATH = '/rest/api/3/issue/PROJ-123/comment';

describe('jira_list_comments', () => {
  const name = tool('list_comments');

  it('GETs the newest comments first and returns Markdown bodies with a cursor', async () => {
    const { scope, sent } = vendor();
    scope.get(PATH).query(true).reply(200, fixture('comments-page'));

    const envelope = expectOk(await call(name, { issueKey: 'PROJ-123', limit: 2 }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: PATH, query: { startAt: '0', maxResults: '2', orderBy: '-created' } });
    expectJiraHeaders(sent[0]);
    expect(envelope.data).toEqual([
      {
        id: '10102',
        author: 'Mia Krystof',
        created: '2025-11-20T08:00:00Z',
        updated: '2025-11-20T08:30:00Z',
        body: 'Fixed in [checkout-service#412](https://git.example.com/checkout-service/pull/412), please verify [@Emma Richards](mention:5b10ac8d82e05b22cc7d4ef5).',
      },
      { id: '10101', author: 'Emma Richards', created: '2025-11-19T14:12:00Z', body: 'Only **Visa** cards are affected.', visibility: 'role:Developers' },
    ]);
    expect(envelope.nextCursor).toEqual(expect.any(String));
  });

  it('follows the cursor with startAt and stops at the total', async () => {
    const { scope, sent } = vendor();
    scope
      .get(PATH)
      .query(true)
      .reply(200, { ...fixture('comments-page'), startAt: 0 });
    scope
      .get(PATH)
      .query(true)
      .reply(200, { startAt: 2, maxResults: 2, total: 3, comments: [fixture('comment-created')] });
    const runtime = createRuntime();

    const first = expectOk(await runtime.call(name, { issueKey: 'PROJ-123', limit: 2 }));
    const second = expectOk(await runtime.call(name, { issueKey: 'PROJ-123', limit: 2, cursor: first.nextCursor }));

    expect(sent[1]!.query).toEqual({ startAt: '2', maxResults: '2', orderBy: '-created' });
    expect(second.nextCursor).toBeUndefined();
  });

  it('maps 404 to not_found', async () => {
    const { scope } = vendor();
    scope.get('/rest/api/3/issue/PROJ-999/comment').query(true).reply(404, fixture('error-not-found'));
    expectError(await call(name, { issueKey: 'PROJ-999' }), 'not_found');
  });

  it.each([
    ['a limit over 100', { issueKey: 'PROJ-123', limit: 500 }],
    ['an unknown argument', { issueKey: 'PROJ-123', order: 'oldest' }],
    ['a malformed key', { issueKey: 'proj_123' }],
  ])('rejects %s as invalid_input without calling Jira', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
