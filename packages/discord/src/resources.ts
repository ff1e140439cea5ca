import type { ResourceDefinition } from '@connectors/contract';

/** What a client can read (and, with subscriptions, watch) by URI: views of the read tools. */
export const resources: ResourceDefinition[] = [
  {
    uri: 'discord://channel/{channel_id}',
    name: 'channel',
    title: 'Discord channel',
    description: "A channel's latest 20 messages, newest first, as discord_get_messages returns them.",
    tool: 'get_messages',
  },
];
