import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectJiraHeaders, expectOk, fixtures, jiraApi, tool } from './fixtures/api.js';

useFakeVendor();
const PATH = '/rest/api/3/issue/PROJ-123/comment';

describe('jira_list_comments', () => {
  const name = tool('list_comments');

  it('GETs the newest comments first and returns Markdown bodies with a cursor', async () => {
    const { scope, sent } = jiraApi();
    scope.get(PATH).query(true).reply(200, fixtures.commentsPage());

    const envelope = expectOk(await createRuntime().callTool(name, { issueKey: 'PROJ-123', limit: 2 }));

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
    const { scope, sent } = jiraApi();
    scope
      .get(PATH)
      .query(true)
      .reply(200, { ...fixtures.commentsPage(), startAt: 0 });
    scope
      .get(PATH)
      .query(true)
      .reply(200, { startAt: 2, maxResults: 2, total: 3, comments: [fixtures.commentCreated()] });
    const runtime = createRuntime();

    const first = expectOk(await runtime.callTool(name, { issueKey: 'PROJ-123', limit: 2 }));
    const second = expectOk(await runtime.callTool(name, { issueKey: 'PROJ-123', limit: 2, cursor: first.nextCursor }));

    expect(sent[1]!.query).toEqual({ startAt: '2', maxResults: '2', orderBy: '-created' });
    expect(second.nextCursor).toBeUndefined();
  });

  it('maps 404 to not_found', async () => {
    const { scope } = jiraApi();
    scope.get('/rest/api/3/issue/PROJ-999/comment').query(true).reply(404, fixtures.errorNotFound());
    expectError(await createRuntime().callTool(name, { issueKey: 'PROJ-999' }), 'not_found');
  });

  it.each([
    ['a limit over 100', { issueKey: 'PROJ-123', limit: 500 }],
    ['an unknown argument', { issueKey: 'PROJ-123', order: 'oldest' }],
    ['a malformed key', { issueKey: 'proj_123' }],
  ])('rejects %s as invalid_input without calling Jira', async (_label, args) => {
    const { sent } = jiraApi();
    expectError(await createRuntime().callTool(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});

describe('jira_add_comment', () => {
  const name = tool('add_comment');

  it('POSTs the Markdown body as ADF, with mentions, and returns the compact comment', async () => {
    const { scope, sent } = jiraApi();
    scope.post(PATH).reply(201, fixtures.commentCreated());

    const envelope = expectOk(
      await createRuntime().callTool(name, { issueKey: 'PROJ-123', body: 'Reproduced on **staging**, cc [@Emma Richards](mention:5b10ac8d82e05b22cc7d4ef5)' }),
    );

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: PATH, query: {} });
    expectJiraHeaders(sent[0], { json: true });
    expect(sent[0]!.body).toEqual({
      body: {
        type: 'doc',
        version: 1,
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Reproduced on ' },
              { type: 'text', text: 'staging', marks: [{ type: 'strong' }] },
              { type: 'text', text: ', cc ' },
              { type: 'mention', attrs: { id: '5b10ac8d82e05b22cc7d4ef5', text: '@Emma Richards', accessLevel: '' } },
            ],
          },
        ],
      },
    });
    expect(envelope.data).toEqual({ id: '10103', author: 'Mia Krystof', created: '2025-11-21T09:00:00Z', body: 'Reproduced on **staging**.' });
  });

  it('restricts visibility to a project role or a group', async () => {
    const { scope, sent } = jiraApi();
    scope.post(PATH).reply(201, { ...fixtures.commentCreated(), visibility: { type: 'role', value: 'Developers', identifier: 'Developers' } });
    scope
      .post(PATH)
      .reply(201, { ...fixtures.commentCreated(), visibility: { type: 'group', value: 'jira-payments', identifier: '276f955c-63d7-42c8-9520-92d01dca0625' } });

    const envelope = expectOk<{ visibility: string }>(
      await createRuntime().callTool(name, { issueKey: 'PROJ-123', body: 'internal', visibleTo: 'role:Developers' }),
    );
    const group = expectOk<{ visibility: string }>(
      await createRuntime().callTool(name, { issueKey: 'PROJ-123', body: 'internal', visibleTo: 'group:jira-payments' }),
    );

    expect(sent.map((r) => (r.body as { visibility: unknown }).visibility)).toEqual([
      { type: 'role', value: 'Developers' },
      { type: 'group', value: 'jira-payments' },
    ]);
    expect(envelope.data.visibility).toBe('role:Developers');
    expect(group.data.visibility).toBe('group:jira-payments');
  });

  it('reports a comment that is too large', async () => {
    const { scope } = jiraApi();
    scope.post(PATH).reply(400, { errorMessages: [], errors: { comment: 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.' } });
    const error = expectError(await createRuntime().callTool(name, { issueKey: 'PROJ-123', body: 'long' }), 'invalid_input');
    expect(error.message).toContain('comment: The entered text is too long');
  });

  it.each([
    ['an empty body', { issueKey: 'PROJ-123', body: '   ' }],
    ['an unknown visibility kind', { issueKey: 'PROJ-123', body: 'x', visibleTo: 'user:mia' }],
    ['a visibility without a name', { issueKey: 'PROJ-123', body: 'x', visibleTo: 'role:' }],
    ['a body over 30000 characters', { issueKey: 'PROJ-123', body: 'x'.repeat(30_001) }],
  ])('rejects %s as invalid_input without calling Jira', async (_label, args) => {
    const { sent } = jiraApi();
    expectError(await createRuntime().callTool(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
