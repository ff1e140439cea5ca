// A stateful fake of the few Gmail and Drive endpoints the recovery and attachment tests need,
// given to the runtime as its `fetch`. Unlike a list of canned replies it behaves like Google where
// these tests need it to: search lags behind writes, Drive keeps ids (a second create with the same
// id is a 409), and Gmail issues new attachment ids every time a message is fetched.
import { randomBytes } from 'node:crypto';
import { ConnectorRuntime } from '@connectors/contract/server';
import { connector } from '../src/connector.js';

export interface StoredMessage {
  id: string;
  threadId: string;
  messageIdHeader: string | undefined;
  raw: string;
  /** Epoch ms (Date.now(), which tests may fake) from which search finds it. */
  searchableAt: number;
}

export interface StoredFile {
  id: string;
  name: string;
  mimeType: string;
  appProperties?: Record<string, string>;
  searchableAt: number;
}

export interface FakeAttachment {
  partId: string;
  filename: string;
  mimeType: string;
  bytes: Buffer;
  /** Small attachments come inline in the message (`body.data`), without an attachmentId. */
  inline?: boolean;
}

export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
}

/**
 * What a write does when it reaches the fake: applied and answered; applied and the answer lost;
 * refused with a 500; or (Drive) the answer lost and the file still on its way, landing on `land()`.
 */
export type WriteFate = 'ok' | 'lost-answer' | 'fail-500' | 'lands-later';

export class FakeGoogle {
  readonly messages: StoredMessage[] = [];
  readonly files: StoredFile[] = [];
  readonly seen: Seen[] = [];
  /** How long search lags behind a write. */
  searchLagMs = 10_000;
  /** Fates of the next writes (send, upload), in order; `ok` when none is left. */
  readonly fates: WriteFate[] = [];
  /** Files that land in Drive only when asked (a create still on its way). */
  readonly landing: StoredFile[] = [];
  /** The message with attachments served by GET /gmail/v1/users/me/messages/<id>. */
  attachmentMessage: { id: string; attachments: FakeAttachment[] } | undefined;
  /** Gmail issues new attachment ids on every fetch of a message; `true` keeps one per part (for tests of other things). */
  stableAttachmentIds = false;
  /** Attachment ids issued so far, each to its part: Gmail accepts old ids after issuing new ones. */
  readonly issued = new Map<string, string>();
  /** Called first on every request (a test lets a file land at the right moment). */
  beforeRequest: ((method: string, path: string) => void) | undefined;
  private fetches = 0;

  readonly fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const method = (init.method ?? 'GET').toUpperCase();
    this.beforeRequest?.(method, url.pathname);
    this.seen.push({ method, path: url.pathname, query: url.searchParams });
    const body = bodyText(init.body);
    const path = url.pathname;

    if (method === 'POST' && path === '/gmail/v1/users/me/messages/send') {
      return this.write(() => {
        const raw = (JSON.parse(body) as { raw: string }).raw;
        const id = hexId();
        this.messages.push({ id, threadId: id, raw, messageIdHeader: headerOf(raw, 'message-id'), searchableAt: Date.now() + this.searchLagMs });
        return { id, threadId: id, labelIds: ['SENT'] };
      });
    }
    if (method === 'GET' && path === '/gmail/v1/users/me/messages') {
      const wanted = /^rfc822msgid:(.+)$/.exec(url.searchParams.get('q') ?? '')?.[1];
      const found = this.messages.filter((m) => m.messageIdHeader === wanted && m.searchableAt <= Date.now());
      return json(
        200,
        found.length ? { messages: found.map((m) => ({ id: m.id, threadId: m.threadId })), resultSizeEstimate: found.length } : { resultSizeEstimate: 0 },
      );
    }
    const attachmentPath = /^\/gmail\/v1\/users\/me\/messages\/([^/]+)\/attachments\/([^/]+)$/.exec(path);
    if (method === 'GET' && attachmentPath) {
      const partId = this.issued.get(attachmentPath[2]!);
      const part = this.attachmentMessage?.attachments.find((a) => a.partId === partId);
      if (!part || attachmentPath[1] !== this.attachmentMessage?.id)
        return json(400, { error: { code: 400, message: 'Invalid attachment token', status: 'INVALID_ARGUMENT' } });
      return json(200, { size: part.bytes.length, data: part.bytes.toString('base64url') });
    }
    const messagePath = /^\/gmail\/v1\/users\/me\/messages\/([^/]+)$/.exec(path);
    if (method === 'GET' && messagePath && this.attachmentMessage?.id === messagePath[1]) return json(200, this.messageWithFreshIds());

