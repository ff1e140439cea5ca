import { urlPath, z } from '@connectors/contract';
import { discordTool } from '../client.js';
import { projectGuildDetail, unknownFields, withFields, type DiscordGuild } from '../projection.js';
import { fields, guildDetail, guildId } from '../schemas.js';

export const getGuild = discordTool({
  action: 'get_guild',
  title: 'Get server',
  description: 'Get a server: owner, member counts, features.',
  toolset: 'guilds',
  access: 'read',
  input: z.object({ guild_id: guildId, fields }),
  output: guildDetail,
  examples: [{ guild_id: '1087345678901234567' }],
  handler: async (input, ctx) => {
    const id = ctx.client.guildId(input.guild_id);
    const guild = await ctx.client.get<DiscordGuild>(urlPath`/guilds/${id}`, { with_counts: true }, ctx.signal);
    return { data: withFields(projectGuildDetail(guild), guild, input.fields), warnings: unknownFields(input.fields, [guild]) };
  },
});
