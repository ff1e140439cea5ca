import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listenHttp, type HttpServerOptions, type RunningHttpServer } from '../src/server/http-server.js';
import { createLogger } from '../src/core/logger.js';
import { Redactor } from '../src/core/redact.js';
import { runCli } from '../src/index.js';
import { notesConnector } from './support/notes-connector.js';

// The front door of --http, driven with raw HTTP so Host, Origin and body sizes are exactly what a
// browser, an attacker's page or a proxy would send.
const TOKEN = 'http-token-canary-0123456789abcdef';
const log = createLogger('silent', new Redactor());
let running: RunningHttpServer | undefined;
let handled: string[] = [];

afterEach(async () => {
  await running?.close();
  running = undefined;
  handled = [];
});

async function start(options: Partial<HttpServerOptions> = {}, handle?: (request: Request) => Promise<Response>) {
  running = await listenHttp(
    handle ??
      (async (request) => {
        handled.push(`${request.method} ${new URL(request.url).pathname} ${(await request.text()).length}`);
        return new Response(JSON.stringify({ jsonrpc: '2.0', id: 1, result: {} }), { headers: { 'content-type': 'application/json' } });
      }),
    { port: 0, host: '127.0.0.1', ...options },
    log,
  );
  return Number(new URL(running.url).port);
}

interface Sent {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One raw request; `body` may be a Buffer, or `declare` a Content-Length without sending it. */
function send(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: Buffer | string; declare?: number; setHost?: false },
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        agent: false,
        method: options.method ?? 'POST',
        path: options.path ?? '/mcp',
        ...(options.setHost === false
          ? { setHost: false, headers: { 'content-type': 'application/json' } }
          : { headers: { host: `localhost:${port}`, 'content-type': 'application/json', ...options.headers } }),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.declare !== undefined) {
      req.setHeader('content-length', String(options.declare));
      req.flushHeaders();
      return;
    }
    req.end(options.method === 'GET' ? undefined : (options.body ?? '{"jsonrpc":"2.0","id":1,"method":"ping"}'));
  });
}

describe('Host and Origin (DNS rebinding)', () => {
  it('serves loopback names with any port, and refuses any other Host with 403 before the MCP handler runs', async () => {
    const port = await start();
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost', 'LOCALHOST:1']) {
      expect((await send(port, { headers: { host } })).status, host).toBe(200);
    }
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`, 'localhost.evil.example']) {
      const answer = await send(port, { headers: { host } });
      expect(answer.status, host).toBe(403);
    }
    expect(handled).toHaveLength(5);
  });

  it('answers 400 to a malformed Host, never 500', async () => {
    const port = await start();
    for (const host of ['bad host', 'user@localhost', 'localhost/path', 'localhost:99999', '[::1']) {
      expect((await send(port, { headers: { host } })).status, JSON.stringify(host)).toBe(400);
    }
    expect((await send(port, { setHost: false })).status, 'no Host at all').toBe(400);
  });

  it('refuses a foreign Origin with 403 and accepts loopback origins and the allowed list', async () => {
    const port = await start({ allowedOrigins: ['https://claude.ai'] });
    expect((await send(port, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await send(port, { headers: { origin: 'null' } })).status).toBe(403);
    expect((await send(port, { headers: { origin: `http://localhost:5173` } })).status).toBe(200);
    expect((await send(port, { headers: { origin: 'https://claude.ai' } })).status).toBe(200);
    expect(handled).toHaveLength(2);
  });

  it('accepts the deployment names given in allowedHosts', async () => {
    const port = await start({ allowedHosts: ['mcp.example.com'] });
    expect((await send(port, { headers: { host: 'mcp.example.com' } })).status).toBe(200);
    expect((await send(port, { headers: { host: 'other.example.com' } })).status).toBe(403);
  });
});

