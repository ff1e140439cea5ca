import { urlPath, z } from '@connectors/contract';
import { discordTool } from '../client.js';
import { projectChannel, type DiscordChannel } from '../projection.js';
import { compactChannel, creatableChannelType, guildId, idempotencyKey, reason, snowflake, trimmedText } from '../schemas.js';

export const createChannel = discordTool({
  action: 'create_channel',
  title: 'Create channel',
  description: 'Create a channel (default text) or category. topic: max 1024 chars (forum 4096).',
  toolset: 'channels',
  access: 'write',
  checkWith: ['list_channels'],
  input: z
    .object({
      guild_id: guildId,
      name: trimmedText(100),
      type: creatableChannelType.optional(),
      topic: z.string().max(4096).optional(),
      parent_id: snowflake.optional(),
      position: z.number().int().min(0).max(500).optional(),
      nsfw: z.boolean().optional(),
      rate_limit_per_user: z.number().int().min(0).max(21600).optional().describe('Slowmode seconds.'),
      reason,
      idempotencyKey: idempotencyKey(),
    })
    .superRefine((input, check) => {
      const type = input.type ?? 0;
      if (input.topic !== undefined && type !== 15 && input.topic.length > 1024) {
        check.addIssue({ code: 'custom', path: ['topic'], message: 'must be 1024 characters or fewer (4096 only for forum channels)' });
      }
      if (input.topic !== undefined && (type === 2 || type === 4)) {
        check.addIssue({ code: 'custom', path: ['topic'], message: 'voice channels and categories have no topic' });
      }
      if (input.parent_id !== undefined && type === 4) {
        check.addIssue({ code: 'custom', path: ['parent_id'], message: 'a category cannot be inside another category' });
      }
    }),
  output: compactChannel,
  examples: [
    { name: 'release-notes', topic: 'What shipped, one post per release', parent_id: '1087345678901234001', reason: 'Release process' },
    { guild_id: '1087345678901234567', name: 'Voice chat', type: 2 },
  ],
  handler: async (input, ctx) => {
    const id = ctx.client.guildId(input.guild_id);
    const channel = await ctx.client.send<DiscordChannel>('POST', urlPath`/guilds/${id}/channels`, {
      json: {
        name: input.name,
        type: input.type ?? 0,
        topic: input.topic,
        parent_id: input.parent_id,
        position: input.position,
        nsfw: input.nsfw,
        rate_limit_per_user: input.rate_limit_per_user,
      },
      reason: input.reason,
      signal: ctx.signal,
    });
    return { data: projectChannel(channel) };
  },
});
