import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectError, expectJiraHeaders, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('update_issue');

describe('jira_update_issue', () => {
  it('PUTs only the fields passed, with returnIssue, and returns the changed fields and a compact row', async () => {
    const { scope, sent } = vendor();
    scope
      .put('/rest/api/3/issue/PROJ-123')
      .query({ returnIssue: 'true' })
      .reply(200, { ...fixture('issue-full'), fields: { ...fixture('issue-full').fields, summary: 'Checkout fails for saved Visa cards' } });

    const envelope = expectOk(await call(name, { issueKey: 'PROJ-123', summary: 'Checkout fails for saved Visa cards', description: 'Only *Visa*.' }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'PUT', path: '/rest/api/3/issue/PROJ-123', query: { returnIssue: 'true' } });
    expectJiraHeaders(sent[0], { json: true });
    expect(sent[0]!.body).toEqual({
      fields: {
        summary: 'Checkout fails for saved Visa cards',
        description: {
          type: 'doc',
          version: 1,
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Only ' },
                { type: 'text', text: 'Visa', marks: [{ type: 'em' }] },
                { type: 'text', text: '.' },
              ],
            },
          ],
        },
      },
    });
    expect(envelope.data).toEqual({
      key: 'PROJ-123',
      changed: ['summary', 'description'],
      issue: {
        key: 'PROJ-123',
        summary: 'Checkout fails for saved Visa cards',
        status: 'In Progress',
        type: 'Bug',
        priority: 'High',
        assignee: 'Mia Krystof',
        updated: '2025-11-20T13:03:09Z',
      },
    });
  });

  it('unassigns with null, clears the description with an empty string, and adds/removes labels without replacing the rest', async () => {
    const { scope, sent } = vendor();
    scope.put('/rest/api/3/issue/PROJ-123').query(true).reply(204);

    const envelope = expectOk(
      await call(name, {
        issueKey: 'PROJ-123',
        assigneeAccountId: null,
        description: '',
        addLabels: ['regression'],
        removeLabels: ['triage'],
      }),
    );

    expect(sent[0]!.body).toEqual({ fields: { description: null, assignee: null }, update: { labels: [{ add: 'regression' }, { remove: 'triage' }] } });
    expect(envelope.data).toEqual({ key: 'PROJ-123', changed: ['description', 'assignee', 'labels'] });
  });

  it('sets other fields by id and the parent', async () => {
    const { scope, sent } = vendor();
    scope.put('/rest/api/3/issue/PROJ-123').query(true).reply(204);

    expectOk(
      await call(name, {
        issueKey: 'PROJ-123',
        parentKey: 'PROJ-100',
        fields: { priority: { name: 'Highest' }, labels: ['a', 'b'], customfield_10016: 8, duedate: '2025-12-01' },
      }),
    );

    expect(sent[0]!.body).toEqual({
      fields: { parent: { key: 'PROJ-100' }, priority: { name: 'Highest' }, labels: ['a', 'b'], customfield_10016: 8, duedate: '2025-12-01' },
    });
  });

  it('repeats the PUT after a 503, since the same update is safe to repeat', async () => {
    const { scope, sent } = vendor();
    scope.put('/rest/api/3/issue/PROJ-123').query(true).reply(503, '', { 'retry-after': '1' });
    scope.put('/rest/api/3/issue/PROJ-123').query(true).reply(204);
    const runtime = createRuntime();

    expectOk(await runtime.call(name, { issueKey: 'PROJ-123', addLabels: ['a'] }));

    expect(sent).toHaveLength(2);
    expect(runtime.sleeps).toEqual([1000]);
  });

  it('reports a field that is not on the edit screen by name', async () => {
    const { scope } = vendor();
    scope
      .put('/rest/api/3/issue/PROJ-123')
      .query(true)
      .reply(400, {
        errorMessages: [],
        errors: { customfield_10016: "Field 'customfield_10016' cannot be set. It is not on the appropriate screen, or unknown." },
      });

    const error = expectError(await call(name, { issueKey: 'PROJ-123', fields: { customfield_10016: 8 } }), 'invalid_input');
    expect(error).toMatchObject({
      vendorCode: 'field_errors:customfield_10016',
      message: expect.stringContaining("customfield_10016: Field 'customfield_10016' cannot be set"),
    });
  });

  it('maps 404 to not_found', async () => {
    const { scope } = vendor();
    scope.put('/rest/api/3/issue/PROJ-999').query(true).reply(404, fixture('error-not-found'));
    expectError(await call(name, { issueKey: 'PROJ-999', summary: 'x' }), 'not_found');
  });

  it.each([
    ['nothing to change', { issueKey: 'PROJ-123' }, 'Nothing to change'],
    ['labels in fields with addLabels', { issueKey: 'PROJ-123', fields: { labels: ['a'] }, addLabels: ['b'] }, 'not both'],
    ['a label with a space', { issueKey: 'PROJ-123', addLabels: ['two words'] }, 'labels cannot contain spaces'],
    ['summary twice', { issueKey: 'PROJ-123', summary: 'a', fields: { summary: 'b' } }, 'given twice'],
    ['a malformed key', { issueKey: 'PROJ 123', summary: 'x' }, 'issueKey'],
    ['a blank summary', { issueKey: 'PROJ-123', summary: '' }, 'summary'],
  ])('rejects %s as invalid_input without calling Jira', async (_label, args, message) => {
    const { sent } = vendor();
    const error = expectError(await call(name, args), 'invalid_input');
    expect(error.message).toContain(message);
    expect(sent).toEqual([]);
  });
});
