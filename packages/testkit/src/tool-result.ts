import type { ErrorCode, ErrorInfo, SuccessEnvelope, ToolCallResult } from '@connectors/contract';
import { expect } from 'vitest';

export interface ToolResultExpectations {
  /** Values that must not appear anywhere in the result (tokens, passwords; as they are). */
  secrets?: readonly string[];
}

/**
 * Asserts a whole tools/call result is a success: `isError` unset, the parts every result shares
 * (see below), and returns its envelope typed. For the envelope alone use `expectOk`.
 *
 * Every result: exactly one text block, which is the envelope as JSON (strictly: a key whose value
 * is undefined would vanish from the text but not from structuredContent), `meta.requestId` a UUID,
 * `meta.durationMs` a number >= 0, and none of `secrets` anywhere.
 */
export function expectOkResult<T = unknown>(result: ToolCallResult, options: ToolResultExpectations = {}): SuccessEnvelope<T> {
  if (!result.structuredContent.ok) throw new Error(`expected ok, got ${JSON.stringify(result.structuredContent.error)}`);
  expect(result.isError, 'isError on a success').toBeUndefined();
  expectWellFormed(result, options.secrets ?? []);
  return result.structuredContent as SuccessEnvelope<T>;
}

/**
 * Asserts a whole tools/call result is an error with `code`: `isError: true`, an envelope of
 * exactly `ok`, `error` and `meta`, the parts every result shares (see `expectOkResult`), and
 * returns its error. For the envelope alone use `expectError`.
 */
export function expectErrorResult(result: ToolCallResult, code: ErrorCode, options: ToolResultExpectations = {}): ErrorInfo {
  if (result.structuredContent.ok) throw new Error(`expected ${code}, got ok: ${JSON.stringify(result.structuredContent.data)}`);
  expect(result.isError, 'isError on an error').toBe(true);
  expectWellFormed(result, options.secrets ?? []);
  expect(result.structuredContent.error.code, 'error code').toBe(code);
  expect(Object.keys(result.structuredContent), 'error envelope keys').toEqual(['ok', 'error', 'meta']);
  return result.structuredContent.error;
}

function expectWellFormed(result: ToolCallResult, secrets: readonly string[]): void {
  expect(result.content, 'content blocks').toHaveLength(1);
  expect(result.content[0]!.type, 'content block type').toBe('text');
  expect(JSON.parse(result.content[0]!.text), 'the text block mirrors structuredContent').toStrictEqual(result.structuredContent);
  expect(result.structuredContent.meta.requestId, 'meta.requestId').toMatch(/^[0-9a-f-]{36}$/);
  expect(result.structuredContent.meta.durationMs, 'meta.durationMs').toBeGreaterThanOrEqual(0);
  const text = JSON.stringify(result);
  for (const secret of secrets) {
    if (secret && text.includes(secret)) throw new Error(`A secret appears in the result: ${secret.slice(0, 4)}…`);
  }
}
