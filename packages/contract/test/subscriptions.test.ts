// Resource subscriptions end to end: the built watch fixture's bin over stdio, a real SDK client of
// each protocol era, and a vendor on 127.0.0.1 the test changes, breaks and counts. The fixture
// polls every 150 ms.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ResourceWatcher } from '../src/runtime/resource-watcher.js';
import { assertBuilt } from './support/built.js';

const BIN = fileURLToPath(new URL('./fixtures/watch-bin.mjs', import.meta.url));
const INTERVAL = 150;

let vendor: Server;
let vendorUrl: string;
const items = new Map<string, string>();
const requests: string[] = [];
let failing = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const requestsFor = (id: string) => requests.filter((path) => path === `/items/${id}`).length;

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

beforeAll(async () => {
  assertBuilt();
  vendor = createServer((req, res) => {
    requests.push(req.url!);
    if (failing > 0) {
      failing -= 1;
      return res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"down"}');
    }
    const id = /^\/items\/([a-z0-9]+)$/.exec(req.url!)?.[1];
    const name = id ? items.get(id) : undefined;
    if (!name) return res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"missing"}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, name, etag: Math.random() }));
  });
  await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
  vendorUrl = `http://127.0.0.1:${(vendor.address() as AddressInfo).port}`;
});
afterAll(() => vendor?.close());
afterEach(() => {
  requests.length = 0;
  failing = 0;
});

async function connect(mode: 'legacy' | 'auto') {
  const client = new Client({ name: 'subscriptions-test', version: '1.0.0' }, { versionNegotiation: { mode } });
  const updates: string[] = [];
  client.setNotificationHandler('notifications/resources/updated', (notification) => void updates.push(notification.params.uri));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN],
    env: { PATH: process.env.PATH ?? '', WATCH_API_URL: vendorUrl, WATCH_LOG_LEVEL: 'error' },
    stderr: 'ignore',
  });
  await client.connect(transport);
  return { client, updates };
}

describe('subscriptions over stdio', () => {
  it(
    '2025 era: subscribe, a change arrives within the poll interval, unsubscribe stops polling',
    async () => {
      items.set('a1', 'first');
      items.set('b2', 'other');
      const { client, updates } = await connect('legacy');
      try {
        expect(client.getServerCapabilities()?.resources).toEqual({ subscribe: true });
        await sleep(INTERVAL * 3);
        // Nobody subscribed: nothing was read.
        expect(requests).toEqual([]);

        await client.subscribeResource({ uri: 'watch://item/a1' });
        await until(() => requestsFor('a1') >= 2, INTERVAL * 10, 'the baseline and a second read');
        expect(updates).toEqual([]);
        items.set('a1', 'second');
        const changedAt = Date.now();
        await until(() => updates.length > 0, INTERVAL * 10, 'the update notification');
        expect(Date.now() - changedAt).toBeLessThan(INTERVAL * 4);
        expect(updates).toEqual(['watch://item/a1']);
        // Only what was subscribed is read; an unchanged resource is not announced again.
        expect(requestsFor('b2')).toBe(0);
        await sleep(INTERVAL * 3);
        expect(updates).toEqual(['watch://item/a1']);

        await client.unsubscribeResource({ uri: 'watch://item/a1' });
        await sleep(INTERVAL * 2);
        const after = requestsFor('a1');
        await sleep(INTERVAL * 4);
        expect(requestsFor('a1')).toBe(after);
      } finally {
        await client.close();
      }
    },
    timeLimit(20_000),
  );

  it(
    '2025 era: subscribing to a URI no resource has is refused',
    async () => {
      const { client } = await connect('legacy');
      try {
        await expect(client.subscribeResource({ uri: 'watch://nothing/here' })).rejects.toMatchObject({ code: -32602, data: { uri: 'watch://nothing/here' } });
        await sleep(INTERVAL * 2);
        expect(requests).toEqual([]);
      } finally {
        await client.close();
      }
    },
    timeLimit(20_000),
  );

  it(
    'a vendor outage while polling never takes the server down: it backs off, then reports the next change',
    async () => {
      items.set('c3', 'before');
      const { client, updates } = await connect('legacy');
      try {
        await client.subscribeResource({ uri: 'watch://item/c3' });
        await until(() => requestsFor('c3') >= 1, INTERVAL * 10, 'the baseline read');
        failing = 1_000;
        await sleep(INTERVAL * 8);
        // Backing off: far fewer reads than one per interval, even counting the client's retries.
        const duringOutage = requestsFor('c3');
        expect(duringOutage).toBeLessThan(20);
        failing = 0;
        items.set('c3', 'after');
        await until(() => updates.includes('watch://item/c3'), 10_000, 'the update after the outage');
        // Still serving.
        expect((await client.listTools()).tools.map((t) => t.name)).toContain('watch_get_item');
      } finally {
        await client.close();
      }
    },
    timeLimit(30_000),
  );

  it(
    '2026-07-28 era: subscriptions/listen starts polling its URIs, a change arrives, closing it stops polling',
    async () => {
      items.set('d4', 'first');
      const { client, updates } = await connect('auto');
      try {
        expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
        const subscription = await client.listen({ resourceSubscriptions: ['watch://item/d4'] });
        await until(() => requestsFor('d4') >= 2, INTERVAL * 10, 'the baseline and a second read');
        items.set('d4', 'second');
        await until(() => updates.length > 0, INTERVAL * 10, 'the update notification');
        expect(updates).toEqual(['watch://item/d4']);

        await subscription.close();
        await sleep(INTERVAL * 2);
        const after = requestsFor('d4');
        await sleep(INTERVAL * 4);
        expect(requestsFor('d4')).toBe(after);
      } finally {
        await client.close();
      }
    },
    timeLimit(20_000),
  );
});

