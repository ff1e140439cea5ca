// RFC 2822 messages for Gmail's `raw` field, built by nodemailer's MailComposer (UTF-8 headers as
// encoded-words, quoted-printable bodies, folded lines), so nothing here hand-writes MIME.

export interface Outgoing {
  from?: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  text: string;
  /** Threading: the Message-ID replied to, and the References chain. */
  inReplyTo?: string;
  references?: string[];
  /** A Message-ID of our own, so a repeat can find the message it may have sent. */
  messageId?: string;
}

/** The message as Gmail's `raw` wants it: base64url of the RFC 2822 text. Bcc stays in: Gmail reads recipients from it and strips it. */
export async function composeRaw(message: Outgoing): Promise<string> {
  // Loaded when a message is first sent or drafted (about 30 ms of start-up otherwise).
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer/index.js');
  const mail = new MailComposer({
    ...(message.from ? { from: message.from } : {}),
    to: message.to,
    ...(message.cc?.length ? { cc: message.cc } : {}),
    ...(message.bcc?.length ? { bcc: message.bcc } : {}),
    subject: message.subject,
    text: message.text,
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
    ...(message.references?.length ? { references: message.references } : {}),
    ...(message.messageId ? { messageId: message.messageId } : {}),
  }).compile();
  mail.keepBcc = true;
  const built = await mail.build();
  return built.toString('base64url');
}

/** `Re: ` once, as mail clients do. */
export function replySubject(subject: string): string {
  return /^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`;
}
