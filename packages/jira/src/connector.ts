import { defineConnector } from '@connectors/contract';
import pkg from '../package.json' with { type: 'json' };
import { createJiraClient } from './client.js';
import { config, missingConfig, oauth } from './config.js';
import type { JiraUser } from './projection.js';
import { addComment } from './tools/add-comment.js';
import { createIssue } from './tools/create-issue.js';
import { getCreateFields } from './tools/get-create-fields.js';
import { getIssue } from './tools/get-issue.js';
import { listComments } from './tools/list-comments.js';
import { listProjects } from './tools/list-projects.js';
import { listTransitions } from './tools/list-transitions.js';
import { searchIssues } from './tools/search-issues.js';
import { searchUsers } from './tools/search-users.js';
import { transitionIssue } from './tools/transition-issue.js';
import { updateIssue } from './tools/update-issue.js';
import { resources } from './resources.js';

export const connector = defineConnector({
  id: 'jira',
  title: 'Jira',
  version: pkg.version,
  description: 'Jira Cloud: search issues with JQL, read and write issues and comments in Markdown, move issues through their workflow, find people.',
  setup:
    'Create an API token at https://id.atlassian.com/manage-profile/security/api-tokens and set JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN. Or log in with OAuth: create an OAuth 2.0 (3LO) app at https://developer.atlassian.com/console/myapps/ with the Jira scopes read:jira-work, write:jira-work and read:jira-user and the callback URL http://localhost:8719/callback, set JIRA_OAUTH_CLIENT_ID, JIRA_OAUTH_CLIENT_SECRET and JIRA_CLOUD_ID, and run `npx -y @connectors/jira auth login`.',
  config,
  requires: missingConfig,
  oauth,
  toolsets: {
    issues: 'Search, read, create and update issues.',
    projects: 'Browse projects.',
    comments: 'Read and add comments.',
    transitions: 'Move issues through their workflow.',
    users: 'Find people and their account ids.',
  },
  client: createJiraClient,
  health: async ({ client }) => {
    const [me, site] = await Promise.all([client.get<JiraUser>('/rest/api/3/myself'), client.siteInfo()]);
    return {
      user: me.emailAddress ? `${me.displayName ?? me.accountId} <${me.emailAddress}>` : (me.displayName ?? me.accountId ?? 'unknown'),
      accountId: me.accountId,
      ...(site.url ? { org: site.url } : {}),
      ...(site.name ? { siteName: site.name } : {}),
      authMode: client.authMode,
      baseUrl: client.baseUrl.href.replace(/\/+$/, ''),
      ...(site.scopes ? { scopes: site.scopes } : {}),
      ...(me.timeZone ? { timeZone: me.timeZone } : {}),
    };
  },
  tools: [
    searchIssues,
    getIssue,
    createIssue,
    updateIssue,
    getCreateFields,
    listTransitions,
    transitionIssue,
    listComments,
    addComment,
    listProjects,
    searchUsers,
  ],
  resources,
  // Jira Cloud's limits are per user and app; one read a minute per watched issue or query stays far below them.
  pollIntervalMs: 60_000,
  // Each poll is one search request; Jira's points-based limits leave room for one every 10 s.
  minPollIntervalMs: 10_000,
});
