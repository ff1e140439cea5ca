import type { ResourceDefinition } from '@connectors/contract';

/** What a client can read (and, with subscriptions, watch) by URI: views of the read tools. */
export const resources: ResourceDefinition[] = [
  {
    uri: 'coconut://task/{coconutId}/{taskId}',
    name: 'task',
    title: 'Coconut task',
    description: 'One task of a Coconut (its id or name), as coconut_tasks_get reads it: watch it to hear when its status changes.',
    tool: 'tasks_get',
  },
  {
    uri: 'coconut://tasks/{coconutId}',
    name: 'tasks',
    title: 'Coconut tasks',
    description: "The first page of a Coconut's tasks, as coconut_tasks_list reads them: watch it to hear of new and changed tasks.",
    tool: 'tasks_list',
  },
  {
    uri: 'coconut://job/{coconutId}/{jobId}',
    name: 'job',
    title: 'Coconut job',
    description: 'One job of a Coconut with its recent runs, as coconut_jobs_get reads it: watch it to hear a run finish.',
    tool: 'jobs_get',
  },
];
