import { urlPath, z } from '@connectors/contract';
import { discordTool } from '../client.js';
import { compareIds, projectChannel, unknownFields, withFields, type DiscordChannel } from '../projection.js';
import { CHANNEL_TYPES, channelTypeName, compactChannel, fields, guildId, snowflake } from '../schemas.js';

const typeNames = Object.values(CHANNEL_TYPES) as [string, ...string[]];

export const listChannels = discordTool({
  action: 'list_channels',
  title: 'List channels',
  description: 'List server channels (not threads) in sidebar order.',
  toolset: 'channels',
  access: 'read',
  input: z.object({
    guild_id: guildId,
    type: z.literal(typeNames).optional(),
    parent_id: snowflake.optional(),
    fields,
  }),
  output: z.array(compactChannel),
  examples: [{ guild_id: '1087345678901234567' }, { type: 'text' }],
  handler: async (input, ctx) => {
    const id = ctx.client.guildId(input.guild_id);
    const channels = await ctx.client.list<DiscordChannel>(urlPath`/guilds/${id}/channels`, undefined, ctx.signal);
    const chosen = displayOrder(channels)
      .filter((c) => (input.type ? channelTypeName(c.type) === input.type : true))
      .filter((c) => (input.parent_id ? c.parent_id === input.parent_id : true));
    return { data: chosen.map((c) => withFields(projectChannel(c), c, input.fields)), warnings: unknownFields(input.fields, channels) };
  },
});

const isVoice = (c: DiscordChannel) => c.type === 2 || c.type === 13;
const byPosition = (a: DiscordChannel, b: DiscordChannel) =>
  Number(isVoice(a)) - Number(isVoice(b)) || (a.position ?? 0) - (b.position ?? 0) || compareIds(a.id, b.id);

/** The sidebar's order: channels outside categories, then each category followed by its channels (text before voice). */
export function displayOrder(channels: DiscordChannel[]): DiscordChannel[] {
  const categories = channels.filter((c) => c.type === 4).sort(byPosition);
  const categoryIds = new Set(categories.map((c) => c.id));
  const loose = channels.filter((c) => c.type !== 4 && !(c.parent_id && categoryIds.has(c.parent_id))).sort(byPosition);
  return [...loose, ...categories.flatMap((category) => [category, ...channels.filter((c) => c.parent_id === category.id).sort(byPosition)])];
}
