import type { ResourceDefinition } from '@connectors/contract';

/** What a client can read (and, with subscriptions, watch) by URI: views of the read tools. */
export const resources: ResourceDefinition[] = [
  {
    uri: 'jira://issue/{issueKey}',
    name: 'issue',
    title: 'Jira issue',
    description: 'One issue, as jira_get_issue reads it: status, people, dates, labels, description as Markdown.',
    tool: 'get_issue',
  },
  {
    uri: 'jira://search/{jql}',
    name: 'search',
    title: 'Jira search',
    description: 'The first 10 issues a JQL query finds (the JQL percent-encoded), as jira_search_issues returns them.',
    tool: 'search_issues',
  },
];
