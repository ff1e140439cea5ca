import type { z } from 'zod';
import { ConnectorError } from './errors.js';

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
