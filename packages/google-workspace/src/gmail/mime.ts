// Gmail's `format=full` payload is the MIME tree with base64url bodies. A reader wants the text,
// the attachments named (not inlined), and HTML only when there is no plain text.

export interface GmailPart {
  partId?: string;
  mimeType?: string;
  filename?: string;
  headers?: { name: string; value: string }[];
  body?: { size?: number; data?: string; attachmentId?: string };
  parts?: GmailPart[];
}

export interface Attachment {
  /** The part's place in the MIME tree (`1`, `0.2`): stable, unlike attachmentId, which Gmail issues anew on every fetch. */
  partId: string;
  /** Empty for an attachment Gmail sends inline in the message. */
  attachmentId: string;
  filename: string;
  mimeType: string;
  size: number;
}

export interface MessageContent {
  text: string;
  /** Where the text came from: a text/plain part, an HTML part turned into text, or nothing. */
  format: 'text' | 'html' | 'none';
  attachments: Attachment[];
}

/** Text of a message: text/plain preferred over text/html in each alternative, attachments listed. */
export function readContent(payload: GmailPart | undefined): MessageContent {
  const attachments: Attachment[] = [];
  const texts: { text: string; format: 'text' | 'html' }[] = [];
  const typeOf = (p: GmailPart) => (typeof p.mimeType === 'string' ? p.mimeType.toLowerCase() : '');
  // `text: false` walks a part for its attachments only (an alternative that was not chosen).
  const walk = (part: GmailPart, text: boolean) => {
    if (typeof part !== 'object' || part === null) return;
    const type = typeOf(part);
    if (typeof part.filename === 'string' && part.filename && (part.body?.attachmentId || part.body?.data)) {
      attachments.push({
        partId: typeof part.partId === 'string' ? part.partId : '',
        attachmentId: String(part.body.attachmentId ?? ''),
        filename: part.filename,
        mimeType: type || 'application/octet-stream',
        size: Number(part.body.size) || 0,
      });
      return;
    }
    const parts = Array.isArray(part.parts) ? part.parts.filter((p): p is GmailPart => typeof p === 'object' && p !== null) : [];
    if (type === 'multipart/alternative' && parts.length) {
      // Plain text is preferred when present, then HTML, then the last (richest) alternative.
      const chosen = parts.find((p) => typeOf(p) === 'text/plain') ?? parts.find((p) => typeOf(p) === 'text/html') ?? parts[parts.length - 1]!;
      for (const p of parts) walk(p, text && p === chosen);
      return;
    }
    if (parts.length) {
      for (const p of parts) walk(p, text);
      return;
    }
    const data = typeof part.body?.data === 'string' ? part.body.data : undefined;
    if (!text || !data) return;
    if (type === 'text/plain') texts.push({ text: decodeBase64Url(data), format: 'text' });
    else if (type === 'text/html') texts.push({ text: htmlToText(decodeBase64Url(data)), format: 'html' });
  };
  if (payload) walk(payload, true);
  if (!texts.length) return { text: '', format: 'none', attachments };
  return { text: texts.map((t) => t.text.trim()).join('\n\n'), format: texts.every((t) => t.format === 'html') ? 'html' : 'text', attachments };
}

/** The part with this partId, anywhere in the tree. */
export function findPart(payload: GmailPart | undefined, partId: string): GmailPart | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  if (payload.partId === partId) return payload;
  for (const part of Array.isArray(payload.parts) ? payload.parts : []) {
    const found = findPart(part, partId);
    if (found) return found;
  }
  return undefined;
}

export function decodeBase64Url(data: string): string {
  return Buffer.from(data.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  euro: '€',
  pound: '£',
  yen: '¥',
  copy: '©',
  reg: '®',
  trade: '™',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
};

/** Readable text from an e-mail's HTML: blocks become lines, links keep their target, scripts and styles go. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<a\s[^>]*href\s*=\s*"([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, text: string) => {
      const label = text.replace(/<[^>]+>/g, '').trim();
      return href && !href.startsWith('mailto:') && label && label !== href ? `${label} (${href})` : label || href;
    })
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<\/(p|div|h[1-6]|tr|ul|ol|table|blockquote)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, decodeEntity)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** `&amp;`, `&#39;`, `&#x1F41F;` and the common named entities (Gmail escapes snippets this way too). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, decodeEntity);
}

function decodeEntity(entity: string, name: string): string {
  if (name.startsWith('#')) {
    const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : entity;
  }
  return ENTITIES[name.toLowerCase()] ?? entity;
}
