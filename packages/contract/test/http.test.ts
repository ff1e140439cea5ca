import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';
import { HttpClient, isConnectorError, parseRetryAfter, urlPath, type HttpClientOptions } from '../src/index.js';
import { failureOf, useNock } from './support/runtime.js';

useNock();

const BASE = 'https://vendor.test';

function client(options: Partial<HttpClientOptions> = {}) {
  const sleep = vi.fn(async (_ms: number) => {});
  const http = new HttpClient({ vendor: 'Vendor', baseUrl: BASE, sleep, ...options });
  return { http, sleep };
}

describe('requests', () => {
  it('sends auth headers, JSON and query, and parses the JSON answer', async () => {
    const scope = nock(BASE, { reqheaders: { authorization: 'Bearer t0ken-for-tests', 'content-type': 'application/json', 'x-extra': 'yes' } })
      .post('/api/v2/items', { name: 'a' })
      .query({ tag: ['x', 'y'], n: '3' })
      .reply(201, { id: 'i1' });
    const { http } = client({ baseUrl: `${BASE}/api/v2`, headers: async () => ({ authorization: 'Bearer t0ken-for-tests' }) });
    const response = await http.request({
      method: 'POST',
      path: '/items',
      json: { name: 'a' },
      query: { tag: ['x', 'y'], n: 3, skipped: undefined },
      headers: { 'X-Extra': 'yes', 'x-none': undefined },
    });
    expect(response).toMatchObject({ status: 201, data: { id: 'i1' } });
    expect(scope.isDone()).toBe(true);
  });

  it('sends forms url-encoded and skips auth headers for anonymous requests', async () => {
    const scope = nock(BASE, { badheaders: ['authorization'] })
      .post('/oauth/token', 'grant_type=refresh_token&refresh_token=r%2Fx')
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .reply(200, { access_token: 'new' });
    const { http } = client({ headers: () => ({ authorization: 'Bearer old-token-value' }) });
    const response = await http.request({ method: 'POST', path: '/oauth/token', form: { grant_type: 'refresh_token', refresh_token: 'r/x' }, anonymous: true });
    expect(response.data).toEqual({ access_token: 'new' });
    expect(scope.isDone()).toBe(true);
  });

  it('returns text bodies as text and empty bodies as undefined', async () => {
    nock(BASE).get('/text').reply(200, 'plain words', { 'content-type': 'text/plain' }).delete('/gone').reply(204);
    const { http } = client();
    expect(await http.get('/text')).toBe('plain words');
    expect((await http.request({ method: 'DELETE', path: '/gone' })).data).toBeUndefined();
  });
});

describe('uploads and downloads', () => {
  it('sends a raw body with its own content type, and returns a download as bytes', async () => {
    const upload = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
    let received: Buffer | undefined;
    const scope = nock(BASE)
      .post('/upload', (body) => {
        received = Buffer.from(body as string, 'hex');
        return true;
      })
      .matchHeader('content-type', 'application/pdf')
      .reply(200, { id: 'f1' })
      .get('/download')
      .reply(200, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xfe]), { 'content-type': 'application/octet-stream' });
    const { http } = client();
    const sent = await http.request({ method: 'POST', path: '/upload', body: upload, headers: { 'content-type': 'application/pdf' } });
    expect(sent.data).toEqual({ id: 'f1' });
    expect(received).toEqual(upload);
    const bytes = await http.request<Buffer>({ path: '/download', responseType: 'bytes' });
    expect(Buffer.isBuffer(bytes.data)).toBe(true);
    expect([...bytes.data]).toEqual([0x50, 0x4b, 0x03, 0x04, 0x00, 0xfe]);
    expect(scope.isDone()).toBe(true);
  });

  it('reads an error to a bytes request as JSON, so it is classified as usual', async () => {
    nock(BASE).get('/download').reply(404, { message: 'No such file' });
    const { http } = client();
    const error = await failureOf(http.request({ path: '/download', responseType: 'bytes' }));
    expect(error).toMatchObject({ code: 'not_found', message: 'Vendor answered 404: No such file' });
  });

  it('answers a status it was told to accept (308 Resume Incomplete) and refuses other redirects', async () => {
    nock(BASE).put('/session').reply(308, '', { range: 'bytes=0-1023' }).put('/session').reply(308, '', { location: 'https://elsewhere.test/' });
    const { http } = client();
    const incomplete = await http.request({ method: 'PUT', path: '/session', acceptStatus: [308] });
    expect(incomplete.status).toBe(308);
    expect(incomplete.headers.get('range')).toBe('bytes=0-1023');
    const error = await failureOf(http.request({ method: 'PUT', path: '/session' }));
    expect(error.message).toContain('redirect');
  });
});

