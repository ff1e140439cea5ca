import nock from 'nock';
import { describe, expect, it } from 'vitest';
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

  it('forgets a failed write so the same key can be retried', async () => {
    const scope = nock(NOTES_URL)
      .post('/v1/notes').reply(500, { error: { code: 'db', message: 'database busy' } })
      .post('/v1/notes').reply(201, { id: 'n1', title: 'Groceries' });
    const { runtime } = notesRuntime();
    const args = { title: 'Groceries', idempotencyKey: 'groceries-0001' };
    expect(failure(await runtime.callTool('notes_create_note', args)).error.code).toBe('upstream_error');
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
