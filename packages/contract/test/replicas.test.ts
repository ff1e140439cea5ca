import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyStore } from '../src/state/idempotency.js';
import { createLogger } from '../src/core/logger.js';
import { Redactor } from '../src/core/redact.js';
import { OAuthTokenStore } from '../src/oauth/token-store.js';
import { connectRedis, RedisIdempotencyBackend, RedisTokenStorage, type RedisCommands } from '../src/state/redis.js';
import { assertBuilt, FIXTURE_BIN } from './support/built.js';
import { freePort, startRedis, type TestRedis } from './support/redis.js';
import { startVendor } from './support/vendor-server.js';

// Replicas of one connector behind a load balancer share idempotency records through a real
// redis-server: a write sent to one replica and repeated on another is made once.
const log = createLogger('silent', new Redactor());
let redis: TestRedis;
let client: RedisCommands;

beforeAll(async () => {
  redis = await startRedis();
  client = await connectRedis(redis.url, log);
}, timeLimit(20_000));
afterAll(async () => {
  await client?.quit();
  await redis?.stop();
});

describe('connectRedis', () => {
  it('refuses a URL that is not redis:// or rediss://, and says so at start when Redis does not answer', async () => {
    await expect(connectRedis('http://127.0.0.1:6379', log)).rejects.toThrow(/must be a redis:\/\/ or rediss:\/\/ URL/);
    await expect(connectRedis(`redis://127.0.0.1:${await freePort()}`, log)).rejects.toThrow(/Could not connect to the Redis in CONNECTORS_STATE_URL/);
  });
});

describe('RedisIdempotencyBackend', () => {
  it('claims a key once (SET NX), reads it back, expires it with the record, deletes it', async () => {
    const backend = new RedisIdempotencyBackend(client, `test:${Date.now()}:`);
    // Long enough that a loaded machine does not expire it between two commands, short enough to wait out.
    const record = { fingerprint: 'f', state: 'pending' as const, startedAt: Date.now(), expiresAt: Date.now() + 1500 };
    expect(await backend.claim('a', record)).toBe(true);
    expect(await backend.claim('a', { ...record, fingerprint: 'g' })).toBe(false);
    expect(await backend.get('a')).toEqual(record);
    await backend.set('b', { ...record, state: 'done', result: { id: 1 } });
    await backend.delete('b');
    expect(await backend.get('b')).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, record.expiresAt - Date.now()) + 100));
    expect(await backend.get('a')).toBeUndefined();
  });

  it('lets two stores (two replicas) racing on one key write once: the second waits for the first and replays it', async () => {
    const prefix = `race:${Date.now()}:`;
    const stores = [0, 1].map(() => new IdempotencyStore(new RedisIdempotencyBackend(client, prefix)));
    let writes = 0;
    const write = async () => {
      writes++;
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { id: `item-${writes}` };
    };
    const [a, b] = await Promise.all(stores.map((store) => store.run('create', 'k1', { name: 'x' }, { write })));
    expect(writes).toBe(1);
    expect(a!.result).toEqual(b!.result);
    expect([a!.replayed, b!.replayed].sort()).toEqual([false, true]);
  });
});

describe('RedisTokenStorage', () => {
  it('keeps one OAuth login for every replica, and never names the Redis password', async () => {
    const key = `test:${Date.now()}:oauth`;
    const options = {
      connectorId: 'crm',
      oauth: { authorizeUrl: 'https://a.test/authorize', tokenUrl: 'https://a.test/token', scopes: [], clientIdEnv: 'CRM_ID' },
      config: { CRM_ID: 'client' },
    };
    const one = new OAuthTokenStore({ ...options, storage: new RedisTokenStorage(client, key, redis.url) });
    const two = new OAuthTokenStore({ ...options, storage: new RedisTokenStorage(client, key, redis.url) });
    await one.save({ version: 1, accessToken: 'access-1', tokenType: 'Bearer', obtainedAt: new Date().toISOString(), clientId: 'client' });
    expect(await two.getAccessToken()).toBe('access-1');
    expect(await two.clear()).toBe(true);
    expect(await one.read()).toBeUndefined();
    const location = new RedisTokenStorage(client, key, 'redis://:hunter2-secret@redis.internal:6380/2').location;
    expect(location).toBe(`Redis redis.internal:6380/2, key ${key}`);
  });

  it('keeps each account’s login under its own key', async () => {
    const key = `test:${Date.now()}:oauth`;
    const options = {
      connectorId: 'crm',
      oauth: { authorizeUrl: 'https://a.test/authorize', tokenUrl: 'https://a.test/token', scopes: [], clientIdEnv: 'CRM_ID' },
      config: { CRM_ID: 'client' },
    };
    const storage = new RedisTokenStorage(client, key, redis.url);
    const mia = new OAuthTokenStore({ ...options, storage, account: 'Mia@example.com' });
    const ada = new OAuthTokenStore({ ...options, storage, account: 'ada@example.com' });
    await mia.save({ version: 1, accessToken: 'access-mia', tokenType: 'Bearer', obtainedAt: new Date().toISOString(), clientId: 'client' });
    await ada.save({ version: 1, accessToken: 'access-ada', tokenType: 'Bearer', obtainedAt: new Date().toISOString(), clientId: 'client' });
    expect(mia.file).toContain(`key ${key}:account:mia@example.com`);
    expect(await client.get(`${key}:account:mia@example.com`)).toContain('access-mia');
    expect(await new OAuthTokenStore({ ...options, storage }).read()).toBeUndefined();
    expect(await ada.getAccessToken()).toBe('access-ada');
  });
});