describe('urlPath and origins', () => {
  it('encodes each interpolated value as one segment', () => {
    expect(urlPath`/v1/items/${'a/b?c#d e'}/comments/${42}`).toBe('/v1/items/a%2Fb%3Fc%23d%20e/comments/42');
    expect(urlPath`/v1/items/${'..%2F'}`).toBe('/v1/items/..%252F');
  });

  it.each(['..', '.', ''])('refuses %j, which would reach another endpoint', (id) => {
    expect(() => urlPath`/v1/items/${id}`).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('sends an encoded id to the vendor as one segment', async () => {
    const scope = nock(BASE).get('/v1/items/a%2F..%2Fadmin').reply(200, { ok: 1 });
    const { http } = client();
    await http.get(urlPath`/v1/items/${'a/../admin'}`);
    expect(scope.isDone()).toBe(true);
  });

  it('follows an absolute URL on the configured origin (a vendor next-page link)', async () => {
    const scope = nock(BASE).get('/v1/items').query({ page: '2' }).reply(200, []);
    const { http } = client({ baseUrl: `${BASE}/v1` });
    await http.get(`${BASE}/v1/items?page=2`);
    expect(scope.isDone()).toBe(true);
  });

  it.each(['https://attacker.test/v1/items', '//attacker.test/v1/items', 'http://vendor.test/v1/items', 'https://vendor.test:8443/x'])(
    'refuses %s without sending the request or the token',
    async (url) => {
      const elsewhere = nock('https://attacker.test').get(/.*/).reply(200, {});
      const fetch = vi.fn<typeof globalThis.fetch>();
      const { http } = client({ fetch, headers: () => ({ authorization: 'Bearer must-stay-home' }) });
      const error = await failureOf(http.get(url));
      expect(error.code).toBe('upstream_error');
      expect(error.message).toMatch(/link to another origin/);
      expect(fetch).not.toHaveBeenCalled();
      expect(elsewhere.isDone()).toBe(false);
    },
  );

  it.each(['\\\\attacker.test/x', '\\/attacker.test/x', ' //attacker.test/x', '\t//attacker.test/x', '\n//attacker.test/x', '/x\r\n', '/ok\\..\\x'])(
    'refuses %j (backslash, control character, surrounding space) without sending anything',
    async (url) => {
      const fetch = vi.fn<typeof globalThis.fetch>();
      const { http } = client({ fetch, headers: () => ({ authorization: 'Bearer must-stay-home' }) });
      const error = await failureOf(http.get(url));
      expect(error.code).toBe('upstream_error');
      expect(fetch).not.toHaveBeenCalled();
    },
  );

  it.each(['a/b', '/a/b', 'a?x=1'])('keeps the relative path %s under the base URL', (path) => {
    const { http } = client({ baseUrl: `${BASE}/api/v2` });
    const url = http.resolve(path);
    expect(url.origin).toBe(BASE);
    expect(url.pathname.startsWith('/api/v2/a')).toBe(true);
  });

  it('does not follow redirects, and says where they pointed without the query', async () => {
    nock(BASE).get('/v1/me').reply(302, '', { location: 'https://login.vendor.test/sso?code=one-time-code-value' });
    const { http, sleep } = client();
    const error = await failureOf(http.get('/v1/me'));
    expect(error).toMatchObject({ code: 'upstream_error', status: 302 });
    expect(error.message).toBe('Vendor answered 302 with a redirect to https://login.vendor.test/sso; it was not followed.');
    expect(error.hint).toMatch(/base URL/);
    expect(sleep).not.toHaveBeenCalled();
  });
});

describe('retries', () => {
  it.each([500, 502, 503, 504])('repeats a GET answered %i and returns the later success', async (status) => {
    const scope = nock(BASE).get('/v1/items').reply(status, { message: 'hiccup' }).get('/v1/items').reply(200, [1]);
    const { http, sleep } = client();
    expect(await http.get('/v1/items')).toEqual([1]);
    expect(scope.isDone()).toBe(true);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it('repeats PUT and DELETE (idempotent methods) and a POST marked idempotent', async () => {
    const scope = nock(BASE)
      .put('/v1/items/1')
      .reply(503)
      .put('/v1/items/1')
      .reply(200, { v: 1 })
      .delete('/v1/items/1')
      .replyWithError('socket hang up')
      .delete('/v1/items/1')
      .reply(204)
      .post('/v1/items')
      .reply(500)
      .post('/v1/items')
      .reply(201, { id: 'i1' });
    const { http } = client();
    await http.request({ method: 'PUT', path: '/v1/items/1', json: { v: 1 } });
    await http.request({ method: 'DELETE', path: '/v1/items/1' });
    expect((await http.request({ method: 'POST', path: '/v1/items', json: {}, idempotent: true })).data).toEqual({ id: 'i1' });
    expect(scope.isDone()).toBe(true);
  });

  describe('a write whose outcome is unknown is never retryable', () => {
    it.each([
      ['connection reset after sending', (n: nock.Interceptor) => n.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))],
      ['500', (n: nock.Interceptor) => n.reply(500, {})],
      ['502', (n: nock.Interceptor) => n.reply(502, {})],
      ['503', (n: nock.Interceptor) => n.reply(503, {}, { 'retry-after': '1' })],
      ['timeout', (n: nock.Interceptor) => n.delay(500).reply(201, {})],
      ['malformed body', (n: nock.Interceptor) => n.reply(201, '{"id":', { 'content-type': 'application/json' })],
    ])('%s: sent once, retryable false, outcomeUnknown, hint says to check', async (_case, reply) => {
      const scope = reply(nock(BASE).post('/v1/items'));
      const extra = nock(BASE).post('/v1/items').reply(201, { id: 'twice' });
      const { http, sleep } = client({ timeoutMs: 100 });
      const error = await failureOf(http.request({ method: 'POST', path: '/v1/items', json: { name: 'a' } }));
      expect(error).toMatchObject({ retryable: false, outcomeUnknown: true });
      expect(error.toInfo().retryable).toBe(false);
      expect(error.hint).toMatch(/may have been applied.*check/i);
      expect(scope.isDone()).toBe(true);
      expect(extra.isDone()).toBe(false);
      expect(sleep).not.toHaveBeenCalled();
      nock.cleanAll();
    });

    it('a refused connection never reached the vendor: retryable, outcome known', async () => {
      nock(BASE)
        .post('/v1/items')
        .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
      const { http } = client();
      const error = await failureOf(http.request({ method: 'POST', path: '/v1/items', json: {} }));
      expect(error).toMatchObject({ code: 'network_error', retryable: true });
      expect(error.outcomeUnknown).toBeUndefined();
    });
  });

  it('never repeats a POST answered 500, and says the write may have happened', async () => {
    const scope = nock(BASE).post('/v1/items').reply(500, { message: 'boom' });
    const second = nock(BASE).post('/v1/items').reply(201, { id: 'dup' });
    const { http, sleep } = client();
    const error = await failureOf(http.request({ method: 'POST', path: '/v1/items', json: { name: 'a' } }));
    expect(error).toMatchObject({ code: 'upstream_error', retryable: false, message: 'Vendor answered 500: boom' });
    expect(error.hint).toMatch(/may have been applied/);
    expect(scope.isDone()).toBe(true);
    expect(second.isDone()).toBe(false);
    expect(sleep).not.toHaveBeenCalled();
  });

  it.each([
    ['a 503', (s: nock.Interceptor) => s.reply(503)],
    ['a connection reset', (s: nock.Interceptor) => s.replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))],
  ])('never repeats a POST after %s', async (_what, reply) => {
    reply(nock(BASE).post('/v1/items'));
    const second = nock(BASE).post('/v1/items').reply(201, {});
    const { http } = client();
    await failureOf(http.request({ method: 'POST', path: '/v1/items', json: {} }));
    expect(second.isDone()).toBe(false);
  });

  it('repeats a GET after a network error, with growing capped backoff', async () => {
    const scope = nock(BASE).get('/x').times(3).replyWithError('socket hang up').get('/x').reply(200, 'ok', { 'content-type': 'text/plain' });
    const { http, sleep } = client({ maxRetries: 3 });
    expect(await http.get('/x')).toBe('ok');
    expect(scope.isDone()).toBe(true);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([250, 500, 1000]);
  });

  it('gives up after maxRetries and answers the last error', async () => {
    const scope = nock(BASE).get('/x').times(3).reply(503, { message: 'down for maintenance' });
    const { http } = client({ maxRetries: 2 });
    const error = await failureOf(http.get('/x'));
    expect(error).toMatchObject({ code: 'upstream_unavailable', retryable: true, message: 'Vendor answered 503: down for maintenance' });
    expect(scope.isDone()).toBe(true);
  });

  it('answers a GET that keeps failing with a retryable upstream_error', async () => {
    nock(BASE).get('/x').times(3).reply(500);
    const { http } = client();
    expect(await failureOf(http.get('/x'))).toMatchObject({ code: 'upstream_error', retryable: true, message: 'Vendor answered 500.' });
  });

  it('does not repeat client errors', async () => {
    const scope = nock(BASE).get('/x').reply(400, { message: 'bad field' });
    const again = nock(BASE).get('/x').reply(200, {});
    const { http } = client();
    expect(await failureOf(http.get('/x'))).toMatchObject({ code: 'invalid_input', message: 'Vendor answered 400: bad field' });
    expect(scope.isDone()).toBe(true);
    expect(again.isDone()).toBe(false);
  });
});

