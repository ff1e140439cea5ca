import { urlPath, z } from '@connectors/contract';
import { discordTool } from '../client.js';
import { projectRole, unknownFields, withFields, type DiscordRole } from '../projection.js';
import { compactRole, fields, guildId } from '../schemas.js';

export const listRoles = discordTool({
  action: 'list_roles',
  title: 'List roles',
  description: 'List server roles, highest first.',
  toolset: 'roles',
  access: 'read',
  input: z.object({ guild_id: guildId, fields }),
  output: z.array(compactRole),
  examples: [{ guild_id: '1087345678901234567' }],
  handler: async (input, ctx) => {
    const id = ctx.client.guildId(input.guild_id);
    const roles = await ctx.client.list<DiscordRole>(urlPath`/guilds/${id}/roles`, undefined, ctx.signal);
    const sorted = [...roles].sort((a, b) => b.position - a.position);
    return { data: sorted.map((role) => withFields(projectRole(role), role, input.fields)), warnings: unknownFields(input.fields, roles) };
  },
});
