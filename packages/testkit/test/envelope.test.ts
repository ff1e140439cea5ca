import { z, type ToolCallResult } from '@connectors/contract';
import { describe, expect, it } from 'vitest';
import { checkEnvelope, createTestRuntime } from '../src/index.js';
import { notesConnector } from './fixtures/notes-connector.js';

const meta = { requestId: 'r1', durationMs: 1 };
const descriptor = createTestRuntime(notesConnector())
  .listTools()
  .find((t) => t.name === 'notes_get_note')!;
const data = z.object({ id: z.string(), title: z.string(), updated: z.string() });

function result(envelope: Record<string, unknown>, extra: Partial<ToolCallResult> = {}): ToolCallResult {
  return { content: [{ type: 'text', text: JSON.stringify(envelope) }], structuredContent: envelope as never, ...extra };
}

describe('checkEnvelope', () => {
  it('passes a success and an error envelope that follow the contract', () => {
    expect(checkEnvelope(result({ ok: true, data: { id: 'n_1', title: 't', updated: 'u' }, meta }), { descriptor, data })).toEqual([]);
    const error = { ok: false, error: { code: 'not_found', message: 'No note.', retryable: false }, meta };
    expect(checkEnvelope(result(error, { isError: true }), { descriptor })).toEqual([]);
  });

  it('reports data that breaks the tool output schema and the advertised outputSchema', () => {
    const problems = checkEnvelope(result({ ok: true, data: { id: 'n_1', title: 't', updated: 42 }, meta }), { descriptor, data });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('does not match the contract and the tool output schema: data.updated');
    expect(problems[1]).toContain('does not validate against the advertised outputSchema of notes_get_note');
  });

  it('reports an unknown error code, a missing isError, and a text block that differs', () => {
    const envelope = { ok: false, error: { code: 'oops', message: 'x', retryable: false }, meta };
    const problems = checkEnvelope({ content: [{ type: 'text', text: '{"ok":false}' }], structuredContent: envelope as never });
    expect(problems).toEqual([
      expect.stringContaining('error.code'),
      'The text block differs from structuredContent.',
      'An error envelope without isError: true.',
    ]);
  });

  it('reports extra top-level fields (the envelope is strict)', () => {
    expect(checkEnvelope(result({ ok: true, data: 1, meta, debug: true }))).toEqual([expect.stringContaining('Unrecognized key')]);
  });
});
