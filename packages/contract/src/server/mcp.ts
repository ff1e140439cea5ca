// The MCP server SDK meets the runtime here (only server/ and bridge/ import the SDK): everything else talks to ConnectorRuntime.
import { randomUUID } from 'node:crypto';
import { createMcpHandler, ProtocolError, ProtocolErrorCode, ResourceNotFoundError, Server } from '@modelcontextprotocol/server';
import { serveStdio as serveSdkStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { packageNameOf } from '../definition/names.js';
import type { HttpServerOptions, RunningHttpServer } from './http-server.js';
import { guardStdin } from './stdio-guard.js';
import type { ConnectorRuntime } from '../runtime/runtime.js';
import type { ProgressUpdate } from '../runtime/types.js';

export interface CreateMcpServerOptions {
  /**
   * Resource subscriptions. `true` (stdio): 2025-era resources/subscribe, and the 2026 era's
   * subscriptions/listen (served by the SDK's entry, see serveStdio). `'listen'` (stateless HTTP):
   * subscriptions/listen only, since a 2025-era request has no stream to notify on afterwards.
   */
  subscriptions?: boolean | 'listen';
}

let nextSubscriber = 0;

export function createMcpServer(runtime: ConnectorRuntime, options: CreateMcpServerOptions = {}): Server {
  const { connector } = runtime;
  const resources = runtime.servesResources;
  const subscribe = resources && options.subscriptions !== undefined && options.subscriptions !== false;
  const server = new Server(
    { name: packageNameOf(connector), title: connector.title, version: connector.version },
    { capabilities: { tools: {}, ...(resources ? { resources: subscribe ? { subscribe: true } : {} } : {}) }, instructions: connector.description },
  );
  // Our descriptors are plain JSON Schema objects; the SDK's type is stricter than what it sends.
  server.setRequestHandler('tools/list', async () => {
    // Tools known only at run time (opted in): listed once loaded.
    await runtime.ready();
    // Once the client knows the tools it is about to call one: get the first call's one-off work done now.
    setImmediate(() => void runtime.warmUp());
    return { tools: runtime.listTools() as never };
  });
  server.setRequestHandler('tools/call', async (request, ctx) => {
    const token = ctx.mcpReq._meta?.progressToken;
    const onProgress =
      token === undefined
        ? undefined
        : (update: ProgressUpdate) =>
            void ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, ...update } }).catch(() => undefined);
    const result = await runtime.callTool(request.params.name, request.params.arguments ?? {}, ctx.mcpReq.signal, onProgress);
    return result as unknown as Record<string, unknown> & { content: [] };
  });
  if (resources) serveResources(server, runtime);
  if (subscribe) serveSubscriptions(server, runtime, options.subscriptions === 'listen' ? undefined : `connection:${++nextSubscriber}`);
  return server;
}

/**
 * 2025 era: resources/subscribe and unsubscribe, answered with notifications/resources/updated.
 * Without a `subscriber` (stateless HTTP) a subscription is refused: nothing could be delivered.
 */
function serveSubscriptions(server: Server, runtime: ConnectorRuntime, subscriber: string | undefined): void {
  server.setRequestHandler('resources/subscribe', async (request) => {
    const { uri } = request.params;
    if (!runtime.hasResource(uri)) throw new ResourceNotFoundError(uri, `No resource at ${uri}.`);
    if (!subscriber) {
      throw new ProtocolError(
        ProtocolErrorCode.InvalidRequest,
        'resources/subscribe needs a connection that stays open: over HTTP use subscriptions/listen (protocol 2026-07-28), or run the server over stdio.',
      );
    }
    runtime.resourceWatcher.subscribe(uri, subscriber, (changed) => notifyUpdated(server, changed));
    return {};
  });
  server.setRequestHandler('resources/unsubscribe', async (request) => {
    if (subscriber) runtime.resourceWatcher.unsubscribe(request.params.uri, subscriber);
    return {};
  });
}

function notifyUpdated(server: Server | undefined, uri: string): void {
  void server?.sendResourceUpdated({ uri }).catch(() => undefined);
}

/**
 * 2026-07-28 era: the SDK's stdio entry answers subscriptions/listen itself and routes our
 * notifications/resources/updated to the subscriptions that asked for that URI. It never tells the
 * server which URIs those are, so the server watches the requests go by: a listen starts polling
 * its resources, its notifications/cancelled stops it.
 */
function listenTap(runtime: ConnectorRuntime, current: () => Server | undefined): (message: Record<string, unknown>) => void {
  return (message) => {
    const uris = listenedUris(message);
    if (uris && message.id !== undefined) {
      runtime.resourceWatcher.subscribeAll(uris, `listen:${JSON.stringify(message.id)}`, (changed) => notifyUpdated(current(), changed));
    } else if (message.method === 'notifications/cancelled') {
      const requestId = (message.params as { requestId?: unknown } | undefined)?.requestId;
      if (requestId !== undefined) runtime.resourceWatcher.unsubscribeAll(`listen:${JSON.stringify(requestId)}`);
    }
  };
}

