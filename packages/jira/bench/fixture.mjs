// Bench fixture for `pnpm bench` (and the compactness test): a JQL search of 50 issues and the raw
// JSON Jira Cloud returns for them, generated from one real-shaped issue with all its usual bloat
// (avatarUrls, self links, statusCategory, customfield_*, watches, worklog, comments...).
import issue from '../test/fixtures/issue-full.json' with { type: 'json' };

export const ITEMS = 50;

const STATUSES = [
  { name: 'To Do', id: '10000', category: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' } },
  { name: 'In Progress', id: '3', category: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' } },
  { name: 'Done', id: '10001', category: { id: 3, key: 'done', colorName: 'green', name: 'Done' } },
];

/** Issue number `i` of the generated set: the full issue with its own id, key, summary, status and dates. */
export function rawIssue(i) {
  const copy = structuredClone(issue);
  const id = String(10100 + i);
  const key = `PROJ-${200 + i}`;
  const site = 'https://your-domain.atlassian.net';
  const status = STATUSES[i % STATUSES.length];
  copy.id = id;
  copy.key = key;
  copy.self = `${site}/rest/api/3/issue/${id}`;
  const f = copy.fields;
  f.summary = `${['Checkout fails for saved cards', 'Refund webhook retries forever', 'Invoice PDF shows wrong VAT'][i % 3]} (#${i + 1})`;
  f.status = {
    ...f.status,
    self: `${site}/rest/api/3/status/${status.id}`,
    name: status.name,
    id: status.id,
    statusCategory: { self: `${site}/rest/api/3/statuscategory/${status.category.id}`, ...status.category },
  };
  f.statusCategory = f.status.statusCategory;
  f.updated = `2025-11-${String(1 + (i % 28)).padStart(2, '0')}T14:03:09.245+0100`;
  f.created = `2025-10-${String(1 + (i % 28)).padStart(2, '0')}T16:45:02.981+0100`;
  if (i % 4 === 3) f.assignee = null;
  f.customfield_10016 = [1, 2, 3, 5, 8][i % 5];
  f.watches.self = `${site}/rest/api/3/issue/${key}/watchers`;
  f.votes.self = `${site}/rest/api/3/issue/${key}/votes`;
  return copy;
}

/** The body of POST /rest/api/3/search/jql for `n` issues with every field (`fields: ["*all"]`). */
export function rawSearchPage(n = ITEMS) {
  return { issues: Array.from({ length: n }, (_, i) => rawIssue(i)), isLast: true };
}

export default {
  action: 'search_issues',
  args: { jql: 'project = PROJ ORDER BY updated DESC', limit: ITEMS },
  items: ITEMS,
  env: (baseUrl) => ({ JIRA_BASE_URL: baseUrl, JIRA_EMAIL: 'bench@example.com', JIRA_API_TOKEN: 'bench-token-not-secret' }),
  rawBody: rawSearchPage(ITEMS),
};
