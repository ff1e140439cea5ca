import nock from 'nock';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileIdempotencyBackend, MemoryIdempotencyBackend } from '../src/state.js';
import type { ToolReturn } from '../src/index.js';
import { notesConnector } from './support/notes-connector.js';
import { NOTES_URL } from './support/notes-connector.js';
import { failure, notesRuntime, success, useNock } from './support/runtime.js';

useNock();

describe('idempotency keys on write tools', () => {
  it('replays the first result for the same key and input, without a second write', async () => {
    const scope = nock(NOTES_URL).post('/v1/notes', { title: 'Groceries' }).once().reply(201, { id: 'n1', title: 'Groceries' });
    const { runtime } = notesRuntime();
    const args = { title: 'Groceries', idempotencyKey: 'groceries-0001' };
    const first = success(await runtime.callTool('notes_create_note', args));
    const second = success(await runtime.callTool('notes_create_note', { ...args }));
    expect(scope.isDone()).toBe(true);
    expect(first.meta).not.toHaveProperty('idempotentReplay');
    expect(second.meta.idempotentReplay).toBe(true);
    expect(second.data).toEqual(first.data);
    expect(second.meta.requestId).not.toBe(first.meta.requestId);
  });

  it('treats key order and explicit undefined as the same input', async () => {
    nock(NOTES_URL).post('/v1/notes').once().reply(201, { id: 'n1', title: 'a' });
    const { runtime } = notesRuntime();
    success(await runtime.callTool('notes_create_note', { title: 'a', body: 'b', idempotencyKey: 'same-key-0001' }));
    const replay = success(await runtime.callTool('notes_create_note', { idempotencyKey: 'same-key-0001', body: 'b', title: 'a' }));
    expect(replay.meta.idempotentReplay).toBe(true);
  });

  it('answers idempotency_conflict for the same key with different input, and sends nothing', async () => {
    const first = nock(NOTES_URL).post('/v1/notes').reply(201, { id: 'n1', title: 'Groceries' });
    const { runtime } = notesRuntime();
    success(await runtime.callTool('notes_create_note', { title: 'Groceries', idempotencyKey: 'groceries-0001' }));
    expect(first.isDone()).toBe(true);
    const second = nock(NOTES_URL).post('/v1/notes').reply(201, { id: 'n2', title: 'Hardware' });
    const error = failure(await runtime.callTool('notes_create_note', { title: 'Hardware', idempotencyKey: 'groceries-0001' }));
    expect(error.error).toMatchObject({ code: 'idempotency_conflict', retryable: false });
    expect(error.error.message).toContain('groceries-0001');
    expect(error.error.hint).toMatch(/new idempotencyKey/);
    expect(second.isDone()).toBe(false);
  });

  it('forgets a write that failed for sure so the same key can be retried', async () => {
    const scope = nock(NOTES_URL)
      .post('/v1/notes')
      .reply(422, { error: { code: 'db', message: 'title taken' } })
      .post('/v1/notes')
      .reply(201, { id: 'n1', title: 'Groceries' });
    const { runtime } = notesRuntime();
    const args = { title: 'Groceries', idempotencyKey: 'groceries-0001' };
    expect(failure(await runtime.callTool('notes_create_note', args)).error.code).toBe('invalid_input');
    const retried = success(await runtime.callTool('notes_create_note', args));
    expect(retried.data).toEqual({ id: 'n1', title: 'Groceries' });
    expect(retried.meta).not.toHaveProperty('idempotentReplay');
    expect(scope.isDone()).toBe(true);
  });

  it('sends one request for concurrent duplicates, and both get the result', async () => {
    const scope = nock(NOTES_URL).post('/v1/notes').delay(50).once().reply(201, { id: 'n1', title: 'Groceries' });
    const extra = nock(NOTES_URL).post('/v1/notes').reply(201, { id: 'n2', title: 'Groceries' });
    const { runtime } = notesRuntime();
    const args = { title: 'Groceries', idempotencyKey: 'groceries-0001' };
    const [a, b] = await Promise.all([runtime.callTool('notes_create_note', args), runtime.callTool('notes_create_note', args)]);
    expect(success(a).data).toEqual({ id: 'n1', title: 'Groceries' });
    expect(success(b).data).toEqual({ id: 'n1', title: 'Groceries' });
    expect([success(a).meta.idempotentReplay, success(b).meta.idempotentReplay].filter(Boolean)).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
    expect(extra.isDone()).toBe(false);
  });

  it('writes again each time without a key', async () => {
    const scope = nock(NOTES_URL).post('/v1/notes').times(2).reply(201, { id: 'n1', title: 'a' });
    const { runtime } = notesRuntime();
    success(await runtime.callTool('notes_create_note', { title: 'a' }));
    const again = success(await runtime.callTool('notes_create_note', { title: 'a' }));
    expect(again.meta).not.toHaveProperty('idempotentReplay');
    expect(scope.isDone()).toBe(true);
  });

  it('hands the key to the handler for vendors that accept one natively', async () => {
    let seen: string | undefined;
    const { runtime } = notesRuntime();
    const tool = runtime.connector.tools.find((t) => t.action === 'create_note')!;
    const original = tool.handler;
    tool.handler = async (_input, ctx) => ((seen = ctx.idempotencyKey), { data: { id: 'n1', title: 'a' } });
    try {
      success(await runtime.callTool('notes_create_note', { title: 'a', idempotencyKey: 'native-key-0001' }));
    } finally {
      tool.handler = original;
    }
    expect(seen).toBe('native-key-0001');
  });
});