/** The resource URIs a subscriptions/listen request names, or undefined for any other message. */
function listenedUris(message: unknown): string[] | undefined {
  const request = message as { method?: unknown; params?: { notifications?: { resourceSubscriptions?: unknown } } } | null;
  if (request?.method !== 'subscriptions/listen') return undefined;
  const uris = request.params?.notifications?.resourceSubscriptions;
  return Array.isArray(uris) ? uris.filter((uri): uri is string => typeof uri === 'string') : [];
}

/**
 * resources/list, resources/templates/list and resources/read. A read that fails answers a
 * JSON-RPC error: an unknown URI is the SDK's resource-not-found (-32602 with `data.uri`), bad
 * variables are -32602, anything else -32603; `data` carries our normalised error.
 */
function serveResources(server: Server, runtime: ConnectorRuntime): void {
  server.setRequestHandler('resources/list', async () => ({ resources: runtime.listResources() }));
  server.setRequestHandler('resources/templates/list', async () => ({ resourceTemplates: runtime.listResourceTemplates() }));
  server.setRequestHandler('resources/read', async (request, ctx) => {
    const read = await runtime.readResource(request.params.uri, ctx.mcpReq.signal);
    if (read.ok) return { contents: [{ uri: read.uri, mimeType: read.mimeType, text: read.text }] };
    if (read.unknown) throw new ResourceNotFoundError(read.uri, `${read.error.message} ${read.error.hint ?? ''}`.trim());
    throw new ProtocolError(read.error.code === 'invalid_input' ? ProtocolErrorCode.InvalidParams : ProtocolErrorCode.InternalError, read.error.message, {
      uri: read.uri,
      error: read.error,
    });
  });
}

export async function serveStdio(runtime: ConnectorRuntime): Promise<void> {
  const reply = (message: Record<string, unknown>) => void process.stdout.write(`${JSON.stringify(message)}\n`);
  let current: Server | undefined;
  const guarded = process.stdin.pipe(
    guardStdin(
      reply,
      (m) => runtime.log.warn(m),
      undefined,
      listenTap(runtime, () => current),
    ),
  );
  const transport = new StdioServerTransport(guarded, process.stdout);
  // The SDK's stdio entry picks the protocol era from the client's opening message: 2025-era
  // clients (initialize) and 2026-07-28 clients (server/discover) each get a server from the
  // factory. A hand-wired Server + transport would answer the 2025 era only.
  serveSdkStdio(() => (current = createMcpServer(runtime, { subscriptions: true })), {
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
  runtime.stopWatching();
}

/**
 * Streamable HTTP, stateless: every request gets a fresh server over the same runtime, behind the
 * front door of http-server.ts (Host/Origin checks, bearer token, body limit, health endpoints).
 */
export async function serveHttp(runtime: ConnectorRuntime, options: HttpServerOptions): Promise<RunningHttpServer> {
  const { listenHttp } = await import('./http-server.js');
  const handler = createMcpHandler(() => createMcpServer(runtime, { subscriptions: 'listen' }));
  runtime.redactor.add(options.token);
  const server = await listenHttp(withListenTap(runtime, handler), { notReady: async () => runtime.notReady(), ...options }, runtime.log);
  runtime.log.info(`${connector(runtime)} serving Streamable HTTP on ${server.url}${options.token ? ' (bearer token required)' : ''}`);
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await handler.close();
      runtime.stopWatching();
    },
  };
}

/**
 * Over HTTP, a subscriptions/listen request is one long-lived response (SSE) that the SDK's
 * handler serves; changes reach it through `handler.notify`. The server sees the request go by to
 * poll its resources, and stops when that response ends or its client goes away.
 */
function withListenTap(runtime: ConnectorRuntime, handler: ReturnType<typeof createMcpHandler>): (request: Request) => Promise<Response> {
  return async (request) => {
    const uris =
      request.method === 'POST'
        ? listenedUris(
            await request
              .clone()
              .json()
              .catch(() => undefined),
          )
        : undefined;
    if (!uris) return handler.fetch(request);
    const subscriber = `listen:${randomUUID()}`;
    const stop = () => runtime.resourceWatcher.unsubscribeAll(subscriber);
    runtime.resourceWatcher.subscribeAll(uris, subscriber, (changed) => handler.notify.resourceUpdated(changed));
    request.signal.addEventListener('abort', stop, { once: true });
    let response: Response;
    try {
      response = await handler.fetch(request);
    } catch (error) {
      stop();
      throw error;
    }
    if (!response.body) {
      stop();
      return response;
    }
    return new Response(response.body.pipeThrough(new TransformStream({ flush: stop })), response);
  };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

function connector(runtime: ConnectorRuntime): string {
  return `${packageNameOf(runtime.connector)}@${runtime.connector.version}`;
}
