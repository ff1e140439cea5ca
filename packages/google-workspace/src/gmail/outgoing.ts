import { ConnectorError, inputs, urlPath, z } from '@connectors/contract';
import type { GoogleContext } from '../client.js';
import { writeFingerprint } from '../fingerprint.js';
import { composeRaw, replySubject, type Outgoing } from './compose.js';
import { header as headerOf, type GmailMessage } from './projection.js';
import { addresses, messageId } from './schemas.js';

/** What send_message and create_draft take: recipients, subject, text, and optionally the message replied to. */
export const outgoingInput = z.object({
  to: addresses.optional().describe('Default when replying: the sender'),
  cc: addresses.optional(),
  bcc: addresses.optional(),
  subject: z.string().max(998).optional().describe('Required unless replying'),
  body: z.string().min(1).max(100_000).describe('Plain text.'),
  replyToMessageId: messageId.optional().describe('Reply in this message’s thread'),
  idempotencyKey: inputs.idempotencyKey(),
});
export type OutgoingInput = z.output<typeof outgoingInput>;

/**
 * With an idempotencyKey, the Message-ID the message goes out with: the same key and input always
 * give the same one, so after an unknown outcome Gmail's `rfc822msgid:` search finds what was sent.
 */
export function outgoingMessageId(input: OutgoingInput, ctx: Pick<GoogleContext, 'tool' | 'idempotencyKey'>): string | undefined {
  const fingerprint = writeFingerprint(input, ctx);
  return fingerprint && `<idem-${fingerprint}@connectors.google-workspace>`;
}

const REPLY_HEADERS = ['Message-ID', 'References', 'Subject', 'From', 'Reply-To'];

/** The RFC 2822 message and the thread for an input, with the threading headers of the message replied to. */
export async function buildOutgoing(input: OutgoingInput, ctx: GoogleContext): Promise<{ raw: string; threadId?: string }> {
  let outgoing: Outgoing;
  let threadId: string | undefined;
  const messageIdHeader = outgoingMessageId(input, ctx);
  if (input.replyToMessageId) {
    const original = await ctx.client.get<GmailMessage>(urlPath`/gmail/v1/users/me/messages/${input.replyToMessageId}`, {
      format: 'metadata',
      metadataHeaders: REPLY_HEADERS,
    });
    const header = (name: string) => headerOf(original, name);
    const parentId = header('Message-ID');
    const references = [...(header('References')?.split(/\s+/).filter(Boolean) ?? []), ...(parentId ? [parentId] : [])];
    const to = input.to?.length ? input.to : [header('Reply-To') ?? header('From')].filter((v): v is string => Boolean(v));
    if (!to.length) throw new ConnectorError('invalid_input', 'The message replied to names no sender: pass `to`.');
    outgoing = {
      to,
      ...(input.cc ? { cc: input.cc } : {}),
      ...(input.bcc ? { bcc: input.bcc } : {}),
      subject: input.subject ?? replySubject(header('Subject') ?? ''),
      text: input.body,
      ...(parentId ? { inReplyTo: parentId, references } : {}),
    };
    threadId = original.threadId;
  } else {
    if (!input.to?.length)
      throw new ConnectorError('invalid_input', 'Invalid arguments: to: give at least one recipient (or replyToMessageId to answer a message).');
    if (input.subject === undefined) throw new ConnectorError('invalid_input', 'Invalid arguments: subject: required unless replying.');
    outgoing = { to: input.to, ...(input.cc ? { cc: input.cc } : {}), ...(input.bcc ? { bcc: input.bcc } : {}), subject: input.subject, text: input.body };
  }
  const raw = await composeRaw({ ...outgoing, ...(messageIdHeader ? { messageId: messageIdHeader } : {}) });
  return { raw, ...(threadId ? { threadId } : {}) };
}
