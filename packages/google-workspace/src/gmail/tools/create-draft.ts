import { z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { buildOutgoing, outgoingInput } from '../outgoing.js';

interface Draft {
  id: string;
  message: { id: string; threadId: string };
}

export const createDraft = googleTool({
  action: 'create_draft',
  title: 'Create an e-mail draft',
  description: 'Save a plain-text e-mail as a Gmail draft for you to review and send; with replyToMessageId it is a reply in that thread.',
  toolset: 'gmail',
  access: 'write',
  checkWith: ['search_messages'],
  input: outgoingInput,
  output: z.object({ draftId: z.string(), messageId: z.string(), threadId: z.string() }),
  examples: [{ to: ['ada@example.com'], subject: 'Draft: Q3 close', body: 'Hi Ada,\n\nDraft for review.', idempotencyKey: 'q3-draft-1' }],
  handler: async (input, ctx) => {
    const { raw, threadId } = await buildOutgoing(input, ctx);
    const { data } = await ctx.client.request<Draft>({
      method: 'POST',
      path: '/gmail/v1/users/me/drafts',
      json: { message: { raw, ...(threadId ? { threadId } : {}) } },
    });
    return { data: { draftId: data.id, messageId: data.message.id, threadId: data.message.threadId } };
  },
});
