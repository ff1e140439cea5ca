import { describe, expect, it } from 'vitest';
import { rawIssue, rawSearchPage } from '../bench/fixture.mjs';
import { measureSearchCompactness } from './fixtures/compactness.js';

describe('result compactness', () => {
  it('the generated fixture carries Jira’s real bloat: avatars, self links, status categories, custom fields', () => {
    const issue = rawIssue(7);
    const text = JSON.stringify(issue);
    expect(issue.key).toBe('PROJ-207');
    expect(text).toContain('"avatarUrls"');
    expect(text).toContain('"statusCategory"');
    expect(Object.keys(issue.fields).filter((id) => id.startsWith('customfield_')).length).toBeGreaterThanOrEqual(20);
    expect(text.match(/"self"/g)!.length).toBeGreaterThanOrEqual(20);
    expect(new Set(rawSearchPage(50).issues.map((i) => i.key)).size).toBe(50);
  });

  it('a search of 50 issues is at least 10x smaller than Jira’s raw JSON for them', async () => {
    const measured = await measureSearchCompactness(50);
    expect(measured.items).toBe(50);
    expect(measured.ratio).toBeGreaterThanOrEqual(10);
    // The measurement, for the record (see README "Limits").
    console.info(`jira_search_issues, 50 issues: raw ${measured.rawBytes} B, result ${measured.resultBytes} B, ${measured.ratio.toFixed(1)}x smaller`);
  });

  it('is still over 10x smaller than Jira’s answer when Jira is asked for only the row fields', async () => {
    const fields = ['summary', 'status', 'issuetype', 'priority', 'assignee', 'updated'];
    const narrowed = {
      issues: rawSearchPage(50).issues.map((issue) => ({
        expand: '',
        id: issue.id,
        self: issue.self,
        key: issue.key,
        fields: Object.fromEntries(fields.map((f) => [f, issue.fields[f]])),
      })),
      isLast: true,
    };
    const measured = await measureSearchCompactness(50);
    expect(Buffer.byteLength(JSON.stringify(narrowed)) / measured.resultBytes).toBeGreaterThanOrEqual(10);
  });

  it('stays at least 10x smaller with two extra fields asked for', async () => {
    const measured = await measureSearchCompactness(50, { fields: ['customfield_10016', 'components'] });
    expect(measured.ratio).toBeGreaterThanOrEqual(10);
  });
});
