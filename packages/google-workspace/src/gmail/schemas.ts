import { z } from '@connectors/contract';
import { ADDRESS, matching } from '../inputs.js';

/** Gmail message and thread ids are hex strings; label ids are names like INBOX or Label_12. */
export const messageId = matching(/^[A-Za-z0-9_-]{6,64}$/, 'must be a Gmail message id like 18c2a3f4e5d6b7a8', 64);
export const threadId = matching(/^[A-Za-z0-9_-]{6,64}$/, 'must be a Gmail thread id like 18c2a3f4e5d6b7a8', 64);

export const messageRow = z.object({
  id: z.string(),
  threadId: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  date: z.string(),
  snippet: z.string(),
  labels: z.array(z.string()),
});
export type MessageRow = z.infer<typeof messageRow>;

export const attachment = z.object({ partId: z.string(), attachmentId: z.string(), filename: z.string(), mimeType: z.string(), size: z.number() });

/** A whole message: the row without the snippet, which the text already holds. */
export const message = messageRow.omit({ snippet: true }).extend({
  cc: z.string().optional(),
  text: z.string(),
  /** `html`: there was no plain-text part and the HTML was turned into text. */
  format: z.enum(['text', 'html', 'none']),
  truncated: z.boolean().optional(),
  attachments: z.array(attachment),
});
export type Message = z.infer<typeof message>;

/** A message inside a thread: the thread id is the thread's. */
export const threadMessage = message.omit({ threadId: true });

/** `ada@example.com` or `Ada Lovelace <ada@example.com>`. */
export const address = z
  .string()
  .max(320)
  .refine((value) => ADDRESS.test(value.trim()) || (/^[^<>]*<([^<>]+)>$/.test(value.trim()) && ADDRESS.test(/<([^<>]+)>$/.exec(value.trim())![1]!)), {
    error: 'must be an address like ada@example.com or "Ada Lovelace <ada@example.com>"',
  });
export const addresses = z.array(address).max(50);
export const labelId = matching(/^[A-Za-z0-9_-]{1,100}$/, 'must be a label id like INBOX or Label_12 (gmail_list_labels lists them)', 100);

export const sent = z.object({ id: z.string(), threadId: z.string(), labels: z.array(z.string()) });
