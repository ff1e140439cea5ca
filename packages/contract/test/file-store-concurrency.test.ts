// Held-out finding: under load, writes were 3-20x slower than reads because the file-backed
// idempotency store wrote the whole file, fsynced, once per change in one queue. Changes now share
// file writes (group commit); what must not change is what a restart reads back.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileIdempotencyBackend } from '../src/state.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const record = (fingerprint: string, state: 'pending' | 'done' = 'pending') => ({ fingerprint, state, startedAt: Date.now(), expiresAt: Date.now() + 60_000 });

describe('the file idempotency store under concurrent writes', () => {
  it('keeps every one of 500 concurrent claims and their done records: a new process reads them all back', async () => {
    const path = join(dir, 'idempotency.json');
    const store = new FileIdempotencyBackend(path, 1_000);
    const claimed = await Promise.all(Array.from({ length: 500 }, (_, i) => store.claim(`k${i}`, record(`f${i}`))));
    expect(claimed.every(Boolean)).toBe(true);
    await Promise.all(Array.from({ length: 500 }, (_, i) => store.set(`k${i}`, { ...record(`f${i}`, 'done'), result: { i } })));
    const restarted = new FileIdempotencyBackend(path, 1_000);
    for (let i = 0; i < 500; i += 37) expect(await restarted.get(`k${i}`)).toMatchObject({ state: 'done', result: { i } });
  });

  it('lets exactly one of many concurrent claims of one key win', async () => {
    const store = new FileIdempotencyBackend(join(dir, 'idempotency.json'));
    const claimed = await Promise.all(Array.from({ length: 50 }, (_, i) => store.claim('same', record(`f${i}`))));
    expect(claimed.filter(Boolean)).toHaveLength(1);
  });

  it('still reads what another process wrote, between bursts', async () => {
    const path = join(dir, 'idempotency.json');
    const here = new FileIdempotencyBackend(path);
    const there = new FileIdempotencyBackend(path);
    await here.claim('a', record('fa'));
    await there.claim('b', record('fb'));
    expect(await here.get('b')).toMatchObject({ fingerprint: 'fb' });
    expect(await here.claim('b', record('other'))).toBe(false);
  });

  it('answers a write only once the file holds it', async () => {
    const path = join(dir, 'idempotency.json');
    const store = new FileIdempotencyBackend(path);
    await store.set('x', { ...record('fx', 'done'), result: 'kept' });
    expect(await new FileIdempotencyBackend(path).get('x')).toMatchObject({ result: 'kept' });
  });

  it('forgets a claim the file did not take, so the retry the error invites can claim again', async () => {
    // The store's folder is a file: writing fails until it is moved away.
    const blocker = join(dir, 'blocker');
    await writeFile(blocker, '');
    const store = new FileIdempotencyBackend(join(blocker, 'idempotency.json'));
    await expect(store.claim('k', record('f'))).rejects.toThrow();
    await rm(blocker);
    expect(await store.claim('k', record('f'))).toBe(true);
  });
});
