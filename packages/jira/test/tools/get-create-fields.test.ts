import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectJiraHeaders, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('get_create_fields');
const TYPES = '/rest/api/3/issue/createmeta/PROJ/issuetypes';

describe('jira_get_create_fields', () => {
  it('lists the issue types of a project when no issueType is given', async () => {
    const { scope, sent } = vendor();
    scope.get(TYPES).query(true).reply(200, fixture('createmeta-issuetypes'));

    const envelope = expectOk(await call(name, { projectKey: 'PROJ' }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: TYPES, query: { startAt: '0', maxResults: '200' } });
    expectJiraHeaders(sent[0]);
    expect(envelope.data).toEqual({
      project: 'PROJ',
      issueTypes: [
        { id: '10001', name: 'Task', subtask: false },
        { id: '10004', name: 'Bug', subtask: false },
        { id: '10002', name: 'Story', subtask: false },
        { id: '10005', name: 'Subtask', subtask: true },
      ],
    });
  });

  it('resolves the issue type name and lists its fields, required first, with trimmed allowed values and example values', async () => {
    const { scope, sent } = vendor();
    scope.get(TYPES).query(true).reply(200, fixture('createmeta-issuetypes'));
    scope.get(`${TYPES}/10004`).query(true).reply(200, fixture('createmeta-fields-bug'));

    const envelope = expectOk<{ fields: { id: string }[] }>(await call(name, { projectKey: 'proj', issueType: 'bug' }));

    expect(sent.map((r) => r.path)).toEqual([TYPES, `${TYPES}/10004`]);
    expect(envelope.data).toMatchObject({ project: 'PROJ', issueType: { id: '10004', name: 'Bug' } });
    expect(envelope.data.fields).toEqual([
      { id: 'reporter', name: 'Reporter', required: true, type: 'user', example: { accountId: '<accountId from jira_search_users>' } },
      { id: 'summary', name: 'Summary', required: true, type: 'string', example: 'text' },
      {
        id: 'customfield_10040',
        name: 'Severity',
        required: true,
        type: 'option (select)',
        allowedValues: ['S1 - Critical', 'S2 - Major', 'S3 - Minor'],
        example: { value: 'S1 - Critical' },
      },
      { id: 'description', name: 'Description', required: false, type: 'string', example: { markdown: 'Text in Markdown' } },
      {
        id: 'priority',
        name: 'Priority',
        required: false,
        type: 'priority',
        allowedValues: ['Highest', 'High', 'Medium', 'Low', 'Lowest'],
        default: 'Medium',
        example: { name: 'Highest' },
      },
      { id: 'labels', name: 'Labels', required: false, type: 'array<string>', example: ['value'] },
      {
        id: 'components',
        name: 'Components',
        required: false,
        type: 'array<component>',
        allowedValues: ['Checkout', 'Refunds'],
        example: [{ name: 'Checkout' }],
      },
      { id: 'customfield_10016', name: 'Story point estimate', required: false, type: 'number (float)', example: 1 },
      { id: 'customfield_10041', name: 'Customer impact', required: false, type: 'string (textarea)', example: { markdown: 'Text in Markdown' } },
      { id: 'assignee', name: 'Assignee', required: false, type: 'user', example: { accountId: '<accountId from jira_search_users>' } },
      { id: 'duedate', name: 'Due date', required: false, type: 'date', example: '2025-01-31' },
    ]);
  });

  it('skips the listing for a numeric issue type id', async () => {
    const { scope, sent } = vendor();
    scope.get(`${TYPES}/10004`).query(true).reply(200, fixture('createmeta-fields-bug'));

    const envelope = expectOk<{ issueType: unknown; fields: { id: string; required: boolean }[] }>(
      await call(name, { projectKey: 'PROJ', issueType: '10004' }),
    );

    expect(sent).toHaveLength(1);
    expect(envelope.data.issueType).toEqual({ id: '10004', name: '10004' });
    expect(envelope.data.fields.filter((f) => f.required).map((f) => f.id)).toEqual(['reporter', 'summary', 'customfield_10040']);
  });

  it('follows startAt paging for long field lists', async () => {
    const { scope, sent } = vendor();
    const page = fixture('createmeta-fields-bug');
    const fields = page.fields;
    scope
      .get(`${TYPES}/10004`)
      .query({ startAt: '0', maxResults: '200' })
      .reply(200, { ...page, total: fields.length, maxResults: 5, fields: fields.slice(0, 5) });
    scope
      .get(`${TYPES}/10004`)
      .query({ startAt: '5', maxResults: '200' })
      .reply(200, { ...page, total: fields.length, startAt: 5, fields: fields.slice(5) });

    const envelope = expectOk<{ fields: unknown[] }>(await call(name, { projectKey: 'PROJ', issueType: '10004' }));

    expect(sent).toHaveLength(2);
    expect(envelope.data.fields).toHaveLength(11);
  });

  it('trims long allowed-value lists and says how many more there are', async () => {
    const { scope } = vendor();
    const options = Array.from({ length: 40 }, (_, i) => ({ self: 'x', value: `Team ${i + 1}`, id: String(20000 + i) }));
    scope
      .get(`${TYPES}/10004`)
      .query(true)
      .reply(200, {
        startAt: 0,
        maxResults: 50,
        total: 1,
        fields: [
          {
            fieldId: 'customfield_10050',
            key: 'customfield_10050',
            name: 'Team',
            required: true,
            hasDefaultValue: false,
            operations: ['set'],
            schema: { type: 'array', items: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:multiselect', customId: 10050 },
            allowedValues: options,
          },
        ],
      });

    const envelope = expectOk<{ fields: { allowedValues: string[]; moreValues: number; example: unknown }[] }>(
      await call(name, { projectKey: 'PROJ', issueType: '10004' }),
    );

    expect(envelope.data.fields[0]!.allowedValues).toHaveLength(25);
    expect(envelope.data.fields[0]).toMatchObject({ moreValues: 15, type: 'array<option> (multiselect)', example: [{ value: 'Team 1' }] });
  });

  it('names the available types when the issue type does not exist, after one listing call', async () => {
    const { scope, sent } = vendor();
    scope.get(TYPES).query(true).reply(200, fixture('createmeta-issuetypes'));

    const error = expectError(await call(name, { projectKey: 'PROJ', issueType: 'Incident' }), 'invalid_input');

    expect(error.message).toBe('Issue type "Incident" is not available in PROJ. Available: Task, Bug, Story, Subtask.');
    expect(sent).toHaveLength(1);
  });

  it('maps an unknown project to not_found', async () => {
    const { scope } = vendor();
    scope
      .get('/rest/api/3/issue/createmeta/NOPE/issuetypes')
      .query(true)
      .reply(404, { errorMessages: ["No project could be found with key 'NOPE'."], errors: {} });
    const error = expectError(await call(name, { projectKey: 'NOPE' }), 'not_found');
    expect(error.message).toContain("No project could be found with key 'NOPE'.");
  });

  it('rejects a malformed project key without calling Jira', async () => {
    const { sent } = vendor();
    expectError(await call(name, { projectKey: 'PR OJ' }), 'invalid_input');
    expectError(await call(name, { projectKey: '../PROJ' }), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
