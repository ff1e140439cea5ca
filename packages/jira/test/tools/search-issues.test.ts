import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { rawIssue } from '../../bench/fixture.mjs';
import { call, createRuntime, expectError, expectJiraHeaders, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('search_issues');
const JQL = 'project = PROJ AND statusCategory != Done ORDER BY updated DESC';
const ROW_FIELDS = ['summary', 'status', 'issuetype', 'priority', 'assignee', 'updated'];

/** An issue as search/jql returns it when asked for some fields: only those fields. */
function searchIssue(i: number, fields = ROW_FIELDS) {
  const full = rawIssue(i);
  return { expand: '', id: full.id, self: full.self, key: full.key, fields: Object.fromEntries(fields.map((f) => [f, full.fields[f]])) };
}

describe('jira_search_issues', () => {
  it('POSTs the JQL to /rest/api/3/search/jql asking only for the row fields, and returns compact rows with a cursor', async () => {
    const { scope, sent } = vendor();
    scope.post('/rest/api/3/search/jql').reply(200, { issues: [searchIssue(0), searchIssue(3)], nextPageToken: 'CAEaAggD', isLast: false });

    const envelope = expectOk(await call(name, { jql: JQL }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/rest/api/3/search/jql', query: {} });
    expectJiraHeaders(sent[0], { json: true });
    expect(sent[0]!.body).toEqual({ jql: JQL, maxResults: 10, fields: ROW_FIELDS });
    expect(envelope.data).toEqual([
      {
        key: 'PROJ-200',
        summary: 'Checkout fails for saved cards (#1)',
        status: 'To Do',
        type: 'Bug',
        priority: 'High',
        assignee: 'Mia Krystof',
        updated: '2025-11-01T13:03:09Z',
      },
      {
        key: 'PROJ-203',
        summary: 'Checkout fails for saved cards (#4)',
        status: 'To Do',
        type: 'Bug',
        priority: 'High',
        assignee: null,
        updated: '2025-11-04T13:03:09Z',
      },
    ]);
    expect(envelope.nextCursor).toEqual(expect.any(String));
  });

  it('follows nextCursor with the same query by sending nextPageToken, and stops on the last page', async () => {
    const { scope, sent } = vendor();
    scope.post('/rest/api/3/search/jql').reply(200, { issues: [searchIssue(0)], nextPageToken: 'CAEaAggD', isLast: false });
    scope.post('/rest/api/3/search/jql').reply(200, { issues: [searchIssue(1)], isLast: true });
    const runtime = createRuntime();

    const first = expectOk(await runtime.call(name, { jql: JQL, limit: 1 }));
    const second = expectOk<{ key: string }[]>(await runtime.call(name, { jql: JQL, limit: 1, cursor: first.nextCursor }));

    expect(sent[1]!.body).toEqual({ jql: JQL, maxResults: 1, fields: ROW_FIELDS, nextPageToken: 'CAEaAggD' });
    expect(second.data.map((row) => row.key)).toEqual(['PROJ-201']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('refuses a cursor used with a different query, without calling Jira', async () => {
    const { scope, sent } = vendor();
    scope.post('/rest/api/3/search/jql').reply(200, { issues: [searchIssue(0)], nextPageToken: 'CAEaAggD', isLast: false });
    const runtime = createRuntime();
    const first = expectOk(await runtime.call(name, { jql: JQL }));

    const error = expectError(await runtime.call(name, { jql: 'project = OPS', cursor: first.nextCursor }), 'invalid_input');

    expect(error.message).toContain('different query');
    expect(sent).toHaveLength(1);
  });

  it('refuses a cursor from another tool or a forged one', async () => {
    const { sent } = vendor();
    const foreign = Buffer.from(JSON.stringify({ t: tool('list_projects'), s: { startAt: 25 } })).toString('base64url');
    expectError(await call(name, { jql: JQL, cursor: foreign }), 'invalid_input');
    expectError(await call(name, { jql: JQL, cursor: 'not-a-cursor' }), 'invalid_input');
    expect(sent).toEqual([]);
  });

  it('adds requested fields, asks for names, and slims values (ADF to Markdown, users, options, versions)', async () => {
    const { scope, sent } = vendor();
    const fields = [...ROW_FIELDS, 'customfield_10016', 'components', 'fixVersions', 'reporter', 'customfield_10020', 'description'];
    scope.post('/rest/api/3/search/jql').reply(200, {
      issues: [searchIssue(0, fields)],
      isLast: true,
      names: { summary: 'Summary', customfield_10016: 'Story point estimate', customfield_10020: 'Sprint', components: 'Components' },
    });

    const envelope = expectOk<Record<string, unknown>[]>(
      await call(name, {
        jql: JQL,
        fields: ['customfield_10016', 'components', 'fixVersions', 'reporter', 'customfield_10020', 'description'],
      }),
    );

    expect(sent[0]!.body).toMatchObject({ fields, expand: 'names' });
    expect(envelope.data[0]!.fields).toEqual({
      customfield_10016: 1,
      components: ['Checkout'],
      fixVersions: ['2.4.0'],
      reporter: { name: 'Emma Richards', accountId: '5b10ac8d82e05b22cc7d4ef5' },
      customfield_10020: [
        {
          id: 12,
          name: 'PAY Sprint 23',
          state: 'active',
          boardId: 3,
          goal: 'Stabilise checkout',
          startDate: '2025-11-10T08:00:00.000Z',
          endDate: '2025-11-24T08:00:00.000Z',
        },
      ],
      description: expect.stringContaining('Paying with a **saved card** fails'),
    });
    expect(envelope.data[0]!.fieldNames).toEqual({ customfield_10016: 'Story point estimate', customfield_10020: 'Sprint' });
  });

  it('returns an empty list without a cursor when nothing matches', async () => {
    const { scope } = vendor();
    scope.post('/rest/api/3/search/jql').reply(200, { issues: [], isLast: true });
    const envelope = expectOk(await call(name, { jql: 'project = PROJ AND text ~ "nothing"' }));
    expect(envelope.data).toEqual([]);
    expect(envelope.nextCursor).toBeUndefined();
  });

  it('turns a JQL error into invalid_input with Jira’s message, vendorCode and a hint', async () => {
    const { scope } = vendor();
    scope.post('/rest/api/3/search/jql').reply(400, fixture('error-jql'));

    const error = expectError(await call(name, { jql: 'status = In Progress' }), 'invalid_input');

    expect(error).toMatchObject({
      message: "Jira answered 400: Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'Progress'. (line 1, character 18)",
      vendorCode: 'jql_invalid',
      hint: expect.stringContaining('quote values with spaces'),
      retryable: false,
    });
  });

  it('marks any 400 from the search as a JQL problem, even without the word JQL', async () => {
    const { scope } = vendor();
    scope.post('/rest/api/3/search/jql').reply(400, { errorMessages: ["The value 'NOPE' does not exist for the field 'project'."], errors: {} });
    const error = expectError(await call(name, { jql: 'project = NOPE' }), 'invalid_input');
    expect(error).toMatchObject({ message: "Jira answered 400: The value 'NOPE' does not exist for the field 'project'.", vendorCode: 'jql_invalid' });
  });

  it('explains an unbounded query', async () => {
    const { scope } = vendor();
    scope
      .post('/rest/api/3/search/jql')
      .reply(400, { errorMessages: ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'], errors: {} });
    const error = expectError(await call(name, { jql: 'order by created DESC' }), 'invalid_input');
    expect(error).toMatchObject({ vendorCode: 'jql_invalid', hint: expect.stringContaining('bound the query') });
  });

  it('answers rate_limited with retryAfterMs from Retry-After and the rate-limit snapshot in meta', async () => {
    const { scope } = vendor();
    scope.post('/rest/api/3/search/jql').reply(429, 'Rate limit exceeded.', {
      'content-type': 'text/plain',
      'retry-after': '30',
      'x-ratelimit-limit': '100',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '2025-11-21T10:05:00Z',
      'ratelimit-reason': 'jira-quota-tenant-based',
    });

    const result = await call(name, { jql: JQL });
    const error = expectError(result, 'rate_limited');

    expect(error).toMatchObject({
      retryable: true,
      retryAfterMs: 30_000,
      vendorCode: 'jira-quota-tenant-based',
      message: expect.stringContaining('rate limited (jira-quota-tenant-based)'),
    });
    expect(result.structuredContent.meta.rateLimit).toEqual({ limit: 100, remaining: 0, resetAt: '2025-11-21T10:05:00.000Z' });
  });

  it('waits a short Retry-After and repeats the search', async () => {
    const { scope, sent } = vendor();
    scope.post('/rest/api/3/search/jql').reply(429, '', { 'retry-after': '2' });
    scope.post('/rest/api/3/search/jql').reply(200, { issues: [searchIssue(0)], isLast: true });
    const runtime = createRuntime();

    expectOk(await runtime.call(name, { jql: JQL }));

    expect(sent).toHaveLength(2);
    expect(runtime.sleeps).toEqual([2000]);
  });

  it('repeats the search after a 503, since searching changes nothing', async () => {
    const { scope, sent } = vendor();
    scope.post('/rest/api/3/search/jql').reply(503, '<html><body>Service Unavailable</body></html>', { 'content-type': 'text/html' });
    scope.post('/rest/api/3/search/jql').reply(200, { issues: [], isLast: true });

    expectOk(await call(name, { jql: JQL }));
    expect(sent).toHaveLength(2);
  });

  it('names the replacement when Jira says the old search API is gone', async () => {
    const { scope } = vendor();
    scope.post('/rest/api/3/search/jql').reply(410, fixture('error-search-removed'));
    const error = expectError(await call(name, { jql: JQL }), 'not_found');
    expect(error).toMatchObject({ vendorCode: 'api_removed', message: expect.stringContaining('/rest/api/3/search/jql') });
  });

  it.each([
    ['an empty jql', { jql: '  ' }],
    ['a limit over 100', { jql: JQL, limit: 101 }],
    ['a limit of 0', { jql: JQL, limit: 0 }],
    ['a malformed field id', { jql: JQL, fields: ['Story Points'] }],
    ['an unknown argument', { jql: JQL, project: 'PROJ' }],
  ])('rejects %s as invalid_input without calling Jira', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
