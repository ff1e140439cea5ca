import { ConnectorError, urlPath, z } from '@connectors/contract';
import { discordTool } from '../client.js';
import { projectChannel, type DiscordChannel } from '../projection.js';
import { channelId, compactChannel, reason, snowflake, trimmedText } from '../schemas.js';

export const editChannel = discordTool({
  action: 'edit_channel',
  title: 'Edit channel',
  description: 'Change a channel or thread; only fields passed change, null clears topic/parent_id.',
  toolset: 'channels',
  access: 'write',
  idempotent: true,
  input: z.object({
    channel_id: channelId,
    name: trimmedText(100).optional(),
    topic: z.string().max(4096).nullable().optional(),
    parent_id: snowflake.nullable().optional(),
    position: z.number().int().min(0).max(500).optional(),
    nsfw: z.boolean().optional(),
    rate_limit_per_user: z.number().int().min(0).max(21600).optional().describe('Slowmode seconds.'),
    archived: z.boolean().optional(),
    locked: z.boolean().optional(),
    reason,
  }),
  output: compactChannel,
  examples: [{ channel_id: '1087345678901234999', topic: 'Release notes, newest first', reason: 'Clarify topic' }],
  handler: async (input, ctx) => {
    const { channel_id, reason: why, ...patch } = input;
    const body = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    if (Object.keys(body).length === 0) {
      throw new ConnectorError('invalid_input', 'Nothing to change: pass at least one field besides channel_id and reason.');
    }
    const channel = await ctx.client.send<DiscordChannel>('PATCH', urlPath`/channels/${channel_id}`, {
      json: body,
      reason: why,
      idempotent: true,
      signal: ctx.signal,
    });
    return { data: projectChannel(channel) };
  },
});
