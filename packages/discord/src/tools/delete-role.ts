import { urlPath, z } from '@connectors/contract';
import { discordTool } from '../client.js';
import { guildId, reason, roleId } from '../schemas.js';

export const deleteRole = discordTool({
  action: 'delete_role',
  title: 'Delete role',
  description: 'Permanently delete a role; members lose it at once.',
  toolset: 'roles',
  access: 'destructive',
  input: z.object({ guild_id: guildId, role_id: roleId, reason }),
  output: z.object({ id: z.string(), guildId: z.string(), deleted: z.literal(true) }),
  examples: [{ role_id: '1087345678901236001', reason: 'No longer used' }],
  handler: async (input, ctx) => {
    const id = ctx.client.guildId(input.guild_id);
    await ctx.client.send('DELETE', urlPath`/guilds/${id}/roles/${input.role_id}`, { reason: input.reason, signal: ctx.signal });
    return { data: { id: input.role_id, guildId: id, deleted: true as const } };
  },
});
