import { urlPath, z } from '@connectors/contract';
import { discordTool } from '../client.js';
import { projectChannel, type DiscordChannel } from '../projection.js';
import { channelId, compactChannel, idempotencyKey, reason, snowflake, text, trimmedText } from '../schemas.js';
import { LIMITS } from './send-message.js';

export const createThread = discordTool({
  action: 'create_thread',
  title: 'Create thread',
  description: 'Start a thread from message_id, as a forum post (content, applied_tags), or standalone (optionally private).',
  toolset: 'messages',
  access: 'write',
  checkWith: ['list_channels'],
  input: z
    .object({
      channel_id: channelId,
      name: trimmedText(100),
      message_id: snowflake.optional(),
      content: text(LIMITS.content).optional(),
      private: z.boolean().optional(),
      auto_archive_minutes: z.literal([60, 1440, 4320, 10080]).optional(),
      applied_tags: z.array(snowflake).max(5).optional(),
      reason,
      idempotencyKey: idempotencyKey(),
    })
    .superRefine((input, check) => {
      if (input.message_id && input.content) check.addIssue({ code: 'custom', path: ['content'], message: 'a thread from a message takes no content' });
      if (input.message_id && input.private) check.addIssue({ code: 'custom', path: ['private'], message: 'a thread from a message is always public' });
      if (input.content && input.private) check.addIssue({ code: 'custom', path: ['private'], message: 'forum posts cannot be private' });
      if (input.applied_tags && !input.content) check.addIssue({ code: 'custom', path: ['applied_tags'], message: 'tags apply to forum posts (pass content)' });
    }),
  output: compactChannel,
  examples: [
    { channel_id: '1087345678901234999', name: 'Release 1.4.0 feedback', message_id: '1087345678901235111' },
    { channel_id: '1087345678901234888', name: 'How do I reset my password?', content: 'Steps I tried: …' },
  ],
  handler: async (input, ctx) => {
    const common = { name: input.name, auto_archive_duration: input.auto_archive_minutes };
    const [path, json] = input.message_id
      ? [urlPath`/channels/${input.channel_id}/messages/${input.message_id}/threads`, common]
      : input.content
        ? [
            urlPath`/channels/${input.channel_id}/threads`,
            { ...common, applied_tags: input.applied_tags, message: { content: input.content, allowed_mentions: { parse: [] } } },
          ]
        : [urlPath`/channels/${input.channel_id}/threads`, { ...common, type: input.private ? 12 : 11 }];
    const thread = await ctx.client.send<DiscordChannel>('POST', path, { json, reason: input.reason, signal: ctx.signal });
    return { data: projectChannel(thread) };
  },
});