    if (method === 'GET' && path === '/drive/v3/files/generateIds') {
      const count = Number(url.searchParams.get('count') ?? 10);
      return json(200, { kind: 'drive#generatedIds', space: 'drive', ids: Array.from({ length: count }, driveId) });
    }
    if (method === 'POST' && path === '/upload/drive/v3/files') {
      const metadata = JSON.parse(/\r\n\r\n(\{.*?\})\r\n/s.exec(body)?.[1] ?? '{}') as {
        id?: string;
        name: string;
        mimeType?: string;
        appProperties?: Record<string, string>;
      };
      if (metadata.id && this.files.some((f) => f.id === metadata.id)) {
        return json(409, { error: { code: 409, message: 'A file already exists with the provided ID.', errors: [{ reason: 'fileIdInUse' }] } });
      }
      return this.write((later) => {
        const file: StoredFile = {
          id: metadata.id ?? driveId(),
          name: metadata.name,
          mimeType: metadata.mimeType ?? 'text/plain',
          ...(metadata.appProperties ? { appProperties: metadata.appProperties } : {}),
          searchableAt: Date.now() + this.searchLagMs,
        };
        (later ? this.landing : this.files).push(file);
        return row(file);
      });
    }
    if (method === 'GET' && path === '/drive/v3/files') {
      const value = /value='([0-9a-f]+)'/.exec(url.searchParams.get('q') ?? '')?.[1];
      const found = this.files.filter((f) => f.appProperties?.connectorsWrite === value && f.searchableAt <= Date.now());
      return json(200, { files: found.map(row) });
    }
    const filePath = /^\/drive\/v3\/files\/([^/]+)$/.exec(path);
    if (method === 'GET' && filePath) {
      const file = this.files.find((f) => f.id === filePath[1]);
      return file ? json(200, row(file)) : json(404, { error: { code: 404, message: `File not found: ${filePath[1]}.`, errors: [{ reason: 'notFound' }] } });
    }
    return json(404, { error: { code: 404, message: `The fake has no ${method} ${path}` } });
  };

  /** Files still on their way arrive now. */
  land(): void {
    this.files.push(...this.landing.splice(0));
  }

  sends(): number {
    return this.seen.filter((r) => r.method === 'POST' && r.path === '/gmail/v1/users/me/messages/send').length;
  }

  private write(apply: (later: boolean) => unknown): Response {
    const fate = this.fates.shift() ?? 'ok';
    if (fate === 'fail-500') return json(500, { error: { code: 500, message: 'Backend Error', status: 'INTERNAL' } });
    const answer = apply(fate === 'lands-later');
    if (fate === 'lost-answer' || fate === 'lands-later') throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    return json(200, answer);
  }

  /** The message as `format=full` answers it, with attachment ids Gmail never issued before. */
  private messageWithFreshIds() {
    const message = this.attachmentMessage!;
    this.fetches++;
    const parts = message.attachments.map((a) => {
      const body: Record<string, unknown> = { size: a.bytes.length };
      if (a.inline) body.data = a.bytes.toString('base64url');
      else {
        const part = a.partId.replace(/\./g, '_');
        const id = this.stableAttachmentIds ? `ANGjdJstable${part}` : `ANGjdJ${this.fetches}x${part}${randomBytes(12).toString('base64url')}`;
        this.issued.set(id, a.partId);
        body.attachmentId = id;
      }
      return { partId: a.partId, mimeType: a.mimeType, filename: a.filename, headers: [], body };
    });
    return {
      id: message.id,
      threadId: message.id,
      labelIds: ['INBOX'],
      internalDate: '1796116443000',
      payload: {
        partId: '',
        mimeType: 'multipart/mixed',
        filename: '',
        headers: [
          { name: 'From', value: 'Ada Lovelace <ada@example.com>' },
          { name: 'To', value: 'mia@example.com' },
          { name: 'Subject', value: 'Files' },
        ],
        body: { size: 0 },
        parts: [
          { partId: '0', mimeType: 'text/plain', filename: '', headers: [], body: { size: 5, data: Buffer.from('Files').toString('base64url') } },
          ...parts,
        ],
      },
    };
  }
}

export function runtimeFor(fake: FakeGoogle, env: Record<string, string> = {}, options: ConstructorParameters<typeof ConnectorRuntime>[1] = {}) {
  return new ConnectorRuntime(connector, {
    logLevel: 'silent',
    ...options,
    fetch: fake.fetch as typeof fetch,
    env: { GOOGLE_ACCESS_TOKEN: 'ya29.test-token', ...env },
  });
}

/** A tool's structured answer. */
export function envelope(result: { structuredContent?: unknown }) {
  return result.structuredContent as {
    ok: boolean;
    data?: any;
    warnings?: string[];
    meta: { idempotentReplay?: boolean };
    error?: { code: string; message: string; hint?: string; retryable: boolean };
  };
}

function row(file: StoredFile) {
  return { id: file.id, name: file.name, mimeType: file.mimeType };
}

function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
}

function bodyText(body: RequestInit['body']): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return String(body);
}

function headerOf(raw: string, name: string): string | undefined {
  const head = Buffer.from(raw, 'base64url')
    .toString('utf8')
    .split('\r\n\r\n')[0]!
    .replace(/\r\n[ \t]+/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}

function hexId(): string {
  return randomBytes(8).toString('hex');
}

function driveId(): string {
  return `1${randomBytes(24).toString('base64url')}`;
}
