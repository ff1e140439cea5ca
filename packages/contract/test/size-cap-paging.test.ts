import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { NOTES_URL } from './support/notes-connector.js';
import { failure, notesRuntime, success, useNock } from './support/runtime.js';

useNock();

/** A Notes API holding `count` notes with long titles, served in pages of `page_size` by page token. */
function notesApi(count: number, titleLength: number) {
  const notes = Array.from({ length: count }, (_, i) => ({ id: `n${i + 1}`, title: `${i + 1} `.padEnd(titleLength, 'x') }));
  const requests: URLSearchParams[] = [];
  nock(NOTES_URL)
    .persist()
    .get('/v1/notes')
    .query(true)
    .reply((uri) => {
      const query = new URL(uri, NOTES_URL).searchParams;
      requests.push(query);
      const start = Number(query.get('page_token') ?? 0);
      const size = Number(query.get('page_size'));
      const end = Math.min(start + size, notes.length);
      return [200, { items: notes.slice(start, end), next: end < notes.length ? String(end) : null }];
    });
  return { notes, requests };
}

async function followAll(runtime: ReturnType<typeof notesRuntime>['runtime'], args: Record<string, unknown>) {
  const seen: string[] = [];
  const warnings: string[] = [];
  let cursor: string | undefined;
  for (let calls = 0; calls < 500; calls++) {
    const envelope = success<{ id: string }[]>(await runtime.callTool('notes_list_notes', { ...args, ...(cursor ? { cursor } : {}) }));
    seen.push(...envelope.data.map((note) => note.id));
    warnings.push(...(envelope.warnings ?? []));
    cursor = envelope.nextCursor;
    if (!cursor) return { seen, warnings, calls: calls + 1 };
  }
  throw new Error('nextCursor never ended');
}

describe('the result size cap never loses items', () => {
  it.each([4_000, 20_000, 100_000])('following nextCursor over 300 vendor items visits each exactly once (cap %i bytes)', async (cap) => {
    const { notes } = notesApi(300, 400);
    const { runtime } = notesRuntime({ maxResultBytes: cap });
    const { seen, warnings } = await followAll(runtime, { limit: 50 });
    expect(seen).toEqual(notes.map((note) => note.id));
    if (cap < 100_000) expect(warnings[0]).toMatch(/^Returned \d+ of 50 items to stay under \d+ bytes; nextCursor continues with the next one\.$/);
  });

  it('returns as many items as fit, not only a power of two', async () => {
    notesApi(50, 400);
    const { runtime } = notesRuntime({ maxResultBytes: 10_000 });
    const envelope = success<unknown[]>(await runtime.callTool('notes_list_notes', { limit: 50 }));
    const text = JSON.stringify(envelope);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(10_000);
    // One more item (about 430 bytes) would not fit.
    expect(Buffer.byteLength(text)).toBeGreaterThan(10_000 - 600);
    expect(envelope.data.length).toBeGreaterThan(16);
  });

  it('refuses a forged continuation cursor with invalid_input and sends nothing', async () => {
    const forged = Buffer.from(JSON.stringify({ t: 'notes_list_notes#rest', s: { c: null, n: -5, p: [] } })).toString('base64url');
    const { runtime } = notesRuntime();
    expect(failure(await runtime.callTool('notes_list_notes', { cursor: forged })).error.code).toBe('invalid_input');
  });

  it("does not accept one tool's continuation in another tool", async () => {
    const other = Buffer.from(JSON.stringify({ t: 'notes_other#rest', s: { c: null, n: 3, p: [] } })).toString('base64url');
    const { runtime } = notesRuntime();
    expect(failure(await runtime.callTool('notes_list_notes', { cursor: other })).error.code).toBe('invalid_input');
  });
});
