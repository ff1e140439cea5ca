import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

type Reply = (message: Record<string, unknown>) => void;

/** Longer lines are not read: the SDK closes its transport on a line over 10 MB, leaving the server deaf. */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

/**
 * Sits between stdin and the SDK's stdio transport. Lines the SDK could not read are kept from it:
 * a JSON-RPC message with an id but an invalid shape is answered with -32600, unparseable JSON whose
 * id can still be read with -32700, and a line over the cap with -32600 (so the client is not left
 * waiting); anything else unreadable is logged. Valid lines pass through unchanged, each shown to
 * `observe` first (the server watches `subscriptions/listen` there, which the SDK answers itself). Memory stays
 * bounded by the cap, and each byte is scanned once however the line is split into chunks.
 */
export function guardStdin(
  reply: Reply,
  warn: (message: string) => void,
  maxLineChars = MAX_LINE_CHARS,
  observe?: (message: Record<string, unknown>) => void,
): Transform {
  const decoder = new StringDecoder('utf8');
  let parts: string[] = [];
  let size = 0;
  // Set while skipping the rest of an oversized line: its first bytes, to recover an id from.
  let oversizedHead: string | undefined;

  const answer = (head: string, code: number, message: string) => {
    const id = recoverId(head);
    if (id !== undefined) reply({ jsonrpc: '2.0', id, error: { code, message } });
  };
  const tooLong = (head: string) => {
    answer(head, -32600, `Invalid Request: messages over ${maxLineChars} characters are not read`);
    warn(`stdio: ignored a message over ${maxLineChars} characters`);
  };
  const check = (line: string): boolean => {
    if (line.trim() === '') return false;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      answer(line.slice(0, 1024), -32700, 'Parse error');
      warn('stdio: ignored a line that is not JSON');
      return false;
    }
    if (Array.isArray(message)) return true;
    const problem = invalidReason(message);
    if (!problem) {
      observe?.(message as Record<string, unknown>);
      return true;
    }
    const id = (message as { id?: unknown } | null)?.id;
    if (typeof id === 'string' || typeof id === 'number') {
      reply({ jsonrpc: '2.0', id, error: { code: -32600, message: `Invalid Request: ${problem}` } });
    }
    warn(`stdio: ignored an invalid JSON-RPC message (${problem})`);
    return false;
  };
  const take = (piece: string, passed: string[]) => {
    if (oversizedHead !== undefined) {
      tooLong(oversizedHead);
      oversizedHead = undefined;
      return;
    }
    parts.push(piece);
    const line = parts.join('').replace(/\r$/, '');
    parts = [];
    size = 0;
    if (line.length > maxLineChars) return tooLong(line.slice(0, 1024));
    if (check(line)) passed.push(line);
  };
  const keep = (rest: string) => {
    if (oversizedHead !== undefined || rest === '') return;
    parts.push(rest);
    size += rest.length;
    if (size > maxLineChars) {
      oversizedHead = parts.join('').slice(0, 1024);
      parts = [];
      size = 0;
    }
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const text = decoder.write(chunk);
      const passed: string[] = [];
      let start = 0;
      for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
        take(text.slice(start, newline), passed);
        start = newline + 1;
      }
      keep(text.slice(start));
      done(null, passed.length ? `${passed.join('\n')}\n` : undefined);
    },
    flush(done) {
      keep(decoder.end());
      const passed: string[] = [];
      if (oversizedHead !== undefined || parts.length) take('', passed);
      done(null, passed.length ? `${passed.join('\n')}\n` : undefined);
    },
  });
}

/** The id of a message too broken to parse, when its start still shows one. */
function recoverId(head: string): string | number | undefined {
  const match = /^\s*\{\s*(?:"[^"]{0,40}"\s*:\s*(?:"[^"]{0,40}"|[\d.]{1,20})\s*,\s*){0,3}"id"\s*:\s*("(?:[^"\\]|\\.){0,200}"|-?\d{1,16})\s*[,}]/.exec(head);
  if (!match) return undefined;
  try {
    return JSON.parse(match[1]!) as string | number;
  } catch {
    return undefined;
  }
}

function invalidReason(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return 'not an object';
  const m = message as Record<string, unknown>;
  if (m.jsonrpc !== '2.0') return 'jsonrpc must be "2.0"';
  if ('method' in m) return typeof m.method === 'string' ? undefined : 'method must be a string';
  if ('result' in m || 'error' in m) return 'id' in m ? undefined : 'a response needs an id';
  return 'no method, result or error';
}
