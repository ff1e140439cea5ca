import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

type Reply = (message: Record<string, unknown>) => void;

/**
 * Sits between stdin and the SDK's stdio transport. Lines the SDK could not read are kept from it:
 * a JSON-RPC message with an id but an invalid shape is answered with -32600 (so the client is not
 * left waiting), anything else unreadable is logged. Valid lines pass through unchanged.
 */
export function guardStdin(reply: Reply, warn: (message: string) => void): Transform {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const check = (line: string): boolean => {
    if (line.trim() === '') return false;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      // No id can be recovered from a line that is not JSON, so there is nobody to answer.
      warn('stdio: ignored a line that is not JSON');
      return false;
    }
    if (Array.isArray(message)) return true;
    const problem = invalidReason(message);
    if (!problem) return true;
    const id = (message as { id?: unknown } | null)?.id;
    if (typeof id === 'string' || typeof id === 'number') {
      reply({ jsonrpc: '2.0', id, error: { code: -32600, message: `Invalid Request: ${problem}` } });
    }
    warn(`stdio: ignored an invalid JSON-RPC message (${problem})`);
    return false;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      pending += decoder.write(chunk);
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      const passed = lines.map((line) => line.replace(/\r$/, '')).filter(check);
      done(null, passed.length ? passed.join('\n') + '\n' : undefined);
    },
    flush(done) {
      const last = (pending + decoder.end()).replace(/\r$/, '');
      done(null, check(last) ? last + '\n' : undefined);
    },
  });
}

function invalidReason(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return 'not an object';
  const m = message as Record<string, unknown>;
  if (m.jsonrpc !== '2.0') return 'jsonrpc must be "2.0"';
  if ('method' in m) return typeof m.method === 'string' ? undefined : 'method must be a string';
  if ('result' in m || 'error' in m) return 'id' in m ? undefined : 'a response needs an id';
  return 'no method, result or error';
}