describe('two replica processes behind one Redis', () => {
  let vendor: Awaited<ReturnType<typeof startVendor>>;
  let stateDir: string;
  const replicas: { child: ChildProcess; url: string; stderr: () => string }[] = [];

  async function startReplica(): Promise<(typeof replicas)[number]> {
    const port = await freePort();
    let stderr = '';
    const child = spawn(process.execPath, [FIXTURE_BIN, '--http', '--port', String(port)], {
      env: { PATH: process.env.PATH ?? '', ECHO_API_URL: vendor.url, CONNECTORS_STATE_URL: redis.url, CONNECTORS_STATE_DIR: stateDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 15_000;
    while (!stderr.includes('serving Streamable HTTP')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`replica did not start: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const replica = { child, url: `http://localhost:${port}/mcp`, stderr: () => stderr };
    replicas.push(replica);
    return replica;
  }

  async function call(url: string, name: string, args: Record<string, unknown>) {
    const mcp = new Client({ name: 'replica-test', version: '1.0.0' });
    await mcp.connect(new StreamableHTTPClientTransport(new URL(url)));
    try {
      return (await mcp.callTool({ name, arguments: args })).structuredContent as { ok: boolean; data?: { id: string }; meta: { idempotentReplay?: boolean } };
    } finally {
      await mcp.close();
    }
  }

  beforeAll(async () => {
    assertBuilt();
    vendor = await startVendor({ postDelayMs: 300 });
    stateDir = await mkdtemp(join(tmpdir(), 'replicas-'));
    await Promise.all([startReplica(), startReplica()]);
  }, timeLimit(40_000));
  afterAll(async () => {
    for (const { child } of replicas) if (child.exitCode === null) child.kill('SIGKILL');
    await vendor?.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  const posts = () => vendor.requests.filter((r) => r.method === 'POST').length;

  it('replays on replica B a write made through replica A', { timeout: timeLimit(30_000) }, async () => {
    const [a, b] = replicas;
    const before = posts();
    const first = await call(a!.url, 'echo_create_item', { name: 'report', idempotencyKey: 'replica-key-1' });
    const repeat = await call(b!.url, 'echo_create_item', { name: 'report', idempotencyKey: 'replica-key-1' });
    expect(first).toMatchObject({ ok: true });
    expect(repeat).toMatchObject({ ok: true, data: first.data, meta: { idempotentReplay: true } });
    expect(posts() - before).toBe(1);
  });

  it('writes once when the same call reaches both replicas at the same moment', { timeout: timeLimit(30_000) }, async () => {
    const [a, b] = replicas;
    const before = posts();
    const [one, two] = await Promise.all([
      call(a!.url, 'echo_create_item', { name: 'twice', idempotencyKey: 'replica-key-2' }),
      call(b!.url, 'echo_create_item', { name: 'twice', idempotencyKey: 'replica-key-2' }),
    ]);
    expect(one).toMatchObject({ ok: true });
    expect(two).toMatchObject({ ok: true, data: one.data });
    expect(posts() - before).toBe(1);
  });

  it('reports ready on /readyz, and on SIGTERM finishes the call in flight before exiting 0', { timeout: timeLimit(30_000) }, async () => {
    const replica = await startReplica();
    expect((await fetch(replica.url.replace('/mcp', '/readyz'))).status).toBe(200);
    const before = posts();
    const pending = call(replica.url, 'echo_create_item', { name: 'last', idempotencyKey: 'replica-key-3' });
    while (vendor.requests.filter((r) => r.method === 'POST').length === before) await new Promise((resolve) => setTimeout(resolve, 10));
    const exited = new Promise<number | null>((resolve) => replica.child.once('exit', (code) => resolve(code)));
    replica.child.kill('SIGTERM');
    expect(await pending).toMatchObject({ ok: true, data: { name: 'last' } });
    expect(await exited).toBe(0);
    expect(replica.stderr()).toContain('SIGTERM: finishing calls in flight');
  });
});