describe('subscriptions over Streamable HTTP', () => {
  let http: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    // The built contract, as a deployment runs it.
    const { ConnectorRuntime, serveHttp } = await import('../dist/server.js');
    const { connector } = await import('./fixtures/watch-connector.mjs');
    http = await serveHttp(new ConnectorRuntime(connector, { env: { WATCH_API_URL: vendorUrl }, logLevel: 'silent' }), { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => http?.close());

  it(
    '2026-07-28 era: a listen stream hears the change; closing it stops polling',
    async () => {
      items.set('e5', 'first');
      const client = new Client({ name: 'subscriptions-http-test', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
      const updates: string[] = [];
      client.setNotificationHandler('notifications/resources/updated', (notification) => void updates.push(notification.params.uri));
      await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
      try {
        expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
        const subscription = await client.listen({ resourceSubscriptions: ['watch://item/e5'] });
        await until(() => requestsFor('e5') >= 2, INTERVAL * 10, 'the baseline and a second read');
        items.set('e5', 'second');
        await until(() => updates.length > 0, INTERVAL * 10, 'the update notification');
        expect(updates).toEqual(['watch://item/e5']);
        await subscription.close();
        await sleep(INTERVAL * 2);
        const after = requestsFor('e5');
        await sleep(INTERVAL * 4);
        expect(requestsFor('e5')).toBe(after);
      } finally {
        await client.close();
      }
    },
    timeLimit(20_000),
  );

  it(
    '2025 era: resources/subscribe is refused with a pointer to listen or stdio, and nothing is polled',
    async () => {
      const client = new Client({ name: 'subscriptions-http-test', version: '1.0.0' }, { versionNegotiation: { mode: 'legacy' } });
      await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
      try {
        await expect(client.subscribeResource({ uri: 'watch://item/e5' })).rejects.toThrow(/subscriptions\/listen/);
        await sleep(INTERVAL * 2);
        expect(requestsFor('e5')).toBe(0);
      } finally {
        await client.close();
      }
    },
    timeLimit(20_000),
  );
});

describe('ResourceWatcher', () => {
  const log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

  it('shares one poller per URI between subscribers and stops with the last', async () => {
    let reads = 0;
    const watcher = new ResourceWatcher(
      { log, hasResource: () => true, pollResource: async (uri) => (reads++, { ok: true, uri, mimeType: 'application/json', text: '{"ok":true,"data":1}' }) },
      { intervalMs: 30 },
    );
    watcher.subscribe('x://1', 'a', () => {});
    watcher.subscribe('x://1', 'b', () => {});
    expect(watcher.watched).toEqual(['x://1']);
    await sleep(100);
    const twoSubscribers = reads;
    expect(twoSubscribers).toBeGreaterThan(1);
    expect(twoSubscribers).toBeLessThan(6);
    watcher.unsubscribe('x://1', 'a');
    expect(watcher.watched).toEqual(['x://1']);
    watcher.unsubscribeAll('b');
    expect(watcher.watched).toEqual([]);
    const stopped = reads;
    await sleep(100);
    expect(reads).toBe(stopped);
  });

  it('waits as long as a rate-limited vendor asks before the next read', async () => {
    const at: number[] = [];
    const watcher = new ResourceWatcher(
      {
        log,
        hasResource: () => true,
        pollResource: async (uri) => (
          at.push(Date.now()), { ok: false, uri, error: { code: 'rate_limited', message: 'slow down', retryable: true, retryAfterMs: 300 } }
        ),
      },
      { intervalMs: 20 },
    );
    watcher.subscribe('x://2', 'a', () => {});
    await sleep(450);
    watcher.close();
    expect(at.length).toBe(2);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(290);
  });

  it('a subscriber that throws does not stop the others hearing the change', async () => {
    let value = 1;
    const heard: string[] = [];
    const watcher = new ResourceWatcher(
      {
        log,
        hasResource: () => true,
        pollResource: async (uri) => ({
          ok: true,
          uri,
          mimeType: 'application/json',
          text: JSON.stringify({ ok: true, data: value, meta: { requestId: Math.random() } }),
        }),
      },
      { intervalMs: 20 },
    );
    watcher.subscribe('x://3', 'bad', () => {
      throw new Error('boom');
    });
    watcher.subscribe('x://3', 'good', (uri) => heard.push(uri));
    await sleep(60);
    // The per-call meta changes every read; only the data counts.
    expect(heard).toEqual([]);
    value = 2;
    await sleep(60);
    watcher.close();
    expect(heard).toEqual(['x://3']);
  });
});
