import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectJiraHeaders, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const PATH = '/rest/api/3/issue/PROJ-123/transitions';

describe('jira_transition_issue', () => {
  const name = tool('transition_issue');

  it('finds the transition by target status, POSTs it with fields and a Markdown comment, and reports the new status', async () => {
    const { scope, sent } = vendor();
    scope.get(PATH).query(true).reply(200, fixture('transitions'));
    scope.post(PATH).reply(204);

    const envelope = expectOk(await call(name, { issueKey: 'PROJ-123', status: 'in progress', comment: 'Picking this up **today**.' }));

    expect(sent.map((r) => [r.method, r.path])).toEqual([
      ['GET', PATH],
      ['POST', PATH],
    ]);
    expectJiraHeaders(sent[1], { json: true });
    expect(sent[1]!.body).toEqual({
      transition: { id: '21' },
      update: {
        comment: [
          {
            add: {
              body: {
                type: 'doc',
                version: 1,
                content: [
                  {
                    type: 'paragraph',
                    content: [
                      { type: 'text', text: 'Picking this up ' },
                      { type: 'text', text: 'today', marks: [{ type: 'strong' }] },
                      { type: 'text', text: '.' },
                    ],
                  },
                ],
              },
            },
          },
        ],
      },
    });
    expect(envelope.data).toEqual({ key: 'PROJ-123', transition: { id: '21', name: 'Start progress' }, status: 'In Progress' });
  });

  it('prefers the transition named like the status when several lead there, and sends screen fields', async () => {
    const { scope, sent } = vendor();
    scope.get(PATH).query(true).reply(200, fixture('transitions'));
    scope.post(PATH).reply(204);

    const envelope = expectOk(await call(name, { issueKey: 'PROJ-123', status: 'Done', fields: { resolution: { name: 'Done' } } }));

    expect(sent[1]!.body).toEqual({ transition: { id: '31' }, fields: { resolution: { name: 'Done' } } });
    expect(envelope.data).toMatchObject({ transition: { id: '31', name: 'Done' }, status: 'Done' });
  });

  it('uses a transitionId as given', async () => {
    const { scope, sent } = vendor();
    scope.get(PATH).query(true).reply(200, fixture('transitions'));
    scope.post(PATH).reply(204);

    const envelope = expectOk(await call(name, { issueKey: 'PROJ-123', transitionId: '41' }));

    expect(sent[1]!.body).toEqual({ transition: { id: '41' } });
    expect(envelope.data).toMatchObject({ transition: { id: '41', name: 'Close as duplicate' }, status: 'Done' });
  });

  it('lists what is available when no transition leads to the status, without POSTing', async () => {
    const { scope, sent } = vendor();
    scope.get(PATH).query(true).reply(200, fixture('transitions'));

    const error = expectError(await call(name, { issueKey: 'PROJ-123', status: 'In Review' }), 'invalid_input');

    expect(error.message).toBe(
      'No transition to "In Review" is available for PROJ-123 now. Available: To Do → To Do (id 11); Start progress → In Progress (id 21); Done → Done (id 31); Close as duplicate → Done (id 41).',
    );
    expect(sent).toHaveLength(1);
  });

  it('asks for a transitionId when several transitions match and none by name', async () => {
    const { scope } = vendor();
    const body = fixture('transitions');
    body.transitions[2]!.name = 'Resolve';
    scope.get(PATH).query(true).reply(200, body);

    const error = expectError(await call(name, { issueKey: 'PROJ-123', status: 'done' }), 'invalid_input');
    expect(error).toMatchObject({
      message: expect.stringContaining('Resolve (id 31); Close as duplicate (id 41)'),
      hint: expect.stringContaining('transitionId'),
    });
  });

  it('refuses an unavailable transitionId', async () => {
    const { scope } = vendor();
    scope.get(PATH).query(true).reply(200, fixture('transitions'));
    const error = expectError(await call(name, { issueKey: 'PROJ-123', transitionId: '99' }), 'invalid_input');
    expect(error.message).toContain('Transition 99 is not available for PROJ-123 now');
  });

  it('passes on a required-field error from Jira by name', async () => {
    const { scope } = vendor();
    scope.get(PATH).query(true).reply(200, fixture('transitions'));
    scope.post(PATH).reply(400, { errorMessages: [], errors: { resolution: 'Resolution is required.' } });

    const error = expectError(await call(name, { issueKey: 'PROJ-123', transitionId: '31' }), 'invalid_input');
    expect(error).toMatchObject({ message: 'Jira answered 400: resolution: Resolution is required.', vendorCode: 'field_errors:resolution' });
  });

  it.each([
    ['neither status nor transitionId', { issueKey: 'PROJ-123' }],
    ['both status and transitionId', { issueKey: 'PROJ-123', status: 'Done', transitionId: '31' }],
    ['a non-numeric transitionId', { issueKey: 'PROJ-123', transitionId: 'done' }],
  ])('rejects %s as invalid_input without calling Jira', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
