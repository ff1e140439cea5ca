// defineBridge against a small hosted MCP server on 127.0.0.1 (the server SDK, 2026-07-28 era):
// the mapping, retries of reads only, the token's origin, and the upstream's refusals.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bearerChallenge, classifyUpstreamHttp, protocolError } from '../src/bridge/errors.js';
import { ConnectorRuntime } from '../src/server.js';
import { defineBridge, inputs, type Envelope } from '../src/index.js';

interface Upstream {
  url: string;
  calls: string[];
  /** Statuses to answer the next POSTs with, one each, before answering normally. */
  failures: { status: number; headers?: Record<string, string> }[];
  tokens: string[];
  close(): Promise<void>;
}

async function startUpstream(): Promise<Upstream> {
  const state = { calls: [] as string[], failures: [] as Upstream['failures'], tokens: [] as string[] };
  const handler = createMcpHandler(() => {
    const server = new McpServer({ name: 'acme', version: '1.0.0' });
    server.registerTool('notes_list', { description: 'List notes.', inputSchema: z.object({ folder: z.string() }) }, async ({ folder }) => {
      state.calls.push(`notes_list ${folder}`);
      return { content: [{ type: 'text', text: JSON.stringify({ notes: [{ id: 'n1', folder }] }) }] };
    });
    server.registerTool('notes_add', { description: 'Add a note.', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => {
      state.calls.push(`notes_add ${text}`);
      return { content: [{ type: 'text', text: JSON.stringify({ note: { id: 'n2', text } }) }], structuredContent: { note: { id: 'n2', text } } };
    });
    return server;
  });
  const http: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    state.tokens.push(req.headers.authorization ?? '');
    const failure = state.failures.shift();
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end('{"error":"failure"}');
      return;
    }
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(key, value);
    const response = await handler.fetch(
      new Request(`http://127.0.0.1${req.url}`, { method: req.method!, headers, ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}) }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
  return {
    url,
    ...state,
    close: () => {
      http.closeAllConnections();
      return new Promise((resolve) => http.close(() => resolve()));
    },
  };
}

const acme = defineBridge({
  id: 'acme',
  title: 'Acme',
  version: '1.0.0',
  description: 'Acme notes.',
  toolsets: { notes: 'Notes.' },
  upstream: { url: 'https://mcp.acme.example/mcp', env: { url: 'ACME_MCP_URL', token: 'ACME_TOKEN', scopes: 'ACME_SCOPES' } },
  tools: [
    {
      upstream: 'notes_list',
      action: 'list_notes',
      title: 'List notes',
      description: 'Notes in a folder.',
      toolset: 'notes',
      access: 'read',
      scope: 'notes:read',
      input: z.object({ folder: z.string().min(1).max(50) }),
      output: z.object({ notes: z.array(z.object({ id: z.string(), folder: z.string() })) }),
      examples: [{ folder: 'inbox' }],
      project: (data: { notes: { id: string; folder: string }[] }) => ({ notes: data.notes }),
    },
    {
      upstream: 'notes_add',
      action: 'add_note',
      title: 'Add a note',
      description: 'Adds a note.',
      toolset: 'notes',
      access: 'write',
      scope: 'notes:write',
      input: z.object({ text: z.string().min(1).max(500), idempotencyKey: inputs.idempotencyKey() }),
      output: z.object({ note: z.object({ id: z.string(), text: z.string() }) }),
      examples: [{ text: 'hello' }],
      args: (input) => ({ text: String(input.text).trim() }),
    },
  ],
});

const TOKEN = 'acme_token_canary_5c2e';
let upstream: Upstream;
beforeEach(async () => {
  upstream = await startUpstream();
});
afterEach(() => upstream.close());

const runtime = (env: Record<string, string> = {}) =>
  new ConnectorRuntime(acme, { env: { ACME_MCP_URL: upstream.url, ACME_TOKEN: TOKEN, ...env }, sleep: async () => undefined, logWrite: () => undefined });
const call = async (r: ConnectorRuntime, tool: string, args: Record<string, unknown>): Promise<Envelope> =>
  (await r.callTool(`acme_${tool}`, args)).structuredContent;

