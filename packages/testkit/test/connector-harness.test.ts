// connectorHarness: one harness per connector, with what every tool test needs, bound to it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { connectorHarness, useFakeVendor } from '../src/index.js';
import { AUTH_URL, BASE_URL, note, notesConnector, SESSION_TOKEN } from './fixtures/notes-connector.js';

useFakeVendor();

const packageDir = mkdtempSync(join(tmpdir(), 'testkit-harness-'));
mkdirSync(join(packageDir, 'test', 'fixtures'), { recursive: true });
writeFileSync(join(packageDir, 'test', 'fixtures', 'note.json'), JSON.stringify(note));
writeFileSync(join(packageDir, 'test', 'fixtures', 'note.bin'), Buffer.from([0, 1, 2]));
afterAll(() => rmSync(packageDir, { recursive: true, force: true }));

const API_KEY = 'notes-key-canary-5c1e';
const harness = (breakage: Parameters<typeof notesConnector>[0] = {}) =>
  connectorHarness(notesConnector(breakage), { packageDir: pathToFileURL(`${packageDir}/`), origin: BASE_URL, env: { NOTES_API_KEY: API_KEY } });

describe('connectorHarness', () => {
  it('calls a tool by action with its configuration; the fake vendor on its origin sees the request', async () => {
    const { call, expectOk, fixture, vendor } = harness();
    const api = vendor();
    api.scope.get('/v1/notes/n_0001').reply(200, fixture('note'));

    const envelope = expectOk<{ id: string }>(await call('get_note', { noteId: 'n_0001' }));

    expect(envelope.data).toEqual({ id: 'n_0001', title: 'Groceries', updated: '2026-01-02T03:04:05Z' });
    expect(api.sent).toEqual([
      expect.objectContaining({ method: 'GET', path: '/v1/notes/n_0001', headers: expect.objectContaining({ 'x-api-key': API_KEY }) }),
    ]);
  });

  it('makes runtimes wired for tests: recorded requests, skipped retry waits, per-runtime env over the harness env', async () => {
    const { createRuntime, expectError, vendor } = harness();
    vendor('https://notes.internal.example').scope.get('/v1/notes').query(true).times(3).reply(503, { message: 'down' });
    const runtime = createRuntime({ env: { NOTES_API_URL: 'https://notes.internal.example' } });

    expectError(await runtime.call('list_notes'), 'upstream_unavailable');

    expect(runtime.env).toEqual({ NOTES_API_KEY: API_KEY, NOTES_API_URL: 'https://notes.internal.example' });
    expect(runtime.requests.map((r) => r.url)).toEqual(Array(3).fill('https://notes.internal.example/v1/notes?per_page=10'));
    expect(runtime.sleeps).toHaveLength(2);
  });

  it('gives a secret the harness env leaves out a canary, and replaceEnv keeps out what it does not name', async () => {
    const connector = notesConnector();
    const canaried = connectorHarness(connector, { origin: BASE_URL }).createRuntime();
    expect(canaried.env.NOTES_API_KEY).toMatch(/^canary-notes-api-key-/);

    const { call, createRuntime, expectError, secrets } = connectorHarness(connector, { origin: BASE_URL, env: { NOTES_API_KEY: API_KEY } });
    const error = expectError(await call('list_notes', {}, { env: { NOTES_API_URL: BASE_URL }, replaceEnv: true }), 'not_configured');
    expect(error.message).toContain('NOTES_API_KEY');
    expect(secrets()).toEqual([]);
    // A value too short to be a canary ('r' in a configuration test) is not looked for.
    createRuntime({ env: { NOTES_API_KEY: 'r' } });
    expect(secrets()).toEqual([]);
  });

  it('fails a result that carries a secret: the harness secrets and every runtime canary', async () => {
    const { call, expectOk, secrets } = connectorHarness(notesConnector({ leakSessionToken: true }), {
      origin: BASE_URL,
      env: { NOTES_API_KEY: API_KEY },
      secrets: [SESSION_TOKEN],
    });
    const auth = connectorHarness(notesConnector(), { origin: AUTH_URL }).vendor();
    auth.scope.post('/session').reply(200, { session_token: SESSION_TOKEN });

    const result = await call('open_session');

    expect(() => expectOk(result)).toThrow(/A secret appears in the result: sess…/);
    expect(secrets()).toEqual([SESSION_TOKEN, API_KEY]);
  });

  it('expectError names the code it got when it is another', async () => {
    const { call, expectError, vendor } = harness();
    vendor().scope.get('/v1/notes/n_0404').reply(404, { message: 'no such note' });
    const result = await call('get_note', { noteId: 'n_0404' });
    expect(() => expectError(result, 'forbidden')).toThrow(/forbidden/);
    expect(expectError(result, 'not_found').message).toContain('no such note');
  });

  it('loads a fixture as a fresh copy each time, and says which file is missing', () => {
    const { fixture, fixtureFile } = harness();
    const first = fixture<{ title: string }>('note');
    first.title = 'changed';
    expect(fixture<{ title: string }>('note').title).toBe('Groceries');
    expect(fixtureFile('note.bin')).toEqual(Buffer.from([0, 1, 2]));
    expect(() => fixture('nothing')).toThrow(`No fixture nothing: ${join(packageDir, 'test', 'fixtures', 'nothing.json')} does not exist.`);
  });

  it('renders tool names with the connector’s namespaces', () => {
    const connector = { ...notesConnector(), namespaces: { notes: 'memo' } };
    const { tool } = connectorHarness(connector);
    expect(tool('get_note')).toBe('memo_get_note');
    expect(tool('health')).toBe('notes_health');
    expect(() => connectorHarness(connector).vendor()).toThrow(/needs an origin/);
  });
});
