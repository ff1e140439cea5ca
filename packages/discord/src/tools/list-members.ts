import { urlPath, z } from '@connectors/contract';
import { discordTool, PORTAL_INTENTS, withHint } from '../client.js';
import { projectMember, unknownFields, withFields, type DiscordMember } from '../projection.js';
import { compactMember, cursor, fields, guildId, limit, snowflake } from '../schemas.js';

export const SERVER_MEMBERS_HINT = `Listing members needs the Server Members Intent: ${PORTAL_INTENTS} → Server Members Intent, save, then call again (bots in 100+ servers must be approved for it).`;

export const listMembers = discordTool({
  action: 'list_members',
  title: 'List members',
  description: 'List server members with nicknames and roles. Needs the Server Members Intent.',
  toolset: 'members',
  access: 'read',
  input: z.object({ guild_id: guildId, limit: limit(25, 100), cursor: cursor(), fields }),
  output: z.array(compactMember),
  examples: [{ guild_id: '1087345678901234567' }, { limit: 100 }],
  handler: async (input, ctx) => {
    const id = ctx.client.guildId(input.guild_id);
    const after = input.cursor ? ctx.cursor.decode(input.cursor, z.object({ after: snowflake })).after : undefined;
    let members: DiscordMember[];
    try {
      members = await ctx.client.list<DiscordMember>(urlPath`/guilds/${id}/members`, { limit: input.limit, after }, ctx.signal);
    } catch (thrown) {
      withHint(
        thrown,
        (error) => error.code === 'forbidden',
        (error) => (error.vendorCode === '50013' ? `${error.hint ?? ''} ` : '') + SERVER_MEMBERS_HINT,
      );
    }
    const last = members.at(-1);
    return {
      data: members.map((member) => withFields(projectMember(member), member, input.fields)),
      ...(members.length === input.limit && last ? { nextCursor: ctx.cursor.encode({ after: last.user.id }) } : {}),
      warnings: unknownFields(input.fields, members),
    };
  },
});
