// Held-out fault: with a persistent Redis that restarted mid-write, a write whose "done" record was
// lost (its caller got "ok, but the store did not record it") made a retry wait out the whole call
// deadline and end in `timeout`. The retry must be answered at once here, and well before the
// deadline from another replica, without a second write.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { MemoryIdempotencyBackend, type IdempotencyBackend } from '../src/state.js';
import { NOTES_URL } from './support/notes-connector.js';
import { failure, notesRuntime, success, useNock } from './support/runtime.js';

useNock();

/** A store that is down for `set` (the "done" record) while `down` is true, as Redis is while it restarts. */
function flakyStore() {
  const memory = new MemoryIdempotencyBackend();
  const state = { down: false };
  const backend: IdempotencyBackend = {
    get: (id) => memory.get(id),
    claim: (id, record) => memory.claim(id, record),
    set: async (id, record) => {
      if (state.down) throw new Error('ECONNRESET');
      await memory.set(id, record);
    },
    delete: (id) => memory.delete(id),
  };
  return { backend, memory, state };
}

const args = { title: 'Once only', idempotencyKey: 'restart-0001' };

describe('a write whose done record was lost', () => {
  it('is replayed at once by the process that made it, and its record is saved once the store is back', async () => {
    const post = nock(NOTES_URL).post('/v1/notes').once().reply(201, { id: 'n7', title: 'Once only' });
    const store = flakyStore();
    const { runtime } = notesRuntime({ idempotency: store.backend, callTimeoutMs: 20_000 });
    store.state.down = true;
    const first = success(await runtime.callTool('notes_create_note', args));
    expect(first.warnings).toEqual([expect.stringContaining('cannot be recognised')]);
    store.state.down = false;
    const started = Date.now();
    const again = success(await runtime.callTool('notes_create_note', args));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(again.data).toEqual(first.data);
    expect(again.meta.idempotentReplay).toBe(true);
    expect(post.isDone()).toBe(true);
    // Saved in the background once the store answers again: another replica replays it too.
    const replica = notesRuntime({ idempotency: store.backend, callTimeoutMs: 20_000 });
    await expect.poll(async () => (await replica.runtime.callTool('notes_create_note', args)).structuredContent.ok, { timeout: 10_000 }).toBe(true);
  });

  it('is answered idempotency_conflict before the deadline by another replica, not by a timeout', async () => {
    const post = nock(NOTES_URL).post('/v1/notes').once().reply(201, { id: 'n8', title: 'Once only' });
    const store = flakyStore();
    const writer = notesRuntime({ idempotency: store.backend });
    store.state.down = true;
    success(await writer.runtime.callTool('notes_create_note', args));
    // The writer's process is gone (a restart); the store stays down for "done" records.
    const replica = notesRuntime({ idempotency: store.backend, callTimeoutMs: 4_000 });
    const started = Date.now();
    const { error } = failure(await replica.runtime.callTool('notes_create_note', args));
    expect(Date.now() - started).toBeLessThan(3_500);
    expect(error.code).toBe('idempotency_conflict');
    expect(error.message).toMatch(/may have written already/);
    expect(post.isDone()).toBe(true);
  });
});
