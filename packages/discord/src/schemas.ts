import { inputs, z } from '@connectors/contract';
import { SNOWFLAKE } from './config.js';

/** Discord ids (snowflakes): 17-20 digits. Checked before any request, so a bad id never reaches Discord. */
export const snowflake = z.string().regex(SNOWFLAKE, 'must be a Discord id: 17-20 digits');
// Field names say what these are (channel_id, message_id, role_id); every word of a description is
// paid for in every session's tools/list, so descriptions are kept for what a name cannot say.
export const channelId = snowflake;
export const messageId = snowflake;
export const roleId = snowflake;
// Optional everywhere; said once, in discord_list_guilds, rather than on ten tools. Without a default the
// call answers invalid_input, pointing at discord_list_guilds.
export const guildId = snowflake.optional();
/**
 * Strings of 1 to max characters. "Not empty" is checked in code rather than advertised as
 * minLength 1, which tells a model nothing and would cost bytes on some twenty inputs of tools/list.
 */
const notEmpty = (value: string) => value.length > 0;
export const text = (max: number) => z.string().max(max).refine(notEmpty, 'must not be empty');
/** Like text, after trimming whitespace (names, reasons). */
export const trimmedText = (max: number) => z.string().trim().max(max).refine(notEmpty, 'must not be blank');

/** Sent as X-Audit-Log-Reason; "reason" is Discord's own name for the audit-log reason. */
export const reason = trimmedText(512).optional();
export const fields = inputs.fields(30).describe('Extra raw Discord fields.');
/** The contract's limit without its description: the schema already shows 1-max and the default. */
export const limit = (defaultLimit: number, max: number) => inputs.limit(defaultLimit, max).meta({ description: undefined });
/** The contract's cursor, undescribed: results carry nextCursor, and the name says where it goes. */
export const cursor = () => inputs.cursor().meta({ description: undefined });
/** The contract's idempotencyKey, undescribed: the name says it, and a replay is marked in meta. */
export const idempotencyKey = () => inputs.idempotencyKey().meta({ description: undefined });

/**
 * An object that refuses unknown keys, as the contract refuses unknown arguments, and like the
 * contract's input schemas does not spell that out as additionalProperties: false in tools/list.
 */
export function closedObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape).meta({ additionalProperties: undefined });
}

/** Color as an integer (0-16777215) or a hex string like "#5865F2". */
export const color = z
  .union([z.number().int().min(0).max(0xffffff), z.string().regex(/^#?[0-9a-fA-F]{6}$/, 'must be a hex color like #5865F2')])
  .transform((value) => (typeof value === 'number' ? value : parseInt(value.replace('#', ''), 16)));

export const CHANNEL_TYPES = {
  0: 'text',
  1: 'dm',
  2: 'voice',
  3: 'group_dm',
  4: 'category',
  5: 'announcement',
  10: 'announcement_thread',
  11: 'public_thread',
  12: 'private_thread',
  13: 'stage',
  14: 'directory',
  15: 'forum',
  16: 'media',
} as const satisfies Record<number, string>;

export function channelTypeName(type: number): string {
  return (CHANNEL_TYPES as Record<number, string>)[type] ?? `type_${type}`;
}

/** Types a guild channel can be created as; by number (Discord's) or by name. */
const CREATABLE = { text: 0, voice: 2, category: 4, announcement: 5, stage: 13, forum: 15 } as const;
// One literal of both spellings is one flat JSON-schema enum; a union of two would be an anyOf.
export const creatableChannelType = z
  .literal([...Object.values(CREATABLE), ...(Object.keys(CREATABLE) as (keyof typeof CREATABLE)[])])
  .transform((value) => (typeof value === 'number' ? value : CREATABLE[value]));

const compactUser = z.object({ id: z.string(), username: z.string(), displayName: z.string().optional(), bot: z.boolean().optional() });

export const compactGuild = z.looseObject({
  id: z.string(),
  name: z.string(),
  owner: z.boolean().optional(),
  memberCount: z.number().optional(),
  onlineCount: z.number().optional(),
});

export const guildDetail = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  ownerId: z.string(),
  memberCount: z.number().optional(),
  onlineCount: z.number().optional(),
  roles: z.number(),
  emojis: z.number(),
  features: z.array(z.string()),
  preferredLocale: z.string(),
  premiumTier: z.number(),
  systemChannelId: z.string().nullable(),
  rulesChannelId: z.string().nullable(),
});

export const compactChannel = z.looseObject({
  id: z.string(),
  name: z.string().nullable(),
  type: z.number(),
  typeName: z.string(),
  guildId: z.string().optional(),
  parentId: z.string().nullable().optional(),
  position: z.number().optional(),
  topic: z.string().nullable().optional(),
  nsfw: z.boolean().optional(),
  slowmodeSeconds: z.number().optional(),
  thread: z.object({ archived: z.boolean(), locked: z.boolean(), messageCount: z.number(), memberCount: z.number(), ownerId: z.string() }).optional(),
});

export const compactMessage = z.looseObject({
  id: z.string(),
  channelId: z.string(),
  author: compactUser,
  content: z.string(),
  timestamp: z.string(),
  edited: z.string().optional(),
  replyTo: z.string().optional(),
  embeds: z.array(z.object({ title: z.string().optional(), description: z.string().optional(), url: z.string().optional() })).optional(),
  attachments: z.array(z.object({ filename: z.string(), url: z.string(), size: z.number(), contentType: z.string().optional() })).optional(),
  reactions: z.array(z.object({ emoji: z.string(), count: z.number(), me: z.boolean() })).optional(),
  pinned: z.boolean().optional(),
  threadId: z.string().optional(),
});

export const compactRole = z.looseObject({
  id: z.string(),
  name: z.string(),
  color: z.string().nullable(),
  position: z.number(),
  permissions: z.string(),
  hoist: z.boolean(),
  mentionable: z.boolean(),
  managed: z.boolean(),
});

export const compactWebhook = z.object({
  id: z.string(),
  name: z.string().nullable(),
  type: z.string(),
  channelId: z.string().nullable(),
  guildId: z.string().nullable().optional(),
  creator: z.string().optional(),
  url: z.string().optional(),
});

export const compactMember = z.looseObject({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  bot: z.boolean().optional(),
  nick: z.string().optional(),
  roles: z.array(z.string()),
  joinedAt: z.string(),
  timedOutUntil: z.string().optional(),
});