describe('429 and Retry-After', () => {
  it('waits for Retry-After seconds and repeats, even a POST (the vendor did nothing)', async () => {
    const scope = nock(BASE).post('/v1/items').reply(429, {}, { 'retry-after': '2' }).post('/v1/items').reply(201, { id: 'i1' });
    const { http, sleep } = client();
    expect((await http.request({ method: 'POST', path: '/v1/items', json: {} })).data).toEqual({ id: 'i1' });
    expect(sleep.mock.calls).toEqual([[2000]]);
    expect(scope.isDone()).toBe(true);
  });

  it('understands an HTTP-date Retry-After', async () => {
    const at = new Date(Date.now() + 3_000).toUTCString();
    nock(BASE).get('/x').reply(429, {}, { 'retry-after': at }).get('/x').reply(200, {});
    const { http, sleep } = client();
    await http.get('/x');
    expect(sleep.mock.calls[0]![0]).toBeGreaterThan(1_000);
    expect(sleep.mock.calls[0]![0]).toBeLessThanOrEqual(3_000);
  });

  it('answers rate_limited with retryAfterMs when the wait exceeds the budget, without waiting', async () => {
    const scope = nock(BASE).get('/x').reply(429, { message: 'slow down' }, { 'retry-after': '60' });
    const again = nock(BASE).get('/x').reply(200, {});
    const { http, sleep } = client({ maxRetryWaitMs: 10_000 });
    const error = await failureOf(http.get('/x'));
    expect(error.toInfo()).toEqual({
      code: 'rate_limited',
      message: 'Vendor answered 429: slow down',
      retryable: true,
      retryAfterMs: 60_000,
      hint: 'Wait for retryAfterMs before calling again.',
    });
    expect(sleep).not.toHaveBeenCalled();
    expect(scope.isDone()).toBe(true);
    expect(again.isDone()).toBe(false);
  });

  it('stops once the waits so far would pass the budget', async () => {
    nock(BASE).get('/x').times(3).reply(429, {}, { 'retry-after': '4' });
    const { http, sleep } = client({ maxRetryWaitMs: 10_000, maxRetries: 5 });
    const error = await failureOf(http.get('/x'));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 4_000 });
    expect(sleep.mock.calls).toEqual([[4000], [4000]]);
  });

  it('uses the vendor retryAfterMs hook when the vendor does not send Retry-After', async () => {
    nock(BASE).get('/x').reply(429, {}, { 'x-rate-reset-ms': '1500' }).get('/x').reply(200, {});
    const { http, sleep } = client({ retryAfterMs: (r) => Number(r.headers.get('x-rate-reset-ms')) });
    await http.get('/x');
    expect(sleep.mock.calls).toEqual([[1500]]);
  });

  it('parses Retry-After values', () => {
    expect(parseRetryAfter('1.5')).toBe(1500);
    expect(parseRetryAfter('-3')).toBe(0);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('failures without a usable answer', () => {
  it('answers timeout when the vendor does not answer in time', async () => {
    nock(BASE).get('/slow').delay(300).reply(200, {});
    const { http } = client({ timeoutMs: 50, maxRetries: 0 });
    const error = await failureOf(http.get('/slow'));
    expect(error).toMatchObject({ code: 'timeout', retryable: true, message: 'Vendor did not answer within 50 ms.' });
  });

  it('answers timeout when the vendor stalls in the middle of the body', async () => {
    // A real socket: headers and half a body arrive, then nothing.
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items": [');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    nock.enableNetConnect('127.0.0.1');
    try {
      const { http } = client({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 300, maxRetries: 0 });
      const error = await failureOf(http.get('/x'));
      // Before headers or during the body, either way it is a timeout, never a dropped connection.
      expect(error).toMatchObject({ code: 'timeout', message: expect.stringMatching(/^Vendor did not (finish answering|answer) within 300 ms\.$/) });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('answers timeout (not retryable) when the caller cancels', async () => {
    nock(BASE).get('/slow').delay(300).reply(200, {});
    const { http } = client();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await failureOf(http.request({ path: '/slow', signal: controller.signal }));
    expect(error).toMatchObject({ code: 'timeout', retryable: false, message: 'The call was cancelled.' });
  });

  it('answers network_error on a connection reset', async () => {
    nock(BASE)
      .get('/x')
      .times(3)
      .replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    const { http } = client();
    const error = await failureOf(http.get('/x'));
    expect(error).toMatchObject({ code: 'network_error', retryable: true });
    expect(error.message).toMatch(/^Could not reach Vendor \(.*ECONNRESET.*\)\.$/);
    expect(error.hint).toMatch(/base URL/);
  });

  it('answers upstream_error (retryable) for malformed JSON to a read', async () => {
    nock(BASE).get('/x').times(3).reply(200, '{"items": [', { 'content-type': 'application/json' });
    const { http } = client();
    const error = await failureOf(http.request({ path: '/x' }));
    expect(error).toMatchObject({ code: 'upstream_error', retryable: true, message: 'Vendor answered 200 with malformed JSON.' });
  });

  it('answers a malformed JSON body to a write as an unknown outcome, never retryable', async () => {
    const scope = nock(BASE).post('/x').reply(200, '{"items": [', { 'content-type': 'application/json' });
    const { http } = client();
    const error = await failureOf(http.request({ method: 'POST', path: '/x', json: {} }));
    expect(error).toMatchObject({ code: 'upstream_error', retryable: false, outcomeUnknown: true });
    expect(error.hint).toMatch(/may have been applied.*check/i);
    expect(scope.isDone()).toBe(true);
  });

  it('describes an HTML error page without echoing the HTML', async () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
    nock(BASE).get('/x').times(3).reply(502, page, { 'content-type': 'text/html' });
    const { http } = client();
    const error = await failureOf(http.get('/x'));
    expect(error).toMatchObject({ code: 'upstream_unavailable', message: 'Vendor answered 502: an HTML error page instead of JSON' });
    expect(JSON.stringify(error.toInfo())).not.toContain('<');
  });

  it('shortens long text error bodies', async () => {
    nock(BASE).get('/x').reply(400, 'e'.repeat(5_000), { 'content-type': 'text/plain' });
    const { http } = client();
    const error = await failureOf(http.get('/x'));
    expect(error.message.length).toBeLessThan(250);
    expect(error.message.endsWith('…')).toBe(true);
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [410, 'not_found'],
    [422, 'invalid_input'],
    [418, 'upstream_error'],
  ])('maps status %i to %s', async (status, code) => {
    nock(BASE).get('/x').reply(status, {});
    const { http } = client();
    expect((await failureOf(http.get('/x'))).code).toBe(code);
  });
});

describe('vendor hooks', () => {
  it('classifyError sets the message, vendorCode, and may change the code', async () => {
    nock(BASE)
      .get('/a')
      .reply(400, { errors: [{ code: 'INVALID_JQL', text: 'Field "sprint" does not exist.' }] })
      .get('/b')
      .reply(400, { errors: [{ code: 'RATE_LIMIT', text: 'Too many searches.' }] }, { 'retry-after': '30' });
    const classifyError = (response: { body: unknown }) => {
      const first = (response.body as { errors: { code: string; text: string }[] }).errors[0]!;
      return { message: first.text, vendorCode: first.code, ...(first.code === 'RATE_LIMIT' ? { code: 'rate_limited' as const } : {}) };
    };
    const { http } = client({ classifyError, maxRetryWaitMs: 0 });
    expect((await failureOf(http.get('/a'))).toInfo()).toEqual({
      code: 'invalid_input',
      message: 'Vendor answered 400: Field "sprint" does not exist.',
      retryable: false,
      vendorCode: 'INVALID_JQL',
    });
    expect((await failureOf(http.get('/b'))).toInfo()).toMatchObject({ code: 'rate_limited', vendorCode: 'RATE_LIMIT', retryable: true, retryAfterMs: 30_000 });
  });

  it('parseRateLimit keeps the latest snapshot, from successes and failures', async () => {
    nock(BASE).get('/a').reply(200, {}, { 'x-remaining': '9' }).get('/b').reply(404, {}, { 'x-remaining': '8' }).get('/c').reply(200, {});
    const { http } = client({ parseRateLimit: (r) => (r.headers.get('x-remaining') ? { remaining: Number(r.headers.get('x-remaining')) } : undefined) });
    await http.get('/a');
    expect(http.lastRateLimit).toEqual({ remaining: 9 });
    await failureOf(http.get('/b'));
    expect(http.lastRateLimit).toEqual({ remaining: 8 });
    await http.get('/c');
    expect(http.lastRateLimit).toEqual({ remaining: 8 });
  });
});

describe('onUnauthorized', () => {
  it('refreshes once and repeats the request with the new credentials', async () => {
    let token = 'expired-token-value';
    const scope = nock(BASE)
      .get('/me')
      .matchHeader('authorization', 'Bearer expired-token-value')
      .reply(401, {})
      .get('/me')
      .matchHeader('authorization', 'Bearer fresh-token-value')
      .reply(200, { name: 'Ada' });
    const onUnauthorized = vi.fn(async () => {
      token = 'fresh-token-value';
      return true;
    });
    const { http } = client({ headers: () => ({ authorization: `Bearer ${token}` }), onUnauthorized });
    expect(await http.get('/me')).toEqual({ name: 'Ada' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(scope.isDone()).toBe(true);
  });

  it('refreshes at most once per request when the vendor keeps answering 401', async () => {
    const scope = nock(BASE).get('/me').times(2).reply(401, { message: 'bad token' });
    const third = nock(BASE).get('/me').reply(200, {});
    const onUnauthorized = vi.fn(async () => true);
    const { http } = client({ onUnauthorized });
    expect(await failureOf(http.get('/me'))).toMatchObject({ code: 'unauthorized', message: 'Vendor answered 401: bad token' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(scope.isDone()).toBe(true);
    expect(third.isDone()).toBe(false);
  });

  it('answers unauthorized without repeating when the refresh fails', async () => {
    nock(BASE).get('/me').reply(401, {});
    const again = nock(BASE).get('/me').reply(200, {});
    const { http } = client({ onUnauthorized: async () => false });
    expect((await failureOf(http.get('/me'))).code).toBe('unauthorized');
    expect(again.isDone()).toBe(false);
  });
});
