import { urlPath, z } from '@connectors/contract';
import { discordTool } from '../client.js';
import { projectChannel, unknownFields, withFields, type DiscordChannel } from '../projection.js';
import { channelId, compactChannel, fields } from '../schemas.js';

export const getChannel = discordTool({
  action: 'get_channel',
  title: 'Get channel',
  description: 'Get a channel or thread.',
  toolset: 'channels',
  access: 'read',
  input: z.object({ channel_id: channelId, fields }),
  output: compactChannel,
  examples: [{ channel_id: '1087345678901234999' }],
  handler: async (input, ctx) => {
    const channel = await ctx.client.get<DiscordChannel>(urlPath`/channels/${input.channel_id}`, undefined, ctx.signal);
    return { data: withFields(projectChannel(channel), channel, input.fields), warnings: unknownFields(input.fields, [channel]) };
  },
});