describe('request bodies', () => {
  it('answers 413 to a declared 1 GB body without reading it, and the server keeps serving', async () => {
    const port = await start({ maxBodyBytes: 1024 * 1024 });
    const answer = await send(port, { declare: 1024 ** 3 });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(handled).toEqual([]);
    expect((await send(port, {})).status).toBe(200);
  });

  it('stops reading a chunked body at the limit (no Content-Length to trust)', async () => {
    const port = await start({ maxBodyBytes: 64 * 1024 });
    const answer = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/mcp',
          headers: { host: 'localhost', 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 200 && req.write(chunk)) sent++;
        if (sent < 200) req.once('drain', pump);
        else req.end();
      };
      pump();
    });
    expect(answer).toBe(413);
    expect(handled).toEqual([]);
  });

  it('answers 415 to a text/plain POST (which any web page can send) before reading its body', async () => {
    const port = await start();
    const answer = await send(port, { headers: { 'content-type': 'text/plain' }, declare: 500 * 1024 * 1024 });
    expect(answer.status).toBe(415);
    expect(handled).toEqual([]);
  });
});

describe('slow clients', () => {
  it('closes a connection whose headers do not arrive in time (slowloris), and keeps serving others', { timeout: timeLimit(10_000) }, async () => {
    const port = await start({ headersTimeoutMs: 500, requestTimeoutMs: 800 });
    const { connect } = await import('node:net');
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('POST /mcp HTTP/1.1\r\nHost: localhost\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
    expect((await send(port, {})).status).toBe(200);
  });
});

describe('bearer token', () => {
  it('requires Authorization: Bearer <token> on /mcp when a token is set (401 with WWW-Authenticate otherwise)', async () => {
    const port = await start({ token: TOKEN });
    const none = await send(port, {});
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="connectors"');
    expect(none.body).not.toContain(TOKEN);
    expect((await send(port, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await send(port, { headers: { authorization: `Basic ${TOKEN}` } })).status).toBe(401);
    expect((await send(port, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect(handled).toHaveLength(1);
  });

  it('refuses to listen beyond loopback without a token, and refuses a short token', async () => {
    await expect(start({ host: '0.0.0.0' })).rejects.toThrow(/Refusing to listen on 0\.0\.0\.0 without CONNECTORS_HTTP_TOKEN/);
    await expect(start({ token: 'short' })).rejects.toThrow(/too short/);
  });

  it('listens beyond loopback with a token, accepting any Host (the token guards it)', async () => {
    const port = await start({ host: '0.0.0.0', token: TOKEN });
    expect((await send(port, { headers: { host: 'mcp.internal:8080', authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('the CLI exits 2 with the reason for --host 0.0.0.0 without CONNECTORS_HTTP_TOKEN', async () => {
    let err = '';
    const code = await runCli(notesConnector, {
      argv: ['--http', '--host', '0.0.0.0', '--port', '0'],
      env: {},
      out: () => {},
      err: (text) => void (err += text),
    });
    expect(code).toBe(2);
    expect(err).toContain('Refusing to listen on 0.0.0.0 without CONNECTORS_HTTP_TOKEN');
  });
});

describe('health endpoints and shutdown', () => {
  it('answers /healthz without the token or a vendor call, and /readyz with 503 and the reason until ready', async () => {
    let reason: string | undefined = 'Configuration incomplete: missing NOTES_API_TOKEN.';
    const port = await start({ token: TOKEN, notReady: async () => reason });
    expect(await send(port, { method: 'GET', path: '/healthz' })).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    expect(await send(port, { method: 'GET', path: '/readyz' })).toMatchObject({ status: 503, body: expect.stringContaining('missing NOTES_API_TOKEN') });
    reason = undefined;
    expect((await send(port, { method: 'GET', path: '/readyz' })).status).toBe(200);
    expect((await send(port, { method: 'GET', path: '/healthz', headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('close() lets a call in flight finish, then stops accepting', async () => {
    let release!: () => void;
    const started = new Promise<void>((resolve) => (release = resolve));
    const port = await start({}, async () => {
      release();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return new Response('{"done":true}', { headers: { 'content-type': 'application/json' } });
    });
    const inFlight = send(port, {});
    await started;
    const closing = running!.close();
    running = undefined;
    expect(await inFlight).toMatchObject({ status: 200, body: '{"done":true}' });
    await closing;
    await expect(send(port, {})).rejects.toThrow(/ECONNREFUSED/);
  });
});
