// Held-out fault: 150 writes across a crash and restart of a Redis without persistence wrote 46 keys
// twice (the records vanished with it). A Redis that forgets on restart is refused at start and
// reported by /readyz, unless the deployment says it accepts that; with the append-only file, a
// crash loses no record and a repeat is replayed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/core/logger.js';
import { Redactor } from '../src/core/redact.js';
import { openCliState } from '../src/cli/state.js';
import { IdempotencyStore } from '../src/state/idempotency.js';
import { connectRedis, RedisIdempotencyBackend, redisDurabilityProblem, type RedisCommands } from '../src/state/redis.js';
import { notesConnector } from './support/notes-connector.js';
import { startRedis, type TestRedis } from './support/redis.js';

const log = createLogger('silent', new Redactor());
let durable: TestRedis;
let volatile: TestRedis;

beforeAll(async () => {
  [durable, volatile] = await Promise.all([startRedis(), startRedis({ persistent: false })]);
}, timeLimit(30_000));
afterAll(async () => {
  await Promise.all([durable?.stop(), volatile?.stop()]);
});

describe('Redis persistence', () => {
  it('is read from CONFIG, or from INFO where CONFIG is refused (managed Redis)', async () => {
    const client = await connectRedis(volatile.url, log);
    try {
      expect(await redisDurabilityProblem(client)).toMatch(/without its append-only file \(appendonly no\)/);
    } finally {
      await client.quit();
    }
    const managed = (info: string): Pick<RedisCommands, 'config' | 'info'> => ({
      config: async () => Promise.reject(new Error("ERR unknown command 'CONFIG'")),
      info: async () => info,
    });
    expect(await redisDurabilityProblem(managed('# Persistence\r\naof_enabled:1\r\n'))).toBeUndefined();
    expect(await redisDurabilityProblem(managed('# Persistence\r\naof_enabled:0\r\n'))).toMatch(/appendonly no/);
    expect(await redisDurabilityProblem(managed('# Persistence\r\n'))).toMatch(/Could not tell/);
  });

  it('refuses to start on a Redis without persistence, unless CONNECTORS_STATE_ALLOW_VOLATILE=1 (then it warns)', async () => {
    const err: string[] = [];
    await expect(openCliState(notesConnector, { CONNECTORS_STATE_URL: volatile.url }, 'info', (t) => err.push(t))).rejects.toThrow(
      /appendonly yes.*CONNECTORS_STATE_ALLOW_VOLATILE=1/s,
    );
    const state = await openCliState(notesConnector, { CONNECTORS_STATE_URL: volatile.url, CONNECTORS_STATE_ALLOW_VOLATILE: '1' }, 'info', (t) => err.push(t));
    try {
      expect(err.join('')).toMatch(/without its append-only file/);
      expect(await state.notReady()).toBeUndefined();
    } finally {
      await state.close();
    }
  });

  it('with the append-only file, keeps every record through a crash: 150 repeats after a restart write nothing again', async () => {
    let client = await connectRedis(durable.url, log);
    const prefix = `crash:${Date.now()}:`;
    let writes = 0;
    const op = (i: number) => ({
      write: async () => {
        writes++;
        return { id: `item-${i}` };
      },
    });
    const first = new IdempotencyStore(new RedisIdempotencyBackend(client, prefix));
    for (let i = 0; i < 150; i++) await first.run('create', `key-${i}`, { i }, op(i));
    expect(writes).toBe(150);
    await client.quit().catch(() => undefined);
    await durable.crashAndRestart();
    client = await connectRedis(durable.url, log);
    try {
      const again = new IdempotencyStore(new RedisIdempotencyBackend(client, prefix));
      for (let i = 0; i < 150; i++) {
        const outcome = await again.run('create', `key-${i}`, { i }, op(i));
        expect(outcome).toMatchObject({ replayed: true, result: { id: `item-${i}` } });
      }
      expect(writes).toBe(150);
    } finally {
      await client.quit();
    }
  });
  it('is not ready when persistence is turned off while it runs', async () => {
    const state = await openCliState(notesConnector, { CONNECTORS_STATE_URL: durable.url }, 'info', () => undefined);
    const admin = (await connectRedis(durable.url, log)) as RedisCommands & { config(op: 'SET', name: string, value: string): Promise<unknown> };
    try {
      expect(await state.notReady()).toBeUndefined();
      await admin.config('SET', 'appendonly', 'no');
      expect(await state.notReady()).toMatch(/appendonly no/);
    } finally {
      await admin.config('SET', 'appendonly', 'yes');
      // Turning the file back on rewrites it in the background: wait, so the server is durable again.
      await expect.poll(async () => /aof_rewrite_in_progress:0/.test(await admin.info('persistence')), { timeout: timeLimit(10_000) }).toBe(true);
      await admin.quit();
      await state.close();
    }
  });
});
