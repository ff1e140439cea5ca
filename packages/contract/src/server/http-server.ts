// The HTTP front door of `--http`: who may talk to the MCP endpoint, and how much. The MCP part
// itself is a fetch handler from mcp.ts; this file never sees a JSON-RPC message.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.js';

export interface HttpServerOptions {
  port: number;
  host: string;
  /** Host header values accepted besides loopback names (a deployment's public name), e.g. `mcp.example.com`. */
  allowedHosts?: string[];
  /** Origin header values accepted besides loopback origins, e.g. `https://claude.ai`. */
  allowedOrigins?: string[];
  /** When set, every MCP request needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Largest request body read, in bytes (default 4 MiB); larger ones get 413 before they are read. */
  maxBodyBytes?: number;
  /** Why the server cannot serve tools yet (readiness), or undefined when it can. */
  notReady?: () => Promise<string | undefined>;
  /** How long shutdown waits for calls in flight (default 60 s). */
  drainMs?: number;
  /** Time for a client to send its headers (default 10 s) and its whole request (default 30 s). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface RunningHttpServer {
  url: string;
  /** Stops accepting, lets calls in flight finish (up to drainMs), then closes every connection. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const MIN_TOKEN_LENGTH = 16;
/** Idle keep-alive time: above the 60 s load balancers and proxies commonly keep an idle upstream connection. */
const KEEP_ALIVE_MS = 65_000;

/** Whether `host` (a listen address) is reachable only from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127(?:\.\d{1,3}){3}$/.test(bare);
}

/** Refuses, before listening, a configuration that would expose the user's credentials. */
export function assertSafeToListen(options: Pick<HttpServerOptions, 'host' | 'token'>): void {
  if (options.token !== undefined && options.token.length < MIN_TOKEN_LENGTH) {
    throw new Error(`CONNECTORS_HTTP_TOKEN is too short: use at least ${MIN_TOKEN_LENGTH} random characters (e.g. \`openssl rand -hex 32\`).`);
  }
  if (!isLoopbackHost(options.host) && options.token === undefined) {
    throw new Error(
      `Refusing to listen on ${options.host} without CONNECTORS_HTTP_TOKEN: anyone who can reach the port could act with this connector's credentials. ` +
        'Set CONNECTORS_HTTP_TOKEN (clients then send "Authorization: Bearer <token>"), or listen on 127.0.0.1.',
    );
  }
}

/** Serves `handle` on /mcp behind Host/Origin checks, bearer auth and a body limit, plus /healthz and /readyz. */
export async function listenHttp(handle: (request: Request) => Promise<Response>, options: HttpServerOptions, log: Logger): Promise<RunningHttpServer> {
  assertSafeToListen(options);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const loopback = isLoopbackHost(options.host);
  const allowedHosts = new Set((options.allowedHosts ?? []).map((h) => h.toLowerCase()));
  const allowedOrigins = new Set((options.allowedOrigins ?? []).map((o) => o.toLowerCase().replace(/\/+$/, '')));
  const tokenDigest = options.token === undefined ? undefined : digest(options.token);
  let inFlight = 0;
  let drained: (() => void) | undefined;

  // Requests announcing `Expect: 100-continue`: 100 is sent only when the body is about to be read,
  // so a refused one (too large, forbidden) gets its final answer before the client sends the body.
  const expectsContinue = new WeakSet<IncomingMessage>();
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) drained?.();
    });
    void route(req, res).catch((error: Error) => {
      log.error(`HTTP request failed: ${error.message}`);
      if (!res.headersSent) send(res, 500, { jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id: null });
      else res.destroy();
    });
  };
  // Timeouts are checked every second, so a slow client is cut off close to its limit.
  const server = createServer({ connectionsCheckingInterval: 1_000 }, onRequest);
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    expectsContinue.add(req);
    onRequest(req, res);
  });
  // Slow clients cannot hold sockets open: headers within 10 s, a whole request within 30 s. An idle
  // keep-alive connection stays open longer than clients and proxies keep theirs (load balancers
  // commonly 60 s): a server that closes first can reset a request already on its way.
  server.headersTimeout = options.headersTimeoutMs ?? 10_000;
  server.requestTimeout = options.requestTimeoutMs ?? 30_000;
  server.keepAliveTimeout = KEEP_ALIVE_MS;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Node keeps the first of two Host headers; RFC 9112 says to refuse the request.
    const hosts = req.rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() === 'host').length;
    const host = hosts === 1 ? parseHost(req.headers.host) : undefined;
    if (!host) return send(res, 400, { error: 'bad_request', message: 'Missing, repeated or malformed Host header.' });
    if (!hostAllowed(host.hostname, host.host)) return send(res, 403, { error: 'forbidden', message: `Host ${host.host} is not allowed.` });
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin)) return send(res, 403, { error: 'forbidden', message: 'Origin not allowed.' });

    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) return send(res, 200, { status: 'ok' });
    if (path === '/readyz' && (req.method === 'GET' || req.method === 'HEAD')) {
      const reason = await options.notReady?.();
      return reason === undefined ? send(res, 200, { status: 'ready' }) : send(res, 503, { status: 'not_ready', reason });
    }
    if (path !== '/mcp') return send(res, 404, { error: 'not_found', message: 'The MCP endpoint is /mcp.' });

    if (tokenDigest && !bearerMatches(req.headers.authorization, tokenDigest)) {
      res.setHeader('www-authenticate', 'Bearer realm="connectors"');
      return send(res, 401, { error: 'unauthorized', message: 'Send Authorization: Bearer <CONNECTORS_HTTP_TOKEN>.' });
    }
    let body: Buffer | undefined;
    if (req.method === 'POST') {
      // Checked before a byte is read: a text/plain POST needs no CORS preflight from any web page.
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') return refuse(req, res, 415, { error: 'unsupported_media_type', message: 'POST application/json.' });
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBody) return refuse(req, res, 413, tooLarge(maxBody));
      if (expectsContinue.has(req)) res.writeContinue();
      body = await readBody(req, maxBody);
      if (!body) return refuse(req, res, 413, tooLarge(maxBody));
    }
    await forward(handle, req, res, body, host.host);
  }

  function hostAllowed(hostname: string, hostWithPort: string): boolean {
    if (LOOPBACK_NAMES.has(hostname) || allowedHosts.has(hostname) || allowedHosts.has(hostWithPort)) return true;
    // Listening beyond loopback (a token is then required): any name unless a list is given.
    return !loopback && allowedHosts.size === 0;
  }

  function originAllowed(origin: string): boolean {
    const normalized = origin.toLowerCase().replace(/\/+$/, '');
    if (allowedOrigins.has(normalized)) return true;
    if (!loopback || !URL.canParse(normalized)) return false;
    const url = new URL(normalized);
    // An origin the URL parser had to rewrite (`http://127.0.0.1.`) is not the loopback origin it becomes.
    return url.origin === normalized && /^https?:$/.test(url.protocol) && LOOPBACK_NAMES.has(url.hostname);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/mcp`;

  return {
    url,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise((resolve) => setTimeout(resolve, options.drainMs ?? 60_000).unref()),
        ]);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The Host header as a URL authority: `name[:port]`, nothing else (no user info, path or spaces). */
function parseHost(value: string | undefined): { host: string; hostname: string } | undefined {
  if (!value || !/^[A-Za-z0-9.\-[\]:]+$/.test(value)) return undefined;
  if (!URL.canParse(`http://${value}`)) return undefined;
  const url = new URL(`http://${value}`);
  if (url.host.toLowerCase() !== value.toLowerCase().replace(/:80$/, '')) return undefined;
  return { host: value.toLowerCase(), hostname: url.hostname.toLowerCase() };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Compares digests in constant time, so the time taken says nothing about the token. */
function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), expected);
}

/** The body, or undefined as soon as it passes `max` bytes (the rest is never buffered). */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function tooLarge(max: number) {
  return { error: 'payload_too_large', message: `Request bodies are limited to ${max} bytes.` };
}

/** Answers and closes the connection, so an unread body is never drained into memory. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  res.setHeader('connection', 'close');
  send(res, status, body);
  // A body read up to the limit has already detached its socket from the request.
  const socket = req.socket ?? res.socket;
  req.resume();
  res.once('finish', () => socket?.destroy());
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function forward(
  handle: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer | undefined,
  host: string,
): Promise<void> {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  const controller = new AbortController();
  // A client that goes away cancels what its request started.
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const request = new Request(new URL(req.url ?? '/', `http://${host}`), {
    method: req.method ?? 'GET',
    headers,
    signal: controller.signal,
    ...(body && body.length > 0 ? { body } : {}),
  });
  const response = await handle(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}
