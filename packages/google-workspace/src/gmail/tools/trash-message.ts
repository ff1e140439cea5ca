import { urlPath, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { messageId, sent } from '../schemas.js';

export const trashMessage = googleTool({
  action: 'trash_message',
  title: 'Move a message to the trash',
  description: 'Move a message to the Gmail trash (deleted for good after 30 days).',
  toolset: 'gmail',
  access: 'destructive',
  idempotent: true,
  input: z.object({ messageId }),
  output: sent,
  examples: [{ messageId: '18c2a3f4e5d6b7a8' }],
  handler: async (input, ctx) => {
    const { data } = await ctx.client.request<{ id: string; threadId: string; labelIds?: string[] }>({
      method: 'POST',
      path: urlPath`/gmail/v1/users/me/messages/${input.messageId}/trash`,
      idempotent: true,
    });
    return { data: { id: data.id, threadId: data.threadId, labels: data.labelIds ?? [] } };
  },
});
