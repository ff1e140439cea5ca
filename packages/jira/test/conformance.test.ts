// The conformance suite every connector runs (@connectors/testkit), with fixtures in the shape Jira
// Cloud's REST API v3 returns.
import { describeConnector } from '@connectors/testkit';
import { rawIssue } from '../bench/fixture.mjs';
import { connector } from '../src/connector.js';
import { fixture, SITE } from './harness.js';

const TYPES = '/rest/api/3/issue/createmeta/PROJ/issuetypes';
const TRANSITIONS = '/rest/api/3/issue/PROJ-123/transitions';

describeConnector(connector, {
  // API token mode; JIRA_API_TOKEN gets a canary that must reach Jira and never any output.
  env: { JIRA_BASE_URL: SITE, JIRA_EMAIL: 'mia@example.com', JIRA_ACCESS_TOKEN: undefined, JIRA_CLOUD_ID: undefined, JIRA_OAUTH_CLIENT_SECRET: undefined },
  baseUrl: SITE,
  // What Jira answers to each tool's examples (see src/tools/*).
  fixtures: {
    health: { path: '/rest/api/3/myself', reply: [200, fixture('myself')] },
    search_issues: { method: 'POST', path: '/rest/api/3/search/jql', reply: [200, { issues: [rawIssue(0), rawIssue(1)], isLast: true }] },
    get_issue: { path: '/rest/api/3/issue/PROJ-123', reply: [200, fixture('issue-full')] },
    create_issue: { method: 'POST', path: '/rest/api/3/issue', reply: [201, { id: '10050', key: 'PROJ-130', self: `${SITE}/rest/api/3/issue/10050` }] },
    update_issue: { method: 'PUT', path: '/rest/api/3/issue/PROJ-123', reply: [204] },
    get_create_fields: (input) =>
      (input as { issueType?: string }).issueType
        ? [
            { path: TYPES, reply: [200, fixture('createmeta-issuetypes')] },
            { path: `${TYPES}/10004`, reply: [200, fixture('createmeta-fields-bug')] },
          ]
        : { path: TYPES, reply: [200, fixture('createmeta-issuetypes')] },
    list_transitions: { path: TRANSITIONS, reply: [200, fixture('transitions')] },
    transition_issue: [
      { path: TRANSITIONS, reply: [200, fixture('transitions')] },
      { method: 'POST', path: TRANSITIONS, reply: [204] },
    ],
    list_comments: { path: '/rest/api/3/issue/PROJ-123/comment', reply: [200, fixture('comments-page')] },
    add_comment: { method: 'POST', path: '/rest/api/3/issue/PROJ-123/comment', reply: [201, fixture('comment-created')] },
    list_projects: { path: '/rest/api/3/project/search', reply: [200, fixture('project-search')] },
    search_users: { path: '/rest/api/3/user/search', reply: [200, fixture('user-search')] },
  },
  invalidInputs: {
    get_issue: [{ issueKey: 'PROJ-1/../../myself' }, { issueKey: 'PROJ' }],
    create_issue: [
      { projectKey: 'my-proj', issueType: 'Bug', summary: 'x' },
      { projectKey: 'PROJ', issueType: 'Bug', summary: 'x', labels: ['two words'] },
    ],
    transition_issue: [{ issueKey: 'PROJ-123' }, { issueKey: 'PROJ-123', status: 'Done', transitionId: '31' }],
    update_issue: [{ issueKey: 'PROJ-123' }],
  },
  // The child process has no fixtures: a closed local port makes its vendor calls fail fast.
  bin: { path: new URL('../dist/bin.js', import.meta.url), env: { JIRA_BASE_URL: 'http://127.0.0.1:9' } },
});
