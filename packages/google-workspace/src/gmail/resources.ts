import type { ResourceDefinition } from '@connectors/contract';

/** What a client can read (and, with subscriptions, watch) by URI: views of Gmail's read tools. */
export const gmailResources: ResourceDefinition[] = [
  {
    uri: 'gmail://thread/{threadId}',
    name: 'gmail_thread',
    title: 'Gmail thread',
    description: 'A thread with the text of each message, as gmail_get_thread reads it: watch it to hear of a reply.',
    tool: 'get_thread',
  },
];
