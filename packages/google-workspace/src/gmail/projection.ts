import { decodeEntities, readContent, type GmailPart } from './mime.js';
import type { Message, MessageRow } from './schemas.js';

/** A message as `users.messages.get` returns it (trimmed to what we read). */
export interface GmailMessage {
  id: string;
  threadId: string;
  labelIds?: string[];
  snippet?: string;
  internalDate?: string;
  payload?: GmailPart;
}

export const LIST_HEADERS = ['From', 'To', 'Subject', 'Date'] as const;

/** A header's value (names compared case-insensitively), or undefined. */
export function header(message: GmailMessage, name: string): string | undefined {
  const lower = name.toLowerCase();
  const headers = Array.isArray(message.payload?.headers) ? message.payload.headers : [];
  const value = headers.find((h) => typeof h?.name === 'string' && h.name.toLowerCase() === lower)?.value;
  return typeof value === 'string' ? value : undefined;
}

/** The Date the message was received (internalDate, epoch ms), as ISO; the Date header if that is missing. */
function dateOf(message: GmailMessage): string {
  const ms = Number(message.internalDate);
  if (Number.isFinite(ms) && ms > 0) return new Date(ms).toISOString();
  return header(message, 'Date') ?? '';
}

export function projectRow(message: GmailMessage): MessageRow {
  return {
    id: String(message.id ?? ''),
    threadId: String(message.threadId ?? ''),
    from: header(message, 'From') ?? '',
    to: header(message, 'To') ?? '',
    subject: header(message, 'Subject') ?? '',
    date: dateOf(message),
    snippet: decodeEntities(typeof message.snippet === 'string' ? message.snippet : ''),
    labels: Array.isArray(message.labelIds) ? message.labelIds.filter((label): label is string => typeof label === 'string') : [],
  };
}

/** The full message: headers, the readable text capped at `maxChars`, attachments listed. */
export function projectMessage(message: GmailMessage, maxChars: number): Message {
  const content = readContent(message.payload);
  const cc = header(message, 'Cc');
  const truncated = content.text.length > maxChars;
  const { snippet: _snippet, ...row } = projectRow(message);
  return {
    ...row,
    ...(cc ? { cc } : {}),
    text: truncated ? content.text.slice(0, maxChars) : content.text,
    format: content.format,
    ...(truncated ? { truncated: true } : {}),
    attachments: content.attachments,
  };
}
