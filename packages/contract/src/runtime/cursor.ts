import type { z } from 'zod';
import { ConnectorError } from '../core/errors.js';

// Cursors are opaque to callers: base64url JSON tagged with the tool that issued them, so a
// cursor from one tool cannot be replayed against another.
export function encodeCursor(tool: string, state: unknown): string {
  return Buffer.from(JSON.stringify({ t: tool, s: state }), 'utf8').toString('base64url');
}

export function decodeCursor<T>(tool: string, cursor: string, schema: z.ZodType<T>): T {
  const invalid = () =>
    new ConnectorError('invalid_input', 'cursor is not valid for this tool', {
      hint: 'Pass the nextCursor from the previous result of the same tool unchanged, or omit cursor to start over.',
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { t?: unknown }).t !== tool) throw invalid();
  const state = schema.safeParse((parsed as { s?: unknown }).s);
  if (!state.success) throw invalid();
  return state.data;
}

/** What a cursor made by the result size cap holds: the tool's own cursor for the page, and how many of its items were returned. */
export interface Continuation {
  /** The cursor the tool was called with for this page (none for the first). */
  cursor: string | null;
  /** Items of the page already returned. */
  skip: number;
  /** Where the list sits in `data`. */
  path: (string | number)[];
}

const CONTINUATION = '#rest';

export function encodeContinuation(tool: string, state: Continuation): string {
  return encodeCursor(tool + CONTINUATION, { c: state.cursor, n: state.skip, p: state.path });
}

/** The continuation a cursor carries, or undefined when it is the tool's own cursor. */
export function readContinuation(tool: string, cursor: string): Continuation | undefined {
  let parsed: { t?: unknown; s?: { c?: unknown; n?: unknown; p?: unknown } };
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || parsed.t !== tool + CONTINUATION) return undefined;
  const { c, n, p } = parsed.s ?? {};
  const validPath = Array.isArray(p) && p.length <= 4 && p.every((k) => typeof k === 'string' || (Number.isInteger(k) && (k as number) >= 0));
  if ((c !== null && typeof c !== 'string') || !Number.isInteger(n) || (n as number) < 1 || !validPath) {
    throw new ConnectorError('invalid_input', 'cursor is not valid for this tool', {
      hint: 'Pass the nextCursor from the previous result of the same tool unchanged, or omit cursor to start over.',
    });
  }
  return { cursor: c as string | null, skip: n as number, path: p as (string | number)[] };
}
