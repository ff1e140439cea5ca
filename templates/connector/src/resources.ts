import type { ResourceDefinition } from '@connectors/contract';

/**
 * What a client can read (and, with subscriptions, watch) by URI. Each resource is a view of a
 * read tool: the URI's variables become its arguments, so the read is that tool's call, with its
 * input checks, gating, errors and redaction, and needs no code of its own.
 */
export const resources: ResourceDefinition[] = [
  {
    uri: 'starter://task/{taskId}',
    name: 'task',
    title: 'Starter task',
    description: 'One task, as starter_get_task reads it: status, assignee, labels, due date, description and link.',
    tool: 'get_task',
  },
  {
    uri: 'starter://project/{projectId}/open-tasks',
    name: 'open_tasks',
    title: 'Open tasks of a Starter project',
    description: 'The newest 25 open tasks of a project, as starter_list_tasks lists them.',
    tool: 'list_tasks',
    // Fixed arguments next to the URI's variables.
    args: { status: 'open', limit: 25 },
  },
];
