// The conformance suite every connector runs (@connectors/testkit), with fixtures in the shape Jira
// Cloud's REST API v3 returns.
import { describeConnector } from '@connectors/testkit';
import { rawIssue } from '../bench/fixture.mjs';
import { connector } from '../src/connector.js';
import commentCreated from './fixtures/comment-created.json' with { type: 'json' };
import commentsPage from './fixtures/comments-page.json' with { type: 'json' };
import createmetaFields from './fixtures/createmeta-fields-bug.json' with { type: 'json' };
import createmetaTypes from './fixtures/createmeta-issuetypes.json' with { type: 'json' };
import issue from './fixtures/issue-full.json' with { type: 'json' };
import myself from './fixtures/myself.json' with { type: 'json' };
import projectSearch from './fixtures/project-search.json' with { type: 'json' };
import transitions from './fixtures/transitions.json' with { type: 'json' };
import userSearch from './fixtures/user-search.json' with { type: 'json' };

const SITE = 'https://your-domain.atlassian.net';
const TYPES = '/rest/api/3/issue/createmeta/PROJ/issuetypes';
const TRANSITIONS = '/rest/api/3/issue/PROJ-123/transitions';

describeConnector(connector, {
  // API token mode; JIRA_API_TOKEN gets a canary that must reach Jira and never any output.
  env: { JIRA_BASE_URL: SITE, JIRA_EMAIL: 'mia@example.com', JIRA_ACCESS_TOKEN: undefined, JIRA_CLOUD_ID: undefined, JIRA_OAUTH_CLIENT_SECRET: undefined },
  baseUrl: SITE,
  // What Jira answers to each tool's examples (see src/tools/*).
  fixtures: {
    health: { path: '/rest/api/3/myself', reply: [200, myself] },
    search_issues: { method: 'POST', path: '/rest/api/3/search/jql', reply: [200, { issues: [rawIssue(0), rawIssue(1)], isLast: true }] },
    get_issue: { path: '/rest/api/3/issue/PROJ-123', reply: [200, issue] },
    create_issue: { method: 'POST', path: '/rest/api/3/issue', reply: [201, { id: '10050', key: 'PROJ-130', self: `${SITE}/rest/api/3/issue/10050` }] },
    update_issue: { method: 'PUT', path: '/rest/api/3/issue/PROJ-123', reply: [204] },
    get_create_fields: (input) =>
      (input as { issueType?: string }).issueType
        ? [
            { path: TYPES, reply: [200, createmetaTypes] },
            { path: `${TYPES}/10004`, reply: [200, createmetaFields] },
          ]
        : { path: TYPES, reply: [200, createmetaTypes] },
    list_transitions: { path: TRANSITIONS, reply: [200, transitions] },
    transition_issue: [
      { path: TRANSITIONS, reply: [200, transitions] },
      { method: 'POST', path: TRANSITIONS, reply: [204] },
    ],
    list_comments: { path: '/rest/api/3/issue/PROJ-123/comment', reply: [200, commentsPage] },
    add_comment: { method: 'POST', path: '/rest/api/3/issue/PROJ-123/comment', reply: [201, commentCreated] },
    list_projects: { path: '/rest/api/3/project/search', reply: [200, projectSearch] },
    search_users: { path: '/rest/api/3/user/search', reply: [200, userSearch] },
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
