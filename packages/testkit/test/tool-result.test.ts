// expectOkResult / expectErrorResult pass on what the runtime really returns, and catch each way a
// result can be malformed.
import type { ToolCallResult } from '@connectors/contract';
import { describe, expect, it } from 'vitest';
import { createTestRuntime, expectErrorResult, expectOkResult, mountReplies, useFakeVendor } from '../src/index.js';
import { BASE_URL, note, notesConnector } from './fixtures/notes-connector.js';

useFakeVendor();

const KEY = 'notes-key-canary-51c2';

async function results(): Promise<{ ok: ToolCallResult; error: ToolCallResult }> {
  const kit = createTestRuntime(notesConnector(), { env: { NOTES_API_KEY: KEY } });
  mountReplies(BASE_URL, [
    { path: '/v1/notes/n_0001', reply: [200, note] },
    { path: '/v1/notes/n_0404', reply: [404, { message: 'No such note' }] },
  ]);
  return { ok: await kit.callToolResult('get_note', { noteId: 'n_0001' }), error: await kit.callToolResult('get_note', { noteId: 'n_0404' }) };
}

/** A copy of `result` with its text block rewritten from `structuredContent` after `edit`. */
function edited(result: ToolCallResult, edit: (envelope: any) => void, options: { keepText?: boolean } = {}): ToolCallResult {
  const copy = structuredClone(result);
  edit(copy.structuredContent);
  if (!options.keepText) copy.content = [{ type: 'text', text: JSON.stringify(copy.structuredContent) }];
  return copy;
}

describe('expectOkResult', () => {
  it('returns the envelope of a well-formed success', async () => {
    const { ok } = await results();
    expect(expectOkResult<{ id: string }>(ok, { secrets: [KEY] }).data.id).toBe('n_0001');
  });

  it('fails on an error, isError on a success, a text block that differs, and a missing requestId or duration', async () => {
    const { ok, error } = await results();
    expect(() => expectOkResult(error)).toThrow(/^expected ok, got \{"code":"not_found"/);
    expect(() => expectOkResult({ ...ok, isError: false })).toThrow('isError on a success');
    expect(() => expectOkResult(edited(ok, (e) => (e.data.title = 'changed'), { keepText: true }))).toThrow('the text block mirrors structuredContent');
    // A key whose value is undefined is lost in the text: strict equality sees it.
    expect(() => expectOkResult(edited(ok, (e) => (e.data.extra = undefined), { keepText: true }))).toThrow('the text block mirrors structuredContent');
    expect(() => expectOkResult({ ...ok, content: [...ok.content, ...ok.content] })).toThrow('content blocks');
    expect(() => expectOkResult(edited(ok, (e) => (e.meta.requestId = 'req-1')))).toThrow('meta.requestId');
    expect(() => expectOkResult(edited(ok, (e) => (e.meta.durationMs = -1)))).toThrow('meta.durationMs');
    expect(() => expectOkResult(edited(ok, (e) => delete e.meta.durationMs))).toThrow();
  });

  it('fails when a secret appears anywhere in the result', async () => {
    const { ok } = await results();
    const leaky = edited(ok, (e) => (e.data.title = `key is ${KEY}`));
    expect(() => expectOkResult(leaky)).not.toThrow();
    expect(() => expectOkResult(leaky, { secrets: ['unrelated', KEY] })).toThrow('A secret appears in the result: note…');
  });
});

describe('expectErrorResult', () => {
  it('returns the error of a well-formed error with that code', async () => {
    const { error } = await results();
    expect(expectErrorResult(error, 'not_found', { secrets: [KEY] })).toMatchObject({ code: 'not_found', retryable: false });
  });

  it('fails on a success, another code, a missing isError, and an envelope with more than ok, error and meta', async () => {
    const { ok, error } = await results();
    expect(() => expectErrorResult(ok, 'not_found')).toThrow(/^expected not_found, got ok: \{"id":"n_0001"/);
    expect(() => expectErrorResult(error, 'forbidden')).toThrow('error code');
    expect(() => expectErrorResult({ ...error, isError: undefined } as unknown as ToolCallResult, 'not_found')).toThrow('isError on an error');
    expect(() =>
      expectErrorResult(
        edited(error, (e) => (e.data = null)),
        'not_found',
      ),
    ).toThrow('error envelope keys');
    expect(() =>
      expectErrorResult(
        edited(error, (e) => (e.error.message = `bad key ${KEY}`)),
        'not_found',
        { secrets: [KEY] },
      ),
    ).toThrow('A secret appears');
  });
});