const UNKNOWN_OUTCOMES: [string, (n: nock.Interceptor) => nock.Scope][] = [
  ['a connection reset after sending', (n) => n.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))],
  ['a 500', (n) => n.reply(500, { error: { code: 'db', message: 'database busy' } })],
  ['a 503', (n) => n.reply(503, {})],
  ['a timeout', (n) => n.delay(400).reply(201, { id: 'n1', title: 'Groceries' })],
  ['a malformed body', (n) => n.reply(201, '{"id":"n1",', { 'content-type': 'application/json' })],
];

describe('a write whose outcome is unknown', () => {
  it.each(UNKNOWN_OUTCOMES)('after %s: not retryable, and a repeat with the same key does not write again', async (_case, fault) => {
    const first = fault(nock(NOTES_URL).post('/v1/notes'));
    const second = nock(NOTES_URL).post('/v1/notes').reply(201, { id: 'n2', title: 'Groceries' });
    const { runtime } = notesRuntime({ timeoutMs: 100 });
    const args = { title: 'Groceries', idempotencyKey: 'groceries-0001' };
    const error = failure(await runtime.callTool('notes_create_note', args)).error;
    expect(error.retryable).toBe(false);
    expect(error.hint).toMatch(/check/i);
    expect(first.isDone()).toBe(true);
    const repeat = failure(await runtime.callTool('notes_create_note', args)).error;
    expect(repeat).toMatchObject({ code: 'idempotency_conflict', retryable: false });
    expect(repeat.message).toMatch(/groceries-0001.*unknown/);
    expect(repeat.hint).toMatch(/new idempotencyKey/);
    expect(second.isDone()).toBe(false);
  });

  it('names the read tools the connector declares to check with', async () => {
    nock(NOTES_URL).post('/v1/notes').reply(502, {});
    const connector = { ...notesConnector, tools: notesConnector.tools.map((t) => (t.action === 'create_note' ? { ...t, checkWith: ['list_notes'] } : t)) };
    const { runtime } = notesRuntime({}, connector);
    const args = { title: 'Groceries', idempotencyKey: 'groceries-0001' };
    failure(await runtime.callTool('notes_create_note', args));
    expect(failure(await runtime.callTool('notes_create_note', args)).error.hint).toMatch(/^Check with notes_list_notes whether it happened/);
  });

  it("uses the connector's recover lookup: replays what the first attempt wrote, or writes when it did not", async () => {
    let found: { id: string; title: string } | undefined = { id: 'n1', title: 'Groceries' };
    const connector = {
      ...notesConnector,
      tools: notesConnector.tools.map((t) => (t.action === 'create_note' ? { ...t, recover: async () => (found ? { data: found } : undefined) } : t)),
    };
    const { runtime } = notesRuntime({}, connector);
    nock(NOTES_URL).post('/v1/notes').reply(500, {});
    const args = { title: 'Groceries', idempotencyKey: 'groceries-0001' };
    failure(await runtime.callTool('notes_create_note', args));
    const recovered = success(await runtime.callTool('notes_create_note', args));
    expect(recovered).toMatchObject({ data: { id: 'n1' }, meta: { idempotentReplay: true } });
    expect(recovered.warnings?.[0]).toMatch(/unknown outcome; it had written/);

    nock(NOTES_URL).post('/v1/notes').reply(500, {});
    const other = { title: 'Hardware', idempotencyKey: 'hardware-0001' };
    failure(await runtime.callTool('notes_create_note', other));
    found = undefined;
    const written = nock(NOTES_URL).post('/v1/notes').reply(201, { id: 'n3', title: 'Hardware' });
    expect(success(await runtime.callTool('notes_create_note', other)).data).toEqual({ id: 'n3', title: 'Hardware' });
    expect(written.isDone()).toBe(true);
  });

  it('sends again when the vendor deduplicates by the key itself (nativeIdempotencyKey)', async () => {
    const connector = { ...notesConnector, tools: notesConnector.tools.map((t) => (t.action === 'create_note' ? { ...t, nativeIdempotencyKey: true } : t)) };
    const { runtime } = notesRuntime({}, connector);
    nock(NOTES_URL).post('/v1/notes').reply(500, {}).post('/v1/notes').reply(201, { id: 'n1', title: 'Groceries' });
    const args = { title: 'Groceries', idempotencyKey: 'groceries-0001' };
    failure(await runtime.callTool('notes_create_note', args));
    expect(success(await runtime.callTool('notes_create_note', args)).data).toEqual({ id: 'n1', title: 'Groceries' });
  });
});