describe('defineBridge', () => {
  it('declares the URL, token and scope variables, an opt-in toolset for unmapped tools, and a discovered OAuth login per host', () => {
    expect(Object.keys(acme.config)).toEqual(['ACME_MCP_URL', 'ACME_TOKEN', 'ACME_SCOPES']);
    expect(acme.config.ACME_TOKEN!.secret).toBe(true);
    expect(acme.config.ACME_MCP_URL!.default).toBe('https://mcp.acme.example/mcp');
    expect(acme.optInToolsets).toEqual(['upstream']);
    expect(acme.oauth?.discover?.clientName).toContain('Acme');
    expect(acme.oauth?.loginKey?.({ ACME_MCP_URL: 'http://127.0.0.1:8080/mcp' })).toBe('127.0.0.1-8080');
    expect(typeof acme.oauth?.scopes === 'function' && acme.oauth.scopes({ config: {}, readOnly: true })).toEqual(['notes:read']);
  });

  it('sends the mapped call with the token, and answers our envelope with the projection', async () => {
    const envelope = await call(runtime(), 'list_notes', { folder: 'inbox' });
    expect(envelope).toMatchObject({ ok: true, data: { notes: [{ id: 'n1', folder: 'inbox' }] } });
    expect(upstream.calls).toEqual(['notes_list inbox']);
    expect(upstream.tokens.every((t) => t === `Bearer ${TOKEN}`)).toBe(true);
    expect(JSON.stringify(envelope)).not.toContain(TOKEN);
    const added = await call(runtime(), 'add_note', { text: '  hi  ' });
    expect(added).toMatchObject({ ok: true, data: { note: { text: 'hi' } } });
  });

  it('repeats a read after a 503, never a write', async () => {
    const r = runtime();
    await call(r, 'list_notes', { folder: 'a' });
    upstream.failures.push({ status: 503 });
    expect(await call(r, 'list_notes', { folder: 'b' })).toMatchObject({ ok: true });
    upstream.failures.push({ status: 503 });
    const write = await call(r, 'add_note', { text: 'once' });
    expect(write).toMatchObject({ ok: false, error: { code: 'upstream_unavailable', retryable: false } });
    expect(upstream.calls.filter((c) => c.startsWith('notes_add'))).toHaveLength(0);
  });

  it('does not follow a redirect: the token never goes to another origin', async () => {
    const other = await startUpstream();
    try {
      upstream.failures.push({ status: 307, headers: { location: other.url } });
      const envelope = await call(runtime(), 'list_notes', { folder: 'a' });
      expect(envelope).toMatchObject({ ok: false, error: { code: 'upstream_error' } });
      expect(other.tokens).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('refuses bad input and tools outside the granted scopes with no request', async () => {
    expect(await call(runtime(), 'list_notes', { folder: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(runtime(), 'list_notes', { folder: 'a', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const scoped = runtime({ ACME_SCOPES: 'notes:read' });
    expect(scoped.toolNames()).toEqual(['acme_health', 'acme_list_notes']);
    expect(await call(scoped, 'add_note', { text: 'x' })).toMatchObject({ ok: false, error: { code: 'not_permitted' } });
    expect(upstream.tokens).toHaveLength(0);
  });

  it('health reports the auth mode, the upstream protocol and its tools', async () => {
    const envelope = await call(runtime(), 'health', {});
    expect(envelope).toMatchObject({
      ok: true,
      data: { status: 'ok', authMode: 'bearer token (ACME_TOKEN)', upstream: { protocol: '2026-07-28', tools: 2, unmapped: 0 } },
    });
  });
});

describe('upstream refusals', () => {
  const hints = { signIn: () => 'Run `x auth login`.' };
  const response = (status: number, challenge: string) => ({ status, headers: new Headers({ 'www-authenticate': challenge }), body: undefined });

  it('reads a Bearer challenge with quoted and bare values', () => {
    expect(
      bearerChallenge('Bearer error="insufficient_scope", scope="tasks:write tasks:read", resource_metadata="https://x/.well-known/oauth-protected-resource"'),
    ).toEqual({
      error: 'insufficient_scope',
      scope: 'tasks:write tasks:read',
      resource_metadata: 'https://x/.well-known/oauth-protected-resource',
    });
    expect(bearerChallenge('Bearer realm=acme, error=invalid_token')).toEqual({ realm: 'acme', error: 'invalid_token' });
    expect(bearerChallenge('Basic realm="x"')).toEqual({});
  });

  it('names the missing scope of a 403, and how to sign in on a 401', () => {
    expect(classifyUpstreamHttp(response(403, 'Bearer error="insufficient_scope", scope="notes:write"'), 'Acme', hints)).toMatchObject({
      code: 'forbidden',
      vendorCode: 'insufficient_scope',
      message: expect.stringContaining('"notes:write"'),
    });
    expect(classifyUpstreamHttp(response(401, 'Bearer error="invalid_token", error_description="expired"'), 'Acme', hints)).toMatchObject({
      message: 'Acme refused the credentials (expired).',
      hint: 'Run `x auth login`.',
    });
    expect(classifyUpstreamHttp(response(403, 'Bearer'), 'Acme', hints)).toBeUndefined();
  });

  it('maps JSON-RPC and SDK failures to our codes', () => {
    expect(protocolError({ code: -32602, message: 'bad' }, 'Acme').code).toBe('invalid_input');
    expect(protocolError({ code: 'REQUEST_TIMEOUT', message: 'slow' }, 'Acme').code).toBe('timeout');
    expect(protocolError({ code: 'CONNECTION_CLOSED', message: 'gone' }, 'Acme').code).toBe('network_error');
    expect(protocolError({ code: 'X', message: 'odd', data: { status: 404 } }, 'Acme').code).toBe('not_found');
  });
});
