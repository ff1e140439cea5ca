import { urlPath, z } from '@connectors/contract';
import { discordTool } from '../client.js';
import { permissionsInput } from '../permissions.js';
import { projectRole, type DiscordRole } from '../projection.js';
import { color, compactRole, guildId, idempotencyKey, reason, trimmedText } from '../schemas.js';

export const createRole = discordTool({
  action: 'create_role',
  title: 'Create role',
  description: 'Create a role; without permissions it gets the @everyone defaults.',
  toolset: 'roles',
  access: 'write',
  checkWith: ['list_roles'],
  input: z.object({
    guild_id: guildId,
    name: trimmedText(100),
    color: color.optional(),
    permissions: permissionsInput.optional(),
    hoist: z.boolean().optional(),
    mentionable: z.boolean().optional(),
    reason,
    idempotencyKey: idempotencyKey(),
  }),
  output: compactRole,
  examples: [{ name: 'Release captains', color: '#F1C40F', permissions: ['VIEW_CHANNEL', 'SEND_MESSAGES'], mentionable: true, reason: 'Release rota' }],
  handler: async (input, ctx) => {
    const id = ctx.client.guildId(input.guild_id);
    const role = await ctx.client.send<DiscordRole>('POST', urlPath`/guilds/${id}/roles`, {
      json: { name: input.name, color: input.color, permissions: input.permissions, hoist: input.hoist, mentionable: input.mentionable },
      reason: input.reason,
      signal: ctx.signal,
    });
    return { data: projectRole(role) };
  },
});
