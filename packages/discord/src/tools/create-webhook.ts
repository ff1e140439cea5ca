import { urlPath, z } from '@connectors/contract';
import { discordTool } from '../client.js';
import { projectWebhook, type DiscordWebhook } from '../projection.js';
import { channelId, compactWebhook, idempotencyKey, reason, trimmedText } from '../schemas.js';

export const createWebhook = discordTool({
  action: 'create_webhook',
  title: 'Create webhook',
  description: 'Create a channel webhook; returns its URL, a secret anyone can post with.',
  toolset: 'webhooks',
  access: 'write',
  checkWith: ['list_webhooks'],
  input: z.object({
    channel_id: channelId,
    name: trimmedText(80).refine((name) => !/clyde|discord/i.test(name), 'Discord refuses webhook names containing "clyde" or "discord"'),
    reason,
    idempotencyKey: idempotencyKey(),
  }),
  output: compactWebhook,
  examples: [{ channel_id: '1087345678901234999', name: 'CI notifications', reason: 'Build alerts' }],
  handler: async (input, ctx) => {
    const webhook = await ctx.client.send<DiscordWebhook>('POST', urlPath`/channels/${input.channel_id}/webhooks`, {
      json: { name: input.name },
      reason: input.reason,
      signal: ctx.signal,
    });
    return {
      data: projectWebhook(webhook, { withUrl: true }),
      warnings: ['The webhook url works without the bot token: store it like a password and never post it in a channel.'],
    };
  },
});
