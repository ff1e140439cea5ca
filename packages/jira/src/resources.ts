import { ConnectorError, type ResourceDefinition } from '@connectors/contract';

/** An issue key or numeric id as it may appear inside JQL: anything else could change the query. */
const ISSUE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,254}-[0-9]{1,18}$/;
const ISSUE_ID = /^[0-9]{1,18}$/;

/** What a client can read (and, with subscriptions, watch) by URI: views of the read tools. */
export const resources: ResourceDefinition[] = [
  {
    uri: 'jira://issue/{issueKey}',
    name: 'issue',
    title: 'Jira issue',
    description: 'One issue, as jira_get_issue reads it: status, people, dates, labels, description as Markdown.',
    tool: 'get_issue',
    // Jira's cheap change signal: the issue's search row carries `updated`, which every change
    // (field, comment, transition) moves; polling it skips the description and its conversion.
    watch: {
      tool: 'search_issues',
      args: ({ issueKey }) => {
        if (ISSUE_ID.test(issueKey ?? '')) return { jql: `id = ${issueKey}`, limit: 1 };
        if (!ISSUE_KEY.test(issueKey ?? '')) throw new ConnectorError('invalid_input', `"${issueKey}" is not an issue key like PROJ-123 or a numeric id.`);
        return { jql: `key = "${issueKey!.toUpperCase()}"`, limit: 1 };
      },
    },
  },
  {
    uri: 'jira://search/{jql}',
    name: 'search',
    title: 'Jira search',
    description: 'The first 10 issues a JQL query finds (the JQL percent-encoded), as jira_search_issues returns them.',
    tool: 'search_issues',
  },
];
