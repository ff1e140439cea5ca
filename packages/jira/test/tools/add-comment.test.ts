import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectJiraHeaders, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const PATH = '/rest/api/3/issue/PROJ-123/comment';

describe('jira_add_comment', () => {
  const name = tool('add_comment');

  it('POSTs the Markdown body as ADF, with mentions, and returns the compact comment', async () => {
    const { scope, sent } = vendor();
    scope.post(PATH).reply(201, fixture('comment-created'));

    const envelope = expectOk(
      await call(name, { issueKey: 'PROJ-123', body: 'Reproduced on **staging**, cc [@Emma Richards](mention:5b10ac8d82e05b22cc7d4ef5)' }),
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
    const { scope, sent } = vendor();
    scope.post(PATH).reply(201, { ...fixture('comment-created'), visibility: { type: 'role', value: 'Developers', identifier: 'Developers' } });
    scope
      .post(PATH)
      .reply(201, { ...fixture('comment-created'), visibility: { type: 'group', value: 'jira-payments', identifier: '276f955c-63d7-42c8-9520-92d01dca0625' } });

    const envelope = expectOk<{ visibility: string }>(await call(name, { issueKey: 'PROJ-123', body: 'internal', visibleTo: 'role:Developers' }));
    const group = expectOk<{ visibility: string }>(await call(name, { issueKey: 'PROJ-123', body: 'internal', visibleTo: 'group:jira-payments' }));

    expect(sent.map((r) => (r.body as { visibility: unknown }).visibility)).toEqual([
      { type: 'role', value: 'Developers' },
      { type: 'group', value: 'jira-payments' },
    ]);
    expect(envelope.data.visibility).toBe('role:Developers');
    expect(group.data.visibility).toBe('group:jira-payments');
  });

  it('reports a comment that is too large', async () => {
    const { scope } = vendor();
    scope.post(PATH).reply(400, { errorMessages: [], errors: { comment: 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.' } });
    const error = expectError(await call(name, { issueKey: 'PROJ-123', body: 'long' }), 'invalid_input');
    expect(error.message).toContain('comment: The entered text is too long');
  });

  it.each([
    ['an empty body', { issueKey: 'PROJ-123', body: '   ' }],
    ['an unknown visibility kind', { issueKey: 'PROJ-123', body: 'x', visibleTo: 'user:mia' }],
    ['a visibility without a name', { issueKey: 'PROJ-123', body: 'x', visibleTo: 'role:' }],
    ['a body over 30000 characters', { issueKey: 'PROJ-123', body: 'x'.repeat(30_001) }],
  ])('rejects %s as invalid_input without calling Jira', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
