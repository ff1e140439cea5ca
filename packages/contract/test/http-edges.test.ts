// Held-out HTTP edge cases of the --http front door, sent as raw bytes: an oversized upload that
// announces `Expect: 100-continue`, two Host headers, an Origin with a trailing dot, and keep-alive
// connections reused after an idle pause (clients and proxies keep theirs open for up to 60 s).
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/core/logger.js';
import { Redactor } from '../src/core/redact.js';
import { listenHttp, type RunningHttpServer } from '../src/server/http-server.js';

const log = createLogger('silent', new Redactor());
let running: RunningHttpServer | undefined;
let handled = 0;

afterEach(async () => {
  await running?.close();
  running = undefined;
  handled = 0;
});

async function start(maxBodyBytes = 1_000) {
  running = await listenHttp(
    async (request) => {
      handled++;
      await request.text();
      return new Response(JSON.stringify({ jsonrpc: '2.0', id: 1, result: {} }), { headers: { 'content-type': 'application/json' } });
    },
    { port: 0, host: '127.0.0.1', maxBodyBytes },
    log,
  );
  return Number(new URL(running.url).port);
}

/** Writes raw bytes and collects everything the server answers until it closes or `untilMs` passes. */
function raw(port: number, text: string, untilMs = 1_500): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('error', reject);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, untilMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
  });
}

describe('the HTTP front door at its edges', () => {
  it('answers 413 without 100 Continue to an upload declared over the limit, so the client reads it', async () => {
    const port = await start(1_000);
    for (let i = 0; i < 4; i++) {
      const answer = await raw(
        port,
        `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n`,
      );
      expect(answer).not.toMatch(/100 Continue/);
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    }
    expect(handled).toBe(0);
  });

  it('sends 100 Continue to an allowed upload within the limit, then reads it', async () => {
    const port = await start(1_000);
    const answer = await new Promise<string>((resolve, reject) => {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(
          `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
        ),
      );
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
        if (text.includes('100 Continue') && !text.includes('200 OK')) socket.write(body);
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 100 Continue/);
    expect(answer).toMatch(/HTTP\/1\.1 200 OK/);
    expect(handled).toBe(1);
  });

  it('refuses two Host headers with 400 (RFC 9112)', async () => {
    const port = await start();
    const answer = await raw(port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('treats a trailing-dot loopback name the same in Origin as in Host: refused', async () => {
    const port = await start();
    const origin = await raw(port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1.\r\nConnection: close\r\n\r\n`);
    expect(origin).toMatch(/^HTTP\/1\.1 403 /);
    const host = await raw(port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1.:${port}\r\nConnection: close\r\n\r\n`);
    expect(host).toMatch(/^HTTP\/1\.1 (400|403) /);
  });

  it('keeps an idle keep-alive connection open past the idle time of common clients, so a reused socket is not reset', async () => {
    const port = await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; localPort: number }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/healthz', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, localPort: req.socket?.localPort ?? 0 }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      const first = await get();
      // Past the 5 s the server used to keep an idle connection.
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      const second = await get();
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.localPort).toBe(first.localPort);
    } finally {
      agent.destroy();
    }
  }, 20_000);
});
