import { urlPath, z } from '@connectors/contract';
import { discordTool, PORTAL_INTENTS, withHint } from '../client.js';
import { compareIds, looksContentless, projectMessage, unknownFields, withFields, type DiscordMessage } from '../projection.js';
import { channelId, compactMessage, cursor, fields, limit, snowflake } from '../schemas.js';

const page = z.union([z.object({ before: snowflake }), z.object({ after: snowflake })]);
type Page = z.infer<typeof page>;

export const MESSAGE_CONTENT_HINT = `Bots need the Message Content Intent to read other people's messages: ${PORTAL_INTENTS} → Message Content Intent (bots in 100+ servers must be approved for it).`;

export const getMessages = discordTool({
  action: 'get_messages',
  title: 'Get messages',
  description: 'Read messages of a channel or thread, newest first. Text needs the Message Content Intent.',
  toolset: 'messages',
  access: 'read',
  input: z
    .object({
      channel_id: channelId,
      limit: limit(20, 100),
      before: snowflake.optional(),
      after: snowflake.optional(),
      cursor: cursor(),
      fields,
    })
    .superRefine((input, check) => {
      if (input.before && input.after) check.addIssue({ code: 'custom', path: ['after'], message: 'pass before or after, not both' });
      if (input.cursor && (input.before || input.after)) {
        check.addIssue({ code: 'custom', path: ['cursor'], message: 'cursor already holds the position; do not combine it with before or after' });
      }
    }),
  output: z.array(compactMessage),
  examples: [{ channel_id: '1087345678901234999' }, { channel_id: '1087345678901234999', limit: 50, before: '1087345678901235111' }],
  handler: async (input, ctx) => {
    const position: Page | undefined = input.cursor
      ? ctx.cursor.decode(input.cursor, page)
      : input.after
        ? { after: input.after }
        : input.before
          ? { before: input.before }
          : undefined;
    let messages: DiscordMessage[];
    try {
      messages = await ctx.client.list<DiscordMessage>(
        urlPath`/channels/${input.channel_id}/messages`,
        { limit: input.limit, ...(position ?? {}) },
        ctx.signal,
      );
    } catch (thrown) {
      withHint(
        thrown,
        (error) => error.code === 'forbidden',
        (error) =>
          `${error.vendorCode === '50001' ? 'Missing Access: the bot cannot see this channel. ' : ''}Give the bot's role View Channel and Read Message History in this channel. ${MESSAGE_CONTENT_HINT}`,
      );
    }

    const warnings = unknownFields(input.fields, messages);
    const blank = messages.filter(looksContentless).length;
    if (blank > 0) warnings.push(`${blank} of ${messages.length} messages came back with empty content. ${MESSAGE_CONTENT_HINT}`);

    // Discord answers newest first for both directions; the next page continues the same way.
    let nextCursor: string | undefined;
    if (messages.length === input.limit && messages.length > 0) {
      const ids = messages.map((m) => m.id).sort(compareIds);
      const oldest = ids[0]!;
      const newest = ids[ids.length - 1]!;
      nextCursor = ctx.cursor.encode(position && 'after' in position ? { after: newest } : { before: oldest });
    }
    return {
      data: messages.map((message) => withFields(projectMessage(message), message, input.fields)),
      ...(nextCursor ? { nextCursor } : {}),
      warnings,
    };
  },
});
