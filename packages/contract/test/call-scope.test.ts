import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { defineConnector, defineTool, HttpClient, rateLimitHeaders, z, type ToolContext } from '../src/index.js';
import { NOTES_URL, notesConnector } from './support/notes-connector.js';
import { failure, notesRuntime, success, useNock } from './support/runtime.js';

useNock();

describe('one call scope: cancel', () => {
  it('stops a write waiting out a 429: the vendor never gets the second POST', async () => {
    const first = nock(NOTES_URL)
      .post('/v1/notes')
      .reply(429, { error: { message: 'slow down' } }, { 'retry-after': '2' });
    const second = nock(NOTES_URL).post('/v1/notes').reply(201, { id: 'n1', title: 'x' });
    // Real sleeps: the wait must end on cancel, not run to its end.
    const { runtime } = notesRuntime({ sleep: undefined });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = failure(await runtime.callTool('notes_create_note', { title: 'x' }, controller.signal)).error;
    expect(error).toMatchObject({ code: 'timeout', retryable: false, message: 'The call was cancelled.' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(first.isDone()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(second.isDone()).toBe(false);
  });

  it('aborts the request in flight when the client cancels', async () => {
    let aborted = false;
    const fetchSpy: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => {
          aborted = true;
          reject(init.signal!.reason);
        });
      });
    const { runtime } = notesRuntime({ fetch: fetchSpy });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = failure(await runtime.callTool('notes_get_note', { id: 'n1' }, controller.signal)).error;
    expect(error.code).toBe('timeout');
    expect(aborted).toBe(true);
  });
});

