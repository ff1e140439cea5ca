import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, CLOUD_ID, createRuntime, expectError, expectJiraHeaders, expectOk, fixture, GATEWAY, OAUTH_ENV, SITE, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('get_issue');
const DETAIL_FIELDS = 'summary,status,issuetype,priority,assignee,updated,reporter,labels,created,parent,description,project';

describe('jira_get_issue', () => {
  it('GETs the issue asking only for the compact fields and returns it with the description as Markdown', async () => {
    const { scope, sent } = vendor();
    scope.get('/rest/api/3/issue/PROJ-123').query(true).reply(200, fixture('issue-full'));

    const envelope = expectOk(await call(name, { issueKey: 'PROJ-123' }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/issue/PROJ-123', query: { fields: DETAIL_FIELDS } });
    expectJiraHeaders(sent[0]);
    expect(envelope.data).toEqual({
      id: '10002',
      key: 'PROJ-123',
      url: `${SITE}/browse/PROJ-123`,
      project: 'PROJ',
      summary: 'Checkout fails for saved cards',
      status: 'In Progress',
      statusCategory: 'In Progress',
      type: 'Bug',
      priority: 'High',
      assignee: 'Mia Krystof',
      reporter: 'Emma Richards',
      labels: ['checkout', 'payments'],
      created: '2025-11-17T15:45:02Z',
      updated: '2025-11-20T13:03:09Z',
      parent: { key: 'PROJ-100', summary: 'Saved cards', status: 'In Progress' },
      description: [
        'Paying with a **saved card** fails at the last step with a generic error. Reported by [@Emma Richards](mention:5b10ac8d82e05b22cc7d4ef5).',
        '',
        '### Steps to reproduce',
        '',
        '1. Save a Visa card in *Settings → Payment methods*',
        '2. Check out any basket with it',
        '',
        '```json',
        '{"error": "card_declined", "code": 402}',
        '```',
        '',
        'See the [runbook](https://wiki.example.com/runbooks/checkout).',
      ].join('\n'),
    });
  });

  it('accepts a numeric id and a lowercase key, and encodes the id into the path', async () => {
    const { scope, sent } = vendor();
    scope.get('/rest/api/3/issue/10002').query(true).reply(200, fixture('issue-full'));
    scope.get('/rest/api/3/issue/PROJ-123').query(true).reply(200, fixture('issue-full'));

    expectOk(await call(name, { issueKey: '10002' }));
    expectOk(await call(name, { issueKey: ' proj-123 ' }));

    expect(sent.map((r) => r.path)).toEqual(['/rest/api/3/issue/10002', '/rest/api/3/issue/PROJ-123']);
  });

  it('adds the asked-for sections: comments, links, subtasks, attachments, changelog and transitions', async () => {
    const { scope, sent } = vendor();
    const issue = {
      ...fixture('issue-full'),
      changelog: {
        startAt: 0,
        maxResults: 1,
        total: 1,
        histories: [
          {
            id: '10300',
            author: fixture('myself'),
            created: '2025-11-18T09:12:44.117+0100',
            items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: '10000', fromString: 'To Do', to: '3', toString: 'In Progress' }],
          },
        ],
      },
      transitions: fixture('transitions').transitions,
    };
    scope.get('/rest/api/3/issue/PROJ-123').query(true).reply(200, issue);

    const envelope = expectOk<Record<string, unknown>>(
      await call(name, { issueKey: 'PROJ-123', expand: ['comments', 'links', 'subtasks', 'attachments', 'changelog', 'transitions'] }),
    );

    expect(sent[0]!.query).toEqual({ fields: `${DETAIL_FIELDS},comment,issuelinks,subtasks,attachment`, expand: 'changelog,transitions' });
    expect(envelope.data).toMatchObject({
      comments: {
        total: 1,
        items: [
          {
            id: '10100',
            author: 'Mia Krystof',
            created: '2025-11-18T09:20:00Z',
            body: 'Reproduced on staging with a test Visa card. Looks like the token is not refreshed.',
          },
        ],
      },
      links: [{ relation: 'blocks', key: 'PROJ-125', summary: 'Release 2.4.0 to production', status: 'To Do' }],
      subtasks: [{ key: 'PROJ-124', summary: 'Add a regression test for token refresh', status: 'To Do' }],
      attachments: [
        { id: '10000', filename: 'checkout-error.png', mimeType: 'image/png', size: 48213, author: 'Emma Richards', created: '2025-11-17T15:50:12Z' },
      ],
      changelog: [{ author: 'Mia Krystof', created: '2025-11-18T08:12:44Z', changes: [{ field: 'status', from: 'To Do', to: 'In Progress' }] }],
      transitions: [
        { id: '11', name: 'To Do', to: 'To Do' },
        { id: '21', name: 'Start progress', to: 'In Progress' },
        { id: '31', name: 'Done', to: 'Done' },
        { id: '41', name: 'Close as duplicate', to: 'Done' },
      ],
    });
  });

  it('adds extra fields with their names, and *all returns every non-empty field slimmed', async () => {
    const { scope, sent } = vendor();
    const names = { customfield_10016: 'Story point estimate', customfield_10019: 'Rank', timetracking: 'Time tracking' };
    scope
      .get('/rest/api/3/issue/PROJ-123')
      .query(true)
      .reply(200, { ...fixture('issue-full'), names });
    scope
      .get('/rest/api/3/issue/PROJ-123')
      .query(true)
      .reply(200, { ...fixture('issue-full'), names });

    const some = expectOk<Record<string, unknown>>(await call(name, { issueKey: 'PROJ-123', fields: ['customfield_10016', 'timetracking'] }));
    const all = expectOk<{ fields: Record<string, unknown> }>(await call(name, { issueKey: 'PROJ-123', fields: ['*all'] }));

    expect(sent[0]!.query).toEqual({ fields: `${DETAIL_FIELDS},customfield_10016,timetracking`, expand: 'names' });
    expect(some.data).toMatchObject({
      fields: {
        customfield_10016: 5,
        timetracking: {
          originalEstimate: '4h',
          remainingEstimate: '2h',
          timeSpent: '2h',
          originalEstimateSeconds: 14400,
          remainingEstimateSeconds: 7200,
          timeSpentSeconds: 7200,
        },
      },
      fieldNames: { customfield_10016: 'Story point estimate' },
    });
    expect(sent[1]!.query).toEqual({ fields: '*all', expand: 'names' });
    expect(Object.keys(all.data.fields)).not.toContain('customfield_10033');
    expect(all.data.fields).toMatchObject({
      components: ['Checkout'],
      watches: { watchCount: 2, isWatching: true },
      worklog: {
        total: 1,
        worklogs: [
          expect.objectContaining({ comment: 'Debugging the token refresh.', author: { name: 'Mia Krystof', accountId: '5b10a2844c20165700ede21g' } }),
        ],
      },
    });
    expect(JSON.stringify(all.data)).not.toMatch(/avatarUrls|"self"/);
  });

  it('links to the site found through the gateway in OAuth mode', async () => {
    const gateway = vendor(GATEWAY);
    gateway.scope.get(`/ex/jira/${CLOUD_ID}/rest/api/3/issue/PROJ-123`).query(true).reply(200, fixture('issue-full'));
    gateway.scope.get('/oauth/token/accessible-resources').reply(200, fixture('accessible-resources'));

    const envelope = expectOk<{ url: string }>(await createRuntime({ env: OAUTH_ENV, replaceEnv: true }).call(name, { issueKey: 'PROJ-123' }));
    expect(envelope.data.url).toBe(`${SITE}/browse/PROJ-123`);
  });

  it('maps the Jira 404 to not_found with its message', async () => {
    const { scope } = vendor();
    scope.get('/rest/api/3/issue/PROJ-999').query(true).reply(404, fixture('error-not-found'));

    const error = expectError(await call(name, { issueKey: 'PROJ-999' }), 'not_found');

    expect(error).toMatchObject({ message: 'Jira answered 404: Issue does not exist or you do not have permission to see it.', retryable: false });
  });

  it('retries a 500 on a read and reports upstream_error when it persists', async () => {
    const { scope, sent } = vendor();
    scope
      .get('/rest/api/3/issue/PROJ-123')
      .query(true)
      .times(3)
      .reply(500, { errorMessages: ['Internal server error'], errors: {} });

    const error = expectError(await call(name, { issueKey: 'PROJ-123' }), 'upstream_error');

    expect(error.message).toBe('Jira answered 500: Internal server error');
    expect(sent).toHaveLength(3);
  });

  it.each([
    ['a key with a path', { issueKey: 'PROJ-1/../../myself' }],
    ['a key without a number', { issueKey: 'PROJ-' }],
    ['a project key alone', { issueKey: 'PROJ' }],
    ['an unknown section', { issueKey: 'PROJ-1', expand: ['everything'] }],
    ['no key', {}],
  ])('rejects %s as invalid_input without calling Jira', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
