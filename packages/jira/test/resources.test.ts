// The resources: each URI reads through its tool, so a resource sends that tool's request and
// answers its envelope. Over MCP, resources/read is the contract's (tested there).
import { useFakeVendor } from '@connectors/testkit';
import { ResourceWatcher } from '@connectors/contract/server';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectJiraHeaders, fixture, vendor } from './harness.js';

useFakeVendor();

describe('Jira resources', () => {
  it('lists the issue and search templates', () => {
    expect(
      createRuntime()
        .runtime.listResourceTemplates()
        .map((r) => [r.uriTemplate, r.name]),
    ).toEqual([
      ['jira://issue/{issueKey}', 'issue'],
      ['jira://search/{jql}', 'search'],
    ]);
  });

  it('jira://issue/{issueKey} reads as jira_get_issue does', async () => {
    const { scope, sent } = vendor();
    scope.get('/rest/api/3/issue/PROJ-123').query(true).reply(200, fixture('issue-full'));
    const read = await createRuntime().readResource('jira://issue/PROJ-123');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/issue/PROJ-123' });
    expectJiraHeaders(sent[0]);
    expect(read.ok).toBe(true);
    expect(JSON.parse((read as { text: string }).text)).toMatchObject({ ok: true, data: { key: 'PROJ-123', status: 'In Progress' } });
  });

  it('jira://search/{jql} posts the decoded JQL', async () => {
    const { scope, sent } = vendor();
    scope.post('/rest/api/3/search/jql').reply(200, { issues: [], isLast: true });
    const jql = 'assignee = currentUser() AND updated >= -1d ORDER BY updated DESC';
    const read = await createRuntime().readResource(`jira://search/${encodeURIComponent(jql)}`);
    expect(read.ok).toBe(true);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/rest/api/3/search/jql', body: { jql, maxResults: 10 } });
  });

  it('a bad issue key is invalid_input, and nothing is sent', async () => {
    const { sent } = vendor();
    expect(await createRuntime().readResource('jira://issue/not%20a%20key')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(sent).toHaveLength(0);
  });
});

describe('watching a Jira issue', () => {
  it('polls the issue’s search row (its updated), and hears a change, not a re-read of the same one', async () => {
    const { scope, sent } = vendor();
    const row = (updated: string) => ({ issues: [{ id: '10002', key: 'PROJ-123', fields: { summary: 'Checkout fails', updated } }], isLast: true });
    scope.post('/rest/api/3/search/jql').times(2).reply(200, row('2025-11-20T13:03:09.000+0000'));
    scope.post('/rest/api/3/search/jql').reply(200, row('2025-11-21T08:00:00.000+0000'));
    const heard: string[] = [];
    const watcher = new ResourceWatcher(createRuntime().runtime, { intervalMs: 20 });
    watcher.subscribe('jira://issue/proj-123', 'test', (uri) => heard.push(uri));
    const end = Date.now() + 2_000;
    while (heard.length === 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
    watcher.close();
    expect(heard).toEqual(['jira://issue/proj-123']);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/rest/api/3/search/jql', body: { jql: 'key = "PROJ-123"', maxResults: 1 } });
  });

  it('watches a numeric issue id by id', async () => {
    const { scope, sent } = vendor();
    scope.post('/rest/api/3/search/jql').reply(200, { issues: [], isLast: true });
    expect(await createRuntime().runtime.pollResource('jira://issue/10002')).toMatchObject({ ok: true });
    expect(sent[0]!.body).toMatchObject({ jql: 'id = 10002' });
  });

  it('refuses a key that would change the JQL, before any request', async () => {
    const { sent } = vendor();
    expect(await createRuntime().runtime.pollResource(`jira://issue/${encodeURIComponent('X-1" OR project = SECRET')}`)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(sent).toHaveLength(0);
  });
});
