import { defineConnector } from '@connectors/contract';
import pkg from '../package.json' with { type: 'json' };
import { createDiscordClient } from './client.js';
import { config } from './config.js';
import { discordHealth } from './health.js';
import { addReaction } from './tools/add-reaction.js';
import { createChannel } from './tools/create-channel.js';
import { createRole } from './tools/create-role.js';
import { createThread } from './tools/create-thread.js';
import { createWebhook } from './tools/create-webhook.js';
import { deleteChannel } from './tools/delete-channel.js';
import { deleteRole } from './tools/delete-role.js';
import { editChannel } from './tools/edit-channel.js';
import { editRole } from './tools/edit-role.js';
import { getChannel } from './tools/get-channel.js';
import { getGuild } from './tools/get-guild.js';
import { getMessages } from './tools/get-messages.js';
import { listChannels } from './tools/list-channels.js';
import { listGuilds } from './tools/list-guilds.js';
import { listMembers } from './tools/list-members.js';
import { listRoles } from './tools/list-roles.js';
import { listWebhooks } from './tools/list-webhooks.js';
import { sendMessage } from './tools/send-message.js';
import { resources } from './resources.js';

export const connector = defineConnector({
  id: 'discord',
  title: 'Discord',
  version: pkg.version,
  description: 'Discord through a bot: servers, channels, messages, threads, reactions, roles, webhooks and members.',
  setup:
    'Create an application at https://discord.com/developers/applications, add a bot (Bot → Reset Token) and set DISCORD_BOT_TOKEN; invite the bot with the OAuth2 URL in the README; optionally set DISCORD_GUILD_ID.',
  config,
  toolsets: {
    guilds: 'Servers the bot is in.',
    channels: 'Read, create, edit and delete channels.',
    messages: 'Read and send messages, threads and reactions.',
    roles: 'Read, create, edit and delete roles.',
    webhooks: 'List and create webhooks.',
    members: 'List server members (Server Members Intent).',
  },
  client: createDiscordClient,
  health: ({ client, signal }) => discordHealth(client, signal),
  tools: [
    listGuilds,
    getGuild,
    listChannels,
    getChannel,
    createChannel,
    editChannel,
    deleteChannel,
    sendMessage,
    getMessages,
    createThread,
    addReaction,
    listRoles,
    createRole,
    editRole,
    deleteRole,
    createWebhook,
    listWebhooks,
    listMembers,
  ],
  resources,
});
