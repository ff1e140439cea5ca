import { urlPath, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { projectMessage, type GmailMessage } from '../projection.js';
import { threadId, threadMessage } from '../schemas.js';

export const getThread = googleTool({
  action: 'get_thread',
  title: 'Read a Gmail thread',
  description: 'Read a whole conversation, oldest message first, each with its text and attachments listed.',
  toolset: 'gmail',
  access: 'read',
  input: z.object({
    threadId,
    maxCharsPerMessage: z.number().int().min(200).max(50_000).default(5_000).describe('Longest text returned per message.'),
  }),
  output: z.object({ id: z.string(), messages: z.array(threadMessage) }),
  examples: [{ threadId: '18c2a3f4e5d6b7a8' }],
  handler: async (input, ctx) => {
    const raw = await ctx.client.get<{ id: string; messages?: GmailMessage[] }>(urlPath`/gmail/v1/users/me/threads/${input.threadId}`, { format: 'full' });
    const messages = (raw.messages ?? []).map((m) => {
      const { threadId: _thread, ...rest } = projectMessage(m, input.maxCharsPerMessage);
      return rest;
    });
    const cut = messages.filter((m) => m.truncated).length;
    return {
      data: { id: raw.id, messages },
      ...(cut ? { warnings: [`${cut} message text(s) were cut at ${input.maxCharsPerMessage} characters; pass a larger maxCharsPerMessage for more.`] } : {}),
    };
  },
});
