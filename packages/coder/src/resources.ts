import type { ResourceDefinition } from '@connectors/contract';

/** What a client can read (and, with subscriptions, watch) by URI: views of the read tools. */
export const resources: ResourceDefinition[] = [
  {
    uri: 'coder://workspace/{workspace}',
    name: 'workspace',
    title: 'Coder workspace',
    description: 'A workspace (name, owner/name or id) with its latest build, agents and apps, as coder_get_workspace reads it.',
    tool: 'get_workspace',
  },
  {
    uri: 'coder://activity/{workspace}',
    name: 'activity',
    title: 'Coder agent activity',
    description:
      "A workspace's agent connection and lifecycle and its apps' latest statuses, as coder_get_agent_activity reads them: watch it to hear when an AI task finishes.",
    tool: 'get_agent_activity',
  },
];