describe('idempotency across restarts', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('replays after a restart from the file store (0600), without a second write', async () => {
    dir = await mkdtemp(join(tmpdir(), 'idem-'));
    const path = join(dir, 'notes', 'idempotency.json');
    const scope = nock(NOTES_URL).post('/v1/notes').once().reply(201, { id: 'n1', title: 'Groceries' });
    const args = { title: 'Groceries', idempotencyKey: 'groceries-0001' };
    const before = success(await notesRuntime({ idempotency: new FileIdempotencyBackend(path) }).runtime.callTool('notes_create_note', args));
    // A new runtime and a new backend over the same file: what a restarted server is.
    const after = success(await notesRuntime({ idempotency: new FileIdempotencyBackend(path) }).runtime.callTool('notes_create_note', args));
    expect(after.meta.idempotentReplay).toBe(true);
    expect(after.data).toEqual(before.data);
    expect(scope.isDone()).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).not.toContain('groceries-0001\u0000');
  });

  it('remembers an unknown outcome across a restart', async () => {
    dir = await mkdtemp(join(tmpdir(), 'idem-'));
    const path = join(dir, 'idempotency.json');
    nock(NOTES_URL).post('/v1/notes').reply(504, {});
    const second = nock(NOTES_URL).post('/v1/notes').reply(201, { id: 'n2', title: 'x' });
    const args = { title: 'Groceries', idempotencyKey: 'groceries-0001' };
    failure(await notesRuntime({ idempotency: new FileIdempotencyBackend(path) }).runtime.callTool('notes_create_note', args));
    const repeat = failure(await notesRuntime({ idempotency: new FileIdempotencyBackend(path) }).runtime.callTool('notes_create_note', args));
    expect(repeat.error.code).toBe('idempotency_conflict');
    expect(second.isDone()).toBe(false);
  });

  it('keeps the file bounded and drops expired records', async () => {
    dir = await mkdtemp(join(tmpdir(), 'idem-'));
    const backend = new FileIdempotencyBackend<ToolReturn<unknown>>(join(dir, 'i.json'), 5);
    for (let i = 0; i < 12; i++)
      await backend.set(`k${i}`, { fingerprint: 'f', state: 'done', result: { data: i }, expiresAt: Date.now() + (i === 11 ? -1 : 60_000) });
    const fresh = new FileIdempotencyBackend(join(dir, 'i.json'));
    expect(await fresh.get('k0')).toBeUndefined();
    expect(await fresh.get('k11')).toBeUndefined();
    expect((await fresh.get('k10'))?.result).toEqual({ data: 10 });
    const memory = new MemoryIdempotencyBackend(2);
    for (const k of ['a', 'b', 'c']) await memory.set(k, { fingerprint: 'f', state: 'done', expiresAt: Date.now() + 1000 });
    expect(await memory.get('a')).toBeUndefined();
  });

  it("never replays one account's result for another configuration", async () => {
    dir = await mkdtemp(join(tmpdir(), 'idem-'));
    const path = join(dir, 'i.json');
    nock(NOTES_URL).post('/v1/notes').reply(201, { id: 'n1', title: 'a' }).post('/v1/notes').reply(201, { id: 'n2', title: 'a' });
    const args = { title: 'a', idempotencyKey: 'same-key-0001' };
    success(await notesRuntime({ idempotency: new FileIdempotencyBackend(path) }).runtime.callTool('notes_create_note', args));
    const other = notesRuntime({ idempotency: new FileIdempotencyBackend(path), env: { NOTES_API_TOKEN: 'another-account-token' } }).runtime;
    expect(success(await other.callTool('notes_create_note', args)).data).toEqual({ id: 'n2', title: 'a' });
  });
});

