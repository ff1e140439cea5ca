import { urlPath, z } from '@connectors/contract';
import { discordTool } from '../client.js';
import { channelId, messageId } from '../schemas.js';

const CUSTOM = /^<?a?:?([A-Za-z0-9_~]{2,32}):(\d{17,20})>?$/;
const UNICODE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

/** `👍`, `name:id`, `<:name:id>` or `<a:name:id>` → what the reactions URL takes (before encoding). */
export function normaliseEmoji(value: string): string | undefined {
  const custom = CUSTOM.exec(value);
  if (custom) return `${custom[1]}:${custom[2]}`;
  if (UNICODE.test(value) && !/[\s<>:]/.test(value) && [...value].length <= 10) return value;
  return undefined;
}

const emoji = z
  .string()
  .trim()
  .max(100)
  .refine((value) => normaliseEmoji(value) !== undefined, {
    message: 'must be an emoji character like 👍, or a custom emoji as name:id or <:name:id> (not a :shortcode:)',
  })
  .transform((value) => normaliseEmoji(value)!)
  .describe('👍 or a custom emoji as name:id.');

export const addReaction = discordTool({
  action: 'add_reaction',
  title: 'Add reaction',
  description: 'React to a message as the bot.',
  toolset: 'messages',
  access: 'write',
  idempotent: true,
  input: z.object({ channel_id: channelId, message_id: messageId, emoji }),
  output: z.object({ channelId: z.string(), messageId: z.string(), emoji: z.string(), added: z.literal(true) }),
  examples: [{ channel_id: '1087345678901234999', message_id: '1087345678901235111', emoji: '👍' }],
  handler: async (input, ctx) => {
    // urlPath encodes the emoji as one segment, as Discord requires (👍 → %F0%9F%91%8D, name:id → name%3Aid).
    await ctx.client.send('PUT', urlPath`/channels/${input.channel_id}/messages/${input.message_id}/reactions/${input.emoji}/@me`, {
      idempotent: true,
      signal: ctx.signal,
    });
    return { data: { channelId: input.channel_id, messageId: input.message_id, emoji: input.emoji, added: true as const } };
  },
});
