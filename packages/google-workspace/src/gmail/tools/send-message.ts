import { googleTool } from '../../client.js';
import { writeFingerprint } from '../../fingerprint.js';
import { assertSearchSettled, siblingTool, tracked } from '../../recovery.js';
import { buildOutgoing, outgoingInput, outgoingMessageId } from '../outgoing.js';
import { sent } from '../schemas.js';

interface SentMessage {
  id: string;
  threadId: string;
  labelIds?: string[];
}

const project = (m: SentMessage) => ({ id: m.id, threadId: m.threadId, labels: Array.isArray(m.labelIds) ? m.labelIds : [] });

export const sendMessage = googleTool({
  action: 'send_message',
  title: 'Send an e-mail',
  description:
    'Send a plain-text e-mail; with replyToMessageId it replies in that thread. It cannot be undone: pass an idempotencyKey so a retry never sends twice.',
  toolset: 'gmail',
  access: 'destructive',
  checkWith: ['search_messages'],
  input: outgoingInput,
  output: sent,
  examples: [
    { to: ['Ada Lovelace <ada@example.com>'], subject: 'Q3 close', body: 'Hi Ada,\n\nThe invoices are reconciled.\n\nMia', idempotencyKey: 'q3-close-note-1' },
    { replyToMessageId: '18c2a3f4e5d6b7a8', body: 'Thanks, received.', idempotencyKey: 'q3-invoice-ack-1' },
  ],
  // With a key, the message carries a Message-ID made from it: after an unknown outcome, Gmail's
  // rfc822msgid: search tells whether it went out. Gmail has no other lookup by Message-ID, and its
  // search lags behind sending, so "not found" is believed only after the consistency window;
  // before that a repeat is refused instead of sending a second message (see recovery.ts).
  recover: async (input, ctx) => {
    const id = outgoingMessageId(input, ctx);
    if (!id) return undefined;
    const found = await ctx.client.get<{ messages?: SentMessage[] }>('/gmail/v1/users/me/messages', { q: `rfc822msgid:${id}`, includeSpamTrash: true });
    const hit = found.messages?.[0];
    if (hit) return { data: project({ ...hit, labelIds: ['SENT'] }) };
    const search = siblingTool(ctx.tool, 'send_message', 'search_messages');
    const get = siblingTool(ctx.tool, 'send_message', 'get_message');
    assertSearchSettled(ctx.client, writeFingerprint(input, ctx)!, {
      key: ctx.idempotencyKey,
      what: 'sent this message',
      check: `Check whether it went out: ${search} with q "rfc822msgid:${id}" and includeSpamTrash (it may lag too), or ${search} with q "in:sent" and ${get} on the newest.`,
    });
    return undefined;
  },
  handler: async (input, ctx) => {
    const { raw, threadId } = await buildOutgoing(input, ctx);
    const { data } = await tracked(ctx.client, writeFingerprint(input, ctx), {}, () =>
      ctx.client.request<SentMessage>({
        method: 'POST',
        path: '/gmail/v1/users/me/messages/send',
        json: { raw, ...(threadId ? { threadId } : {}) },
      }),
    );
    return { data: project(data) };
  },
});
