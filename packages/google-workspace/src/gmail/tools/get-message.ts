import { urlPath, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { projectMessage, type GmailMessage } from '../projection.js';
import { message, messageId } from '../schemas.js';

export const getMessage = googleTool({
  action: 'get_message',
  title: 'Read a Gmail message',
  description: 'Read one message: headers, its text (HTML-only mail turned into readable text), labels, and attachments listed by name, type, size and partId.',
  toolset: 'gmail',
  access: 'read',
  input: z.object({
    messageId,
    maxChars: z.number().int().min(500).max(100_000).default(20_000).describe('Longest text returned; longer text is cut with a warning.'),
  }),
  output: message,
  examples: [{ messageId: '18c2a3f4e5d6b7a8' }],
  handler: async (input, ctx) => {
    const raw = await ctx.client.get<GmailMessage>(urlPath`/gmail/v1/users/me/messages/${input.messageId}`, { format: 'full' });
    const data = projectMessage(raw, input.maxChars);
    return { data, ...(data.truncated ? { warnings: [`The text was cut at ${input.maxChars} characters; pass a larger maxChars for more.`] } : {}) };
  },
});
