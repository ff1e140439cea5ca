import { inputs, urlPath, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { cursorOf, pageTokenOf } from '../../paging.js';
import { LIST_HEADERS, projectRow, type GmailMessage } from '../projection.js';
import { messageRow } from '../schemas.js';

interface MessageList {
  messages?: { id: string; threadId: string }[];
  nextPageToken?: string;
  resultSizeEstimate?: number;
}

export const searchMessages = googleTool({
  action: 'search_messages',
  title: 'Search Gmail',
  description: 'Search mail with Gmail syntax (from:, subject:, is:unread, after:2026/01/31, label:, has:attachment), newest first, with thread ids.',
  toolset: 'gmail',
  access: 'read',
  input: z.object({
    q: z.string().max(1000).default('').describe('As in Gmail’s search box'),
    limit: inputs.limit(10, 50),
    cursor: inputs.cursor(),
    includeSpamTrash: z.boolean().default(false),
  }),
  output: z.array(messageRow),
  examples: [{ q: 'from:ada@example.com is:unread' }, { q: 'subject:invoice after:2026/01/01', limit: 5 }],
  handler: async (input, ctx) => {
    const pageToken = pageTokenOf(ctx, input.cursor, input.q);
    const list = await ctx.client.get<MessageList>('/gmail/v1/users/me/messages', {
      q: input.q || undefined,
      maxResults: input.limit,
      pageToken,
      includeSpamTrash: input.includeSpamTrash || undefined,
    });
    // One metadata read per message; the HTTP client runs a few at a time.
    const messages = await Promise.all(
      (list.messages ?? []).map((m) =>
        ctx.client.get<GmailMessage>(urlPath`/gmail/v1/users/me/messages/${m.id}`, { format: 'metadata', metadataHeaders: [...LIST_HEADERS] }),
      ),
    );
    return {
      data: messages.map(projectRow),
      ...cursorOf(ctx, list.nextPageToken, input.q),
    };
  },
});