describe('an idempotency store that fails', () => {
  const down = {
    get: async () => Promise.reject(new Error('ECONNREFUSED')),
    set: async () => undefined,
    claim: async () => true,
    delete: async () => undefined,
  };

  it('before the write: answers upstream_unavailable (retryable) and sends nothing to the vendor', async () => {
    const scope = nock(NOTES_URL).post('/v1/notes').reply(201, { id: 'n1', title: 'a' });
    const { runtime } = notesRuntime({ idempotency: down });
    const { error } = failure(await runtime.callTool('notes_create_note', { title: 'a', idempotencyKey: 'store-down-1' }));
    expect(error).toMatchObject({ code: 'upstream_unavailable', retryable: true, message: expect.stringContaining('nothing was sent to the vendor') });
    expect(scope.isDone()).toBe(false);
    nock.cleanAll();
  });

  it('after the write: answers the write with a warning that a repeat cannot be recognised', async () => {
    nock(NOTES_URL).post('/v1/notes').reply(201, { id: 'n1', title: 'a' });
    const memory = new MemoryIdempotencyBackend();
    const failsAfter = {
      get: (id: string) => memory.get(id),
      claim: (id: string, record: Parameters<typeof memory.claim>[1]) => memory.claim(id, record),
      set: async () => Promise.reject(new Error('READONLY')),
      delete: (id: string) => memory.delete(id),
    };
    const { runtime } = notesRuntime({ idempotency: failsAfter });
    const envelope = success(await runtime.callTool('notes_create_note', { title: 'a', idempotencyKey: 'store-down-2' }));
    expect(envelope.data).toEqual({ id: 'n1', title: 'a' });
    expect(envelope.warnings).toEqual([expect.stringContaining('cannot be recognised')]);
  });
});
