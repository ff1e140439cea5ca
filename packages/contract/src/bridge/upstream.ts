import type { CallToolResult, Client } from '@modelcontextprotocol/client';
import { currentCallScope, outsideCallScope, UNKNOWN_OUTCOME_HINT } from '../core/call-scope.js';
import { ConnectorError, isConnectorError } from '../core/errors.js';
import type { HttpClient } from '../http/client.js';
import type { Logger } from '../core/logger.js';
import { protocolError } from './errors.js';

export interface UpstreamOptions {
  /** The hosted server's Streamable HTTP endpoint. */
  url: string;
  /** Vendor name for messages. */
  vendor: string;
  /** The runtime's HTTP client for the upstream origin: it adds the token, times out, retries reads and normalises failures. */
  http: HttpClient;
  /** Who we are to the upstream (its initialize / discover sees this). */
  clientInfo: { name: string; version: string };
  /** Upstream tools that only read: a call to one may be sent again after a transient failure. Any other is a write, never sent twice. */
  reads: ReadonlySet<string>;
  log: Logger;
}

/** Messages that run nothing on the upstream: safe to send again, and answered with a status the SDK reads itself. */
const HANDSHAKE = new Set(['initialize', 'server/discover', 'notifications/initialized', 'ping', 'tools/list']);

/**
 * One MCP client session with a hosted MCP server over Streamable HTTP, opened on first use and
 * opened again after the upstream restarts or drops the session. Every POST goes through the
 * runtime's HttpClient, so a bridged tool gets the same timeouts, retries, cancel, rate-limit and
 * error normalisation as any vendor request, and the token only ever goes to the upstream's origin.
 */
export class McpUpstream {
  private connecting: Promise<Client> | undefined;
  private active: Client | undefined;
  private readonly options: UpstreamOptions;

  constructor(options: UpstreamOptions) {
    this.options = options;
  }

  /** Calls an upstream tool: a read is repeated after a transient failure, a write never is (its outcome is then unknown). */
  callTool(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
    return this.inSession(
      async (client) => (await client.callTool({ name, arguments: args }, this.requestOptions())) as CallToolResult,
      !this.options.reads.has(name),
    );
  }

  /** The upstream's tools (health compares them with the mapping; the opt-in toolset serves the others). */
  listTools(): Promise<{ name: string; title?: string; description?: string; inputSchema: unknown; annotations?: Record<string, unknown> }[]> {
    return this.inSession(async (client) => (await client.listTools(undefined, this.requestOptions())).tools, false);
  }

