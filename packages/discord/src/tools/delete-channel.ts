import { urlPath, z } from '@connectors/contract';
import { discordTool } from '../client.js';
import type { DiscordChannel } from '../projection.js';
import { channelId, channelTypeName, reason } from '../schemas.js';

export const deleteChannel = discordTool({
  action: 'delete_channel',
  title: 'Delete channel',
  description: 'Permanently delete a channel, category or thread and all its messages.',
  toolset: 'channels',
  access: 'destructive',
  input: z.object({ channel_id: channelId, reason }),
  output: z.object({ id: z.string(), name: z.string().nullable(), typeName: z.string(), deleted: z.literal(true) }),
  examples: [{ channel_id: '1087345678901234999', reason: 'Duplicate channel' }],
  handler: async (input, ctx) => {
    const channel = await ctx.client.send<DiscordChannel>('DELETE', urlPath`/channels/${input.channel_id}`, {
      reason: input.reason,
      signal: ctx.signal,
    });
    return { data: { id: channel.id, name: channel.name ?? null, typeName: channelTypeName(channel.type), deleted: true as const } };
  },
});
