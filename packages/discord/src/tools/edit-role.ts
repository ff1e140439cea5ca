import { ConnectorError, urlPath, z } from '@connectors/contract';
import { discordTool } from '../client.js';
import { permissionsInput } from '../permissions.js';
import { projectRole, type DiscordRole } from '../projection.js';
import { color, compactRole, guildId, reason, roleId, trimmedText } from '../schemas.js';

export const editRole = discordTool({
  action: 'edit_role',
  title: 'Edit role',
  description: 'Change a role; only fields passed change (permissions replaces the set).',
  toolset: 'roles',
  access: 'write',
  idempotent: true,
  input: z.object({
    guild_id: guildId,
    role_id: roleId,
    name: trimmedText(100).optional(),
    color: color.optional(),
    permissions: permissionsInput.optional(),
    hoist: z.boolean().optional(),
    mentionable: z.boolean().optional(),
    reason,
  }),
  output: compactRole,
  examples: [{ role_id: '1087345678901236001', name: 'Release leads', reason: 'Renamed by the team' }],
  handler: async (input, ctx) => {
    const { guild_id, role_id, reason: why, ...patch } = input;
    const body = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    if (Object.keys(body).length === 0) {
      throw new ConnectorError('invalid_input', 'Nothing to change: pass at least one of name, color, permissions, hoist, mentionable.');
    }
    const id = ctx.client.guildId(guild_id);
    const role = await ctx.client.send<DiscordRole>('PATCH', urlPath`/guilds/${id}/roles/${role_id}`, {
      json: body,
      reason: why,
      idempotent: true,
      signal: ctx.signal,
    });
    return { data: projectRole(role) };
  },
});
