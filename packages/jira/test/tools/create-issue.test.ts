import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectJiraHeaders, expectOk, fixture, SITE, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('create_issue');
const created = { id: '10050', key: 'PROJ-130', self: `${SITE}/rest/api/3/issue/10050` };

describe('jira_create_issue', () => {
  it('POSTs /rest/api/3/issue with the description converted to ADF and returns key, id and link', async () => {
    const { scope, sent } = vendor();
    scope.post('/rest/api/3/issue').reply(201, created);

    const envelope = expectOk(
      await call(name, {
        projectKey: 'PROJ',
        issueType: 'Bug',
        summary: 'Checkout fails for saved cards',
        description: 'Fails with **saved** cards.\n\n- Visa\n- Mastercard',
        assigneeAccountId: '5b10a2844c20165700ede21g',
        labels: ['checkout'],
        parentKey: 'PROJ-100',
      }),
    );

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/rest/api/3/issue', query: {} });
    expectJiraHeaders(sent[0], { json: true });
    expect(sent[0]!.body).toEqual({
      fields: {
        project: { key: 'PROJ' },
        issuetype: { name: 'Bug' },
        summary: 'Checkout fails for saved cards',
        description: {
          type: 'doc',
          version: 1,
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Fails with ' },
                { type: 'text', text: 'saved', marks: [{ type: 'strong' }] },
                { type: 'text', text: ' cards.' },
              ],
            },
            {
              type: 'bulletList',
              content: [
                { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Visa' }] }] },
                { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Mastercard' }] }] },
              ],
            },
          ],
        },
        assignee: { accountId: '5b10a2844c20165700ede21g' },
        labels: ['checkout'],
        parent: { key: 'PROJ-100' },
      },
    });
    expect(envelope.data).toEqual({ id: '10050', key: 'PROJ-130', url: `${SITE}/browse/PROJ-130` });
  });

  it('sends ids as ids, passes other fields through, and turns {markdown} values into ADF', async () => {
    const { scope, sent } = vendor();
    scope.post('/rest/api/3/issue').reply(201, created);

    expectOk(
      await call(name, {
        projectKey: '10000',
        issueType: '10004',
        summary: 'Refund webhook retries forever',
        fields: {
          priority: { id: '2' },
          customfield_10040: { value: 'S2 - Major' },
          customfield_10016: 3,
          customfield_10041: { markdown: 'Customers see *duplicate* refunds.' },
          components: [{ name: 'Refunds' }],
        },
      }),
    );

    expect(sent[0]!.body).toEqual({
      fields: {
        project: { id: '10000' },
        issuetype: { id: '10004' },
        summary: 'Refund webhook retries forever',
        priority: { id: '2' },
        customfield_10040: { value: 'S2 - Major' },
        customfield_10016: 3,
        customfield_10041: {
          type: 'doc',
          version: 1,
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Customers see ' },
                { type: 'text', text: 'duplicate', marks: [{ type: 'em' }] },
                { type: 'text', text: ' refunds.' },
              ],
            },
          ],
        },
        components: [{ name: 'Refunds' }],
      },
    });
  });

  it('names every field Jira rejects, with a vendorCode listing them', async () => {
    const { scope } = vendor();
    scope.post('/rest/api/3/issue').reply(400, fixture('error-fields'));

    const error = expectError(await call(name, { projectKey: 'PROJ', issueType: 'Bug', summary: 'x' }), 'invalid_input');

    expect(error).toMatchObject({
      message: 'Jira answered 400: summary: You must specify a summary of the issue. customfield_10040: Severity is required.',
      vendorCode: 'field_errors:summary,customfield_10040',
      hint: expect.stringContaining('jira_get_create_fields'),
    });
  });

  it('maps a permission error to forbidden', async () => {
    const { scope } = vendor();
    scope.post('/rest/api/3/issue').reply(403, { errorMessages: ['You do not have permission to create issues in this project.'], errors: {} });
    const error = expectError(await call(name, { projectKey: 'PROJ', issueType: 'Bug', summary: 'x' }), 'forbidden');
    expect(error.message).toContain('permission to create issues');
  });

  it('refuses a field given twice, as an argument and in fields', async () => {
    const { sent } = vendor();
    const error = expectError(
      await call(name, { projectKey: 'PROJ', issueType: 'Bug', summary: 'x', labels: ['a'], fields: { labels: ['b'] } }),
      'invalid_input',
    );
    expect(error.message).toContain('labels given twice');
    expect(sent).toEqual([]);
  });

  it.each([
    ['a lowercase project with a dash', { projectKey: 'my-proj', issueType: 'Bug', summary: 'x' }],
    ['an empty summary', { projectKey: 'PROJ', issueType: 'Bug', summary: '  ' }],
    ['a label with a space', { projectKey: 'PROJ', issueType: 'Bug', summary: 'x', labels: ['two words'] }],
    ['an email as account id', { projectKey: 'PROJ', issueType: 'Bug', summary: 'x', assigneeAccountId: 'mia@example.com' }],
    ['a bad parent key', { projectKey: 'PROJ', issueType: 'Bug', summary: 'x', parentKey: 'epic one' }],
    ['a bad field id', { projectKey: 'PROJ', issueType: 'Bug', summary: 'x', fields: { 'Story Points': 3 } }],
    ['a short idempotencyKey', { projectKey: 'PROJ', issueType: 'Bug', summary: 'x', idempotencyKey: 'abc' }],
  ])('rejects %s as invalid_input without calling Jira', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
