import { ConnectorError, urlPath, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { labelId, messageId, sent } from '../schemas.js';

export const modifyLabels = googleTool({
  action: 'modify_labels',
  title: 'Change labels of a message',
  description:
    'Add and remove labels on a message: archive (remove INBOX), mark read (remove UNREAD), star (add STARRED), or your own labels from gmail_list_labels.',
  toolset: 'gmail',
  access: 'write',
  idempotent: true,
  input: z.object({ messageId, add: z.array(labelId).max(20).default([]), remove: z.array(labelId).max(20).default([]) }),
  output: sent,
  examples: [{ messageId: '18c2a3f4e5d6b7a8', add: ['Label_12'], remove: ['UNREAD', 'INBOX'] }],
  handler: async (input, ctx) => {
    if (!input.add.length && !input.remove.length) throw new ConnectorError('invalid_input', 'Invalid arguments: give labels to add or remove.');
    const both = input.add.filter((label) => input.remove.includes(label));
    if (both.length) throw new ConnectorError('invalid_input', `Invalid arguments: ${both.join(', ')} both added and removed.`);
    const { data } = await ctx.client.request<{ id: string; threadId: string; labelIds?: string[] }>({
      method: 'POST',
      path: urlPath`/gmail/v1/users/me/messages/${input.messageId}/modify`,
      json: { addLabelIds: input.add, removeLabelIds: input.remove },
      idempotent: true,
    });
    return { data: { id: data.id, threadId: data.threadId, labels: data.labelIds ?? [] } };
  },
});