describe('one call scope: deadline', () => {
  it('aborts what a call started and no longer waits for once it has answered (a sibling of a failed request)', async () => {
    const signals: AbortSignal[] = [];
    const fetchSpy: typeof fetch = (url, init) => {
      signals.push(init!.signal!);
      // One request fails at once; the other would hang.
      if (String(url).endsWith('/v1/notes/bad'))
        return Promise.resolve(new Response(JSON.stringify({ error: { message: 'gone' } }), { status: 404, headers: { 'content-type': 'application/json' } }));
      return new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
    };
    const both = defineTool({
      action: 'get_two',
      title: 'Get two',
      description: 'Two notes at once.',
      toolset: 'notes',
      access: 'read',
      input: z.object({}),
      output: z.array(z.unknown()),
      examples: [{}],
      handler: async (_input, ctx: ToolContext<HttpClient>) => ({
        data: await Promise.all([ctx.client.get('/v1/notes/slow'), ctx.client.get('/v1/notes/bad')]),
      }),
    });
    const { runtime } = notesRuntime({ fetch: fetchSpy }, defineConnector({ ...notesConnector, tools: [both] }));
    expect(failure(await runtime.callTool('notes_get_two', {})).error.code).toBe('not_found');
    expect(signals).toHaveLength(2);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });

  it('ends a hung GET at the call deadline, after one attempt (a timeout is not retried)', async () => {
    const scope = nock(NOTES_URL).get('/v1/notes/n1').times(3).delay(2000).reply(200, { id: 'n1', title: 't', body: '' });
    const { runtime } = notesRuntime({ timeoutMs: 150, callTimeoutMs: 400 });
    const started = Date.now();
    const error = failure(await runtime.callTool('notes_get_note', { id: 'n1' })).error;
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it('answers at the deadline even when the per-request timeout is longer', async () => {
    nock(NOTES_URL).get('/v1/notes/n1').delay(3000).reply(200, { id: 'n1', title: 't', body: '' });
    const { runtime } = notesRuntime({ timeoutMs: 30_000, callTimeoutMs: 200 });
    const started = Date.now();
    const error = failure(await runtime.callTool('notes_get_note', { id: 'n1' })).error;
    expect(error).toMatchObject({ code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not start a retry wait that would outlast the deadline', async () => {
    nock(NOTES_URL).get('/v1/notes/n1').reply(429, {}, { 'retry-after': '5' });
    const { runtime } = notesRuntime({ sleep: undefined, callTimeoutMs: 1000 });
    const started = Date.now();
    const error = failure(await runtime.callTool('notes_get_note', { id: 'n1' })).error;
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 5000 });
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('one call scope: rate limits', () => {
  it("reports only the call's own readings: a later failure with no headers reports none", async () => {
    nock(NOTES_URL)
      .get('/v1/notes/n1')
      .reply(200, { id: 'n1', title: 't', body: '' }, { 'x-ratelimit-remaining': '41', 'x-ratelimit-limit': '50' })
      .get('/v1/notes/n2')
      .reply(500, {});
    const { runtime } = notesRuntime({ maxResultBytes: 100_000 });
    expect(success(await runtime.callTool('notes_get_note', { id: 'n1' })).meta.rateLimit).toMatchObject({ remaining: 41 });
    expect(failure(await runtime.callTool('notes_get_note', { id: 'n2' })).meta.rateLimit).toBeUndefined();
  });

  it('keeps concurrent calls apart', async () => {
    nock(NOTES_URL)
      .get('/v1/notes/a')
      .delay(80)
      .reply(200, { id: 'a', title: 't', body: '' }, { 'x-ratelimit-remaining': '7', 'x-ratelimit-limit': '50' })
      .get('/v1/notes/b')
      .reply(200, { id: 'b', title: 't', body: '' }, { 'x-ratelimit-remaining': '3', 'x-ratelimit-limit': '50' });
    const { runtime } = notesRuntime();
    const [a, b] = await Promise.all([runtime.callTool('notes_get_note', { id: 'a' }), runtime.callTool('notes_get_note', { id: 'b' })]);
    expect(success(a).meta.rateLimit?.remaining).toBe(7);
    expect(success(b).meta.rateLimit?.remaining).toBe(3);
  });

  it('turns a vendor hook that throws into a logged warning, not a failed call', async () => {
    nock(NOTES_URL).get('/v1/notes/n1').reply(200, { id: 'n1', title: 't', body: '' }, { 'x-ratelimit-remaining': 'x' });
    const broken = {
      ...notesConnector,
      client: (_values: unknown, deps: Parameters<typeof notesConnector.client>[1]) =>
        deps.http({
          vendor: 'Notes',
          baseUrl: NOTES_URL,
          parseRateLimit: () => {
            throw new Error('bad reset header');
          },
        }),
    };
    const { runtime, logs } = notesRuntime({}, broken);
    expect(success(await runtime.callTool('notes_get_note', { id: 'n1' })).data).toMatchObject({ id: 'n1' });
    expect(logs.join('\n')).toMatch(/parseRateLimit hook failed: bad reset header/);
  });
});

describe('per-vendor concurrency', () => {
  it('queues requests above the limit instead of opening more sockets, and answers them all', async () => {
    nock.enableNetConnect('127.0.0.1');
    let active = 0;
    let peak = 0;
    const server = createServer((_req, res) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }, 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const http = new HttpClient({ vendor: 'V', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxConcurrent: 4 });
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => http.get(`/x/${i}`)));
      expect(results).toHaveLength(40);
      expect(peak).toBe(4);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('rateLimitHeaders', () => {
  const now = () => Date.parse('2030-01-01T00:00:00Z');
  const read = (headers: Record<string, string>) => rateLimitHeaders({}, now)({ headers: new Headers(headers) });
  it.each([
    ['epoch seconds', '1893456060', '2030-01-01T00:01:00.000Z'],
    ['epoch ms', '1893456060000', '2030-01-01T00:01:00.000Z'],
    ['delta seconds', '30', '2030-01-01T00:00:30.000Z'],
    ['ISO', '2030-01-01T00:05:00Z', '2030-01-01T00:05:00.000Z'],
  ])('reads a reset given as %s', (_shape, reset, resetAt) => {
    expect(read({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '9', 'x-ratelimit-reset': reset })).toEqual({ limit: 100, remaining: 9, resetAt });
  });
  it('leaves out what it cannot read, and answers nothing without counts', () => {
    expect(read({ 'x-ratelimit-remaining': '9', 'x-ratelimit-reset': 'soon' })).toEqual({ remaining: 9 });
    expect(read({ 'x-ratelimit-reset': '30' })).toBeUndefined();
  });
  it('takes other header names', () => {
    expect(rateLimitHeaders({ remaining: 'x-rate-limit-remaining' }, now)({ headers: new Headers({ 'x-rate-limit-remaining': '2' }) })).toEqual({
      remaining: 2,
    });
  });
});
