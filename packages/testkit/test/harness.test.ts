import { ConnectorRuntime } from '@connectors/contract/server';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callTool, createTestRuntime, expectError, expectOk, mountReplies, resolveTestEnv } from '../src/index.js';
import { BASE_URL, note, notesConnector } from './fixtures/notes-connector.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('resolveTestEnv', () => {
  it('gives every secret left out a unique canary, keeps given values, and leaves undefined ones unset', () => {
    const connector = notesConnector();
    const a = resolveTestEnv(connector);
    const b = resolveTestEnv(connector);
    expect(a.env.NOTES_API_KEY).toMatch(/^canary-notes-api-key-[0-9a-f]{12}$/);
    expect(a.env.NOTES_API_KEY).not.toBe(b.env.NOTES_API_KEY);
    expect(a.canaries).toEqual({ NOTES_API_KEY: a.env.NOTES_API_KEY });
    expect(a.env).not.toHaveProperty('NOTES_API_URL');

    expect(resolveTestEnv(connector, { NOTES_API_KEY: 'my-own-canary-1', NOTES_API_URL: 'http://x.test' })).toEqual({
      env: { NOTES_API_KEY: 'my-own-canary-1', NOTES_API_URL: 'http://x.test' },
      canaries: { NOTES_API_KEY: 'my-own-canary-1' },
    });
    expect(resolveTestEnv(connector, { NOTES_API_KEY: undefined })).toEqual({ env: {}, canaries: {} });
  });

  it('never reads process.env', () => {
    process.env.NOTES_API_KEY = 'real-key-from-the-shell';
    try {
      expect(createTestRuntime(notesConnector()).env.NOTES_API_KEY).not.toBe('real-key-from-the-shell');
    } finally {
      delete process.env.NOTES_API_KEY;
    }
  });
});

describe('TestRuntime', () => {
  it('calls a tool by action or name, records the request, the output and the logs', async () => {
    const kit = createTestRuntime(notesConnector());
    mountReplies(BASE_URL, [{ path: '/v1/notes/n_0001', reply: [200, note] }]);

    const envelope = expectOk<{ id: string }>(await kit.callTool('get_note', { noteId: 'n_0001' }));

    expect(envelope.data.id).toBe('n_0001');
    expect(kit.requests).toEqual([
      { method: 'GET', url: `${BASE_URL}/v1/notes/n_0001`, headers: expect.objectContaining({ 'x-api-key': kit.env.NOTES_API_KEY }), body: undefined },
    ]);
    expect(kit.output.map((o) => o.source)).toContain('result of notes_get_note');
    expect(kit.logs.some((line) => line.includes('notes_get_note ok'))).toBe(true);
    expect(kit.toolName('notes_get_note')).toBe('notes_get_note');
  });

  it('calls a tool gating left out by its name, so the call answers not_permitted as a client would see it', async () => {
    const kit = createTestRuntime(notesConnector(), { gating: { readOnly: true } });
    expect(kit.toolName('create_note')).toBe('notes_create_note');
    expect(kit.toolName('no_such_tool')).toBe('no_such_tool');
    const { call } = kit;
    const result = await call('create_note', { title: 'Groceries' });
    expect(result.structuredContent).toMatchObject({ ok: false, error: { code: 'not_permitted' } });
    expect(kit.requests).toEqual([]);
  });

  it('never really sleeps between retries, and records the waits it skipped', async () => {
    const kit = createTestRuntime(notesConnector());
    mountReplies(BASE_URL, [{ path: '/v1/notes', reply: [503, { message: 'down' }] }], { persist: true });
    const started = performance.now();

    expectError(await kit.callTool('list_notes'), 'upstream_unavailable');

    expect(kit.sleeps.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(kit.sleeps.reduce((a, b) => a + b, 0));
  });

  it('uses a short timeout that the options can change', async () => {
    const kit = createTestRuntime(notesConnector(), { timeoutMs: 50 });
    mountReplies(BASE_URL, [{ path: '/v1/notes', reply: [200, { notes: [] }] }], { persist: true, delayMs: 1000 });
    const envelope = expectError(await kit.callTool('list_notes'), 'timeout');
    expect(envelope.error.message).toContain('50 ms');
  });
});

describe('callTool, expectOk, expectError', () => {
  it('work on a plain ConnectorRuntime too', async () => {
    const runtime = new ConnectorRuntime(notesConnector(), { env: {}, logLevel: 'silent' });
    const envelope = await callTool(runtime, 'list_notes');
    expect(expectError(envelope, 'not_configured').error.message).toContain('NOTES_API_KEY');
    expect(() => expectOk(envelope)).toThrow('Expected a success envelope, got not_configured: Configuration incomplete');
    expect(() => expectError(envelope, 'timeout')).toThrow('Expected error timeout, got not_configured');
    const health = expectOk<{ status: string }>(await callTool(runtime, 'health'));
    expect(health.data.status).toBe('not_configured');
    expect(() => expectError(health)).toThrow('Expected an error envelope, got a success');
  });
});