  /**
   * Runs a request in the session. If the upstream forgot it (it restarted, or expired it) or the
   * client had closed, nothing ran: a new session is opened and the request sent again, once. A
   * cancel or a timeout leaves the session as it was.
   */
  private async inSession<T>(request: (client: Client) => Promise<T>, write: boolean): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const client = await this.client();
      try {
        return await request(client);
      } catch (error) {
        if (attempt === 0 && sessionGone(error)) {
          this.reset(client);
          continue;
        }
        throw normalise(error, this.options.vendor, write);
      }
    }
  }

  /** Loads the MCP client SDK and builds its protocol schemas before the first call needs them; sends nothing. */
  async warmUp(): Promise<void> {
    (await import('@modelcontextprotocol/client')).preloadSchemas();
  }

  /** The protocol era the session negotiated, once connected. */
  async era(): Promise<string | undefined> {
    return (await this.client()).getNegotiatedProtocolVersion?.();
  }

  private requestOptions() {
    const scope = currentCallScope();
    // The SDK's own timeout is a backstop past the call's deadline: the runtime's ends the call first, and knows whether a write went out.
    return scope ? { signal: scope.signal, timeout: Math.max(1, scope.deadline - Date.now()) + 1_000 } : {};
  }

  private client(): Promise<Client> {
    this.connecting ??= this.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw normalise(error, this.options.vendor);
    });
    return this.connecting;
  }

  /** Drops this session, unless a concurrent call already replaced it. */
  private reset(client: Client): void {
    void client.close().catch(() => undefined);
    if (this.active === client) {
      this.active = undefined;
      this.connecting = undefined;
    }
  }

  private async connect(): Promise<Client> {
    const { Client, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
    const transport = new StreamableHTTPClientTransport(new URL(this.options.url), { fetch: (url, init) => this.fetch(url, init) });
    // Both eras: a 2026-07-28 server is found by server/discover, anything else gets the 2025 initialize.
    const client = new Client(this.options.clientInfo, { capabilities: {}, versionNegotiation: { mode: 'auto' } });
    client.onerror = (error) => this.options.log.debug(`${this.options.vendor} MCP: ${error.message}`);
    await client.connect(transport, this.requestOptions());
    this.active = client;
    return client;
  }

  /**
   * The transport's fetch. A POST goes through the HttpClient, which adds the auth header, refreshes
   * a token on 401, and maps failures to our errors; statuses the SDK must read itself (a legacy
   * server refusing server/discover, a lost session) are handed back to it. Streams the upstream
   * opens (GET) are not used by a bridge and are declined without a request.
   */
  private async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const method = (init.method ?? 'GET').toUpperCase();
    if (method === 'GET') return new Response(null, { status: 405 });
    const target = new URL(url);
    if (target.origin !== new URL(this.options.url).origin) {
      throw new ConnectorError('upstream_error', `${this.options.vendor} sent the MCP client to another origin (${target.origin}); the request was not made.`);
    }
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      if (key !== 'authorization') headers[key] = value;
    });
    const body = typeof init.body === 'string' ? init.body : undefined;
    const message = parseMessage(body);
    // A cancelled call's notifications/cancelled is sent after the call's own signal fired: outside it, so it arrives.
    if (message?.method === 'notifications/cancelled') return outsideCallScope(() => this.send(method, target, headers, body, true, false));
    const handshake = method !== 'POST' || (message !== undefined && HANDSHAKE.has(message.method));
    const safe = handshake || (message?.method === 'tools/call' && message.tool !== undefined && this.options.reads.has(message.tool));
    return this.send(method, target, headers, body, handshake, safe, init.signal ?? undefined);
  }

  private async send(
    method: string,
    target: URL,
    headers: Record<string, string>,
    body: string | undefined,
    handshake: boolean,
    safe: boolean,
    signal?: AbortSignal,
  ): Promise<Response> {
    const response = await this.options.http.request<unknown>({
      method: method as 'POST' | 'DELETE',
      path: target.toString(),
      ...(body !== undefined ? { body } : {}),
      headers,
      idempotent: safe,
      // The SDK reads these itself: 404 is a lost session, 400/405 a legacy answer to server/discover.
      acceptStatus: handshake ? [400, 404, 405] : [404],
      ...(signal ? { signal } : {}),
    });
    const data = response.data;
    const text = data === undefined ? null : typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : JSON.stringify(data);
    return new Response(response.status === 202 || response.status === 204 ? null : text, { status: response.status, headers: response.headers });
  }
}

/** The JSON-RPC method of a POST body, and the tool a tools/call names. */
function parseMessage(body: string | undefined): { method: string; tool?: string } | undefined {
  if (!body) return undefined;
  try {
    const message = JSON.parse(body) as { method?: unknown; params?: { name?: unknown } };
    if (typeof message.method !== 'string') return undefined;
    return typeof message.params?.name === 'string' ? { method: message.method, tool: message.params.name } : { method: message.method };
  } catch {
    return undefined;
  }
}

/** The session is gone and the request was not run: a 404 on it (MCP's "session expired"), or a client that had closed. */
function sessionGone(error: unknown): boolean {
  const { code, data, status } = (error ?? {}) as { code?: unknown; status?: unknown; data?: { status?: unknown } };
  return (data?.status ?? status) === 404 || code === 'NOT_CONNECTED';
}

/** Our error for whatever the SDK or the HttpClient threw; the first ConnectorError in the cause chain wins. */
function normalise(error: unknown, vendor: string, write = false): ConnectorError {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    if (isConnectorError(cause)) return cause;
  }
  const normalised = protocolError(error, vendor);
  // A write whose answer never came may have been applied.
  if (write && (normalised.code === 'timeout' || normalised.code === 'network_error')) {
    return new ConnectorError(normalised.code, normalised.message, { outcomeUnknown: true, hint: UNKNOWN_OUTCOME_HINT, cause: error });
  }
  return normalised;
}
