// The only module that imports the MCP SDK: everything else talks to ConnectorRuntime.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createMcpHandler, Server } from '@modelcontextprotocol/server';
import { serveStdio as serveSdkStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { packageNameOf } from './define.js';
import { guardStdin } from './stdio-guard.js';
import type { ConnectorRuntime } from './runtime.js';

export function createMcpServer(runtime: ConnectorRuntime): Server {
  const { connector } = runtime;
  const server = new Server(
    { name: packageNameOf(connector), title: connector.title, version: connector.version },
    { capabilities: { tools: {} }, instructions: connector.description },
  );
  // Our descriptors are plain JSON Schema objects; the SDK's type is stricter than what it sends.
  server.setRequestHandler('tools/list', async () => ({ tools: runtime.listTools() as never }));
  server.setRequestHandler('tools/call', async (request, ctx) => {
    const result = await runtime.callTool(request.params.name, request.params.arguments ?? {}, ctx.mcpReq.signal);
    return result as unknown as Record<string, unknown> & { content: [] };
  });
  return server;
}

export async function serveStdio(runtime: ConnectorRuntime): Promise<void> {
  const reply = (message: Record<string, unknown>) => void process.stdout.write(JSON.stringify(message) + '\n');
  const guarded = process.stdin.pipe(guardStdin(reply, (m) => runtime.log.warn(m)));
  const transport = new StdioServerTransport(guarded, process.stdout);
  // The SDK's stdio entry picks the protocol era from the client's opening message: 2025-era
  // clients (initialize) and 2026-07-28 clients (server/discover) each get a server from the
  // factory. A hand-wired Server + transport would answer the 2025 era only.
  serveSdkStdio(() => createMcpServer(runtime), {
    transport,
    // A garbage line or malformed JSON-RPC must not take the server down: log it (one line) and keep reading.
    onerror: (error) => runtime.log.warn(`stdio: ${oneLine(error.message)}`),
  });
  runtime.log.info(`${connector(runtime)} serving on stdio with ${runtime.toolNames().length} tools`);
  // The transport closes itself when the client closes stdin; the entry owns onclose, so chain it.
  await new Promise<void>((resolve) => {
    const entryOnClose = transport.onclose;
    transport.onclose = () => {
      entryOnClose?.();
      resolve();
    };
  });
  // However the transport closed (end of input, or an error inside the SDK), stop reading stdin so
  // the process exits instead of staying alive and deaf.
  process.stdin.unpipe(guarded);
  process.stdin.destroy();
}

export interface HttpServeOptions {
  port: number;
  host: string;
}

/** Streamable HTTP, stateless: every request gets a fresh server over the same runtime. */
export async function serveHttp(runtime: ConnectorRuntime, options: HttpServeOptions): Promise<{ close(): Promise<void>; url: string }> {
  const handler = createMcpHandler(() => createMcpServer(runtime));
  const http = createServer((req, res) => {
    void forward(handler.fetch, req, res, options).catch((error: Error) => {
      runtime.log.error(`HTTP request failed: ${error.message}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id: null }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/mcp`;
  runtime.log.info(`${connector(runtime)} serving Streamable HTTP on ${url}`);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        void handler.close();
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

async function forward(
  fetchHandler: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
  options: HttpServeOptions,
): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? `${options.host}:${options.port}`}`);
  if (url.pathname !== '/mcp') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the MCP endpoint is /mcp\n');
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && chunks.length > 0;
  const request = new Request(url, { method: req.method, headers, ...(hasBody ? { body: Buffer.concat(chunks) } : {}) });
  const response = await fetchHandler(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? flat.slice(0, 300) + '…' : flat;
}

function connector(runtime: ConnectorRuntime): string {
  return `${packageNameOf(runtime.connector)}@${runtime.connector.version}`;
}
