import { createHash } from 'node:crypto';
import { urlPath, z } from '@connectors/contract';
import { discordTool } from '../client.js';
import { projectMessage, type DiscordMessage } from '../projection.js';
import { channelId, closedObject, color, compactMessage, idempotencyKey, snowflake, text } from '../schemas.js';

// Discord's limits for bot messages and embeds.
export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
};

// Formats are checked in code, not as JSON-schema format/pattern: the names say "url" and the
// description says ISO 8601, which a model reads more easily than a regex, in fewer bytes.
const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => z.url({ protocol: /^https?$/ }).safeParse(value).success, 'must be an http(s) URL');
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/;
const isoTime = z
  .string()
  .max(35)
  .refine((value) => ISO_TIME.test(value), 'must be an ISO 8601 time like 2026-01-31T12:00:00Z')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a real date and time')
  .describe('ISO 8601');

const embed = closedObject({
  title: text(LIMITS.title).optional(),
  description: text(LIMITS.description).optional(),
  url: httpUrl.optional(),
  color: color.optional(),
  timestamp: isoTime.optional(),
  fields: z
    .array(closedObject({ name: text(LIMITS.fieldName), value: text(LIMITS.fieldValue), inline: z.boolean().optional() }))
    .max(LIMITS.fields)
    .optional(),
  footer: closedObject({ text: text(LIMITS.footer), icon_url: httpUrl.optional() }).optional(),
  image: closedObject({ url: httpUrl }).optional(),
  thumbnail: closedObject({ url: httpUrl }).optional(),
  author: closedObject({ name: text(LIMITS.author), url: httpUrl.optional(), icon_url: httpUrl.optional() }).optional(),
}).refine(
  (e) => Object.values(e).some((value) => value !== undefined),
  'an embed needs at least one of title, description, fields, image, thumbnail, author or footer',
);

type Embed = z.output<typeof embed>;

/** The characters Discord counts toward the 6000 limit of all embeds of one message. */
function embedLength(e: Embed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0)
  );
}

const allowedMentions = closedObject({
  parse: z
    .array(z.literal(['users', 'roles', 'everyone']))
    .max(3)
    .optional(),
  users: z.array(snowflake).max(100).optional(),
  roles: z.array(snowflake).max(100).optional(),
  replied_user: z.boolean().optional(),
}).superRefine((value, check) => {
  if (value.parse?.includes('users') && value.users)
    check.addIssue({ code: 'custom', path: ['users'], message: 'use either parse "users" or a users list, not both' });
  if (value.parse?.includes('roles') && value.roles)
    check.addIssue({ code: 'custom', path: ['roles'], message: 'use either parse "roles" or a roles list, not both' });
});

const MENTION = /@everyone|@here|<@[!&]?\d{17,20}>/;

/** Discord nonces are at most 25 characters; a hash of the idempotency key lets Discord itself drop a duplicate. */
export function nonceFor(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 25);
}

export const sendMessage = discordTool({
  action: 'send_message',
  title: 'Send message',
  description: 'Post text and/or embeds (6000 chars in all) to a channel or thread. Mentions ping nobody unless allowed_mentions says so.',
  toolset: 'messages',
  access: 'write',
  // The handler sends a nonce derived from the key with enforce_nonce: Discord drops a repeat itself.
  nativeIdempotencyKey: true,
  input: z
    .object({
      channel_id: channelId,
      content: z.string().max(LIMITS.content).optional(),
      embeds: z.array(embed).max(LIMITS.embeds).optional(),
      reply_to: snowflake.optional(),
      allowed_mentions: allowedMentions.optional(),
      idempotencyKey: idempotencyKey(),
    })
    .superRefine((input, check) => {
      if (!input.content?.trim() && !input.embeds?.length) {
        check.addIssue({ code: 'custom', path: ['content'], message: 'pass content or at least one embed' });
      }
      const total = (input.embeds ?? []).reduce((sum, e) => sum + embedLength(e), 0);
      if (total > LIMITS.embedTotal) {
        check.addIssue({ code: 'custom', path: ['embeds'], message: `embeds have ${total} characters in all; Discord allows ${LIMITS.embedTotal}` });
      }
    }),
  output: compactMessage,
  examples: [
    { channel_id: '1087345678901234999', content: 'Deploy finished ✅' },
    {
      channel_id: '1087345678901234999',
      embeds: [
        { title: 'Release 1.4.0', description: 'Faster search, fewer bugs.', color: '#5865F2', fields: [{ name: 'Changes', value: '12', inline: true }] },
      ],
      reply_to: '1087345678901235111',
      idempotencyKey: 'release-1.4.0-announce',
    },
  ],
  handler: async (input, ctx) => {
    const nonce = ctx.idempotencyKey ? nonceFor(ctx.idempotencyKey) : undefined;
    const message = await ctx.client.send<DiscordMessage>('POST', urlPath`/channels/${input.channel_id}/messages`, {
      json: {
        content: input.content,
        embeds: input.embeds,
        allowed_mentions: input.allowed_mentions ?? { parse: [] },
        ...(input.reply_to ? { message_reference: { message_id: input.reply_to } } : {}),
        ...(nonce ? { nonce, enforce_nonce: true } : {}),
      },
      // With an enforced nonce Discord answers a repeat with the first message, so a retry cannot post twice.
      idempotent: nonce !== undefined,
      signal: ctx.signal,
    });
    const warnings =
      !input.allowed_mentions && input.content && MENTION.test(input.content)
        ? ['Mentions in the text did not notify anyone (the default); pass allowed_mentions to ping them.']
        : [];
    return { data: projectMessage(message), warnings };
  },
});
