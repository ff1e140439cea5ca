import { urlPath, z } from '@connectors/contract';
import { discordTool } from '../client.js';
import { projectWebhook, type DiscordWebhook } from '../projection.js';
import { compactWebhook, guildId, snowflake } from '../schemas.js';

export const listWebhooks = discordTool({
  action: 'list_webhooks',
  title: 'List webhooks',
  description: 'List webhooks of a channel, or of the server without channel_id. No URLs.',
  toolset: 'webhooks',
  access: 'read',
  input: z.object({ channel_id: snowflake.optional(), guild_id: guildId }),
  output: z.array(compactWebhook),
  examples: [{ channel_id: '1087345678901234999' }, { guild_id: '1087345678901234567' }],
  handler: async (input, ctx) => {
    const path = input.channel_id ? urlPath`/channels/${input.channel_id}/webhooks` : urlPath`/guilds/${ctx.client.guildId(input.guild_id)}/webhooks`;
    const webhooks = await ctx.client.list<DiscordWebhook>(path, undefined, ctx.signal);
    return { data: webhooks.map((webhook) => projectWebhook(webhook)) };
  },
});
