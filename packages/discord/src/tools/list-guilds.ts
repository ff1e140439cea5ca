import { z } from '@connectors/contract';
import { discordTool } from '../client.js';
import { projectGuild, unknownFields, withFields, type DiscordPartialGuild } from '../projection.js';
import { compactGuild, cursor, fields, limit, snowflake } from '../schemas.js';

export const listGuilds = discordTool({
  action: 'list_guilds',
  title: 'List servers',
  description: 'List the servers (guilds) the bot is in. guild_id inputs default to DISCORD_GUILD_ID.',
  toolset: 'guilds',
  access: 'read',
  input: z.object({ limit: limit(25, 200), cursor: cursor(), fields }),
  output: z.array(compactGuild),
  examples: [{}, { limit: 10 }],
  handler: async (input, ctx) => {
    const after = input.cursor ? ctx.cursor.decode(input.cursor, z.object({ after: snowflake })).after : undefined;
    const guilds = await ctx.client.list<DiscordPartialGuild>('/users/@me/guilds', { limit: input.limit, after, with_counts: true }, ctx.signal);
    const last = guilds.at(-1);
    return {
      data: guilds.map((guild) => withFields(projectGuild(guild), guild, input.fields)),
      ...(guilds.length === input.limit && last ? { nextCursor: ctx.cursor.encode({ after: last.id }) } : {}),
      warnings: unknownFields(input.fields, guilds),
    };
  },
});
