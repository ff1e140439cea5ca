// A fake of Coconut's hosted MCP server on 127.0.0.1, built with the MCP SDK: Streamable HTTP in the
// 2025 era (sessions) or the 2026-07-28 era (stateless), the 14 tools with a scope each, and an
// OAuth 2.1 authorization server (PKCE S256, dynamic registration, client metadata documents,
// refresh-token rotation, short-lived access tokens).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpHandler, McpServer, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import { z } from '@connectors/contract';

export const SCOPES: Record<string, string> = {
  coconuts_list: 'coconuts:read',
  coconuts_health_list: 'health:read',
  tasks_list: 'tasks:read',
  tasks_get: 'tasks:read',
  tasks_create: 'tasks:write',
  task_update: 'tasks:write',
  knowledge_search: 'knowledge:read',
  knowledge_get: 'knowledge:read',
  knowledge_create: 'knowledge:write',
  knowledge_update: 'knowledge:write',
  context_get: 'context:read',
  jobs_list: 'jobs:read',
  jobs_get: 'jobs:read',
  connectors_catalog_list: 'connectors:read',
};
export const ALL_SCOPES = [...new Set(Object.values(SCOPES))];

export interface FakeCoconutOptions {
  era?: '2025' | '2026';
  /** Access token lifetime in seconds (default 3600). */
  tokenTtl?: number;
  /** Offer client metadata documents (their JSON, by URL); dynamic registration is offered unless `noRegistration`. */
  metadataDocuments?: Record<string, { client_id: string; redirect_uris: string[]; client_name?: string }>;
  noRegistration?: boolean;
}

interface Grant {
  scopes: string[];
  expiresAt: number;
}

export interface FakeCoconut {
  url: string;
  origin: string;
  /** Every request the server got: method, path, the JSON-RPC method and tool, and the bearer token. */
  requests: { method: string; path: string; rpc?: string; tool?: string; token?: string }[];
  /** Mints a token directly (what COCONUT_TOKEN would hold). */
  issueToken(scopes: string[], ttlSeconds?: number): string;
  /** Answers every MCP request with this status until cleared (429 with Retry-After, 503 ...). */
  failWith(status: number | undefined, headers?: Record<string, string>): void;
  /** Holds every MCP answer back this long (0: answer at once). */
  hang(ms: number): void;
  /** Forgets every session (a restart behind the same URL). */
  dropSessions(): void;
  /** Expires every access token now. */
  expireTokens(): void;
  tasks: Map<string, Record<string, unknown>>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const COCONUTS = [
  { id: 'cn_01J9ZK4M2Q', name: 'Platform', status: 'running', region: 'eu-west-1' },
  { id: 'cn_01J9ZK7T5W', name: 'Marketing Site', status: 'running', region: 'us-east-1' },
  { id: 'cn_01J9ZKA1B3', name: 'Sandbox', status: 'stopped', region: 'us-east-1' },
  { id: 'cn_01J9ZKC9D8', name: 'Sandbox', status: 'running', region: 'eu-west-1' },
];

export async function startFakeCoconut(options: FakeCoconutOptions = {}, port = 0): Promise<FakeCoconut> {
  const era = options.era ?? '2026';
  const tokens = new Map<string, Grant>();
  const refreshTokens = new Map<string, { clientId: string; scopes: string[] }>();
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; scopes: string[]; resource: string | null }>();
  const clients = new Map<string, { redirect_uris: string[] }>();
  const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();
  const tasks = new Map<string, Record<string, unknown>>([
    [
      'tsk_101',
      {
        id: 'tsk_101',
        coconutId: 'cn_01J9ZK4M2Q',
        title: 'Rotate the staging database password',
        status: 'open',
        priority: 'high',
        updatedAt: '2026-11-30T09:12:00Z',
      },
    ],
    [
      'tsk_102',
      {
        id: 'tsk_102',
        coconutId: 'cn_01J9ZK4M2Q',
        title: 'Write the incident review',
        status: 'in_progress',
        priority: 'medium',
        updatedAt: '2026-12-01T16:40:00Z',
      },
    ],
  ]);
  const knowledge = new Map<string, Record<string, unknown>>([
    [
      'kn_runbook',
      {
        id: 'kn_runbook',
        coconutId: 'cn_01J9ZK4M2Q',
        title: 'Deploy runbook',
        filename: 'Deploy-runbook.md',
        content: '# Deploy\n1. Merge to main\n2. Watch the pipeline',
        updatedAt: '2026-11-20T10:00:00Z',
      },
    ],
  ]);
  let failure: { status: number; headers: Record<string, string> } | undefined;
  let hangMs = 0;
  const requests: FakeCoconut['requests'] = [];
  let origin = '';

  const mcpServer = () => {
    const server = new McpServer({ name: 'coconut', version: '2026.11.0' });
    const id = z.string().min(1);
    const coconut = (coconutId: string) => {
      const found = COCONUTS.find((c) => c.id === coconutId);
      if (!found) throw new Error(`Coconut ${coconutId} not found`);
      return found;
    };
    const text = (data: unknown) => ({ content: [{ type: 'text' as const, text: JSON.stringify(data) }] });
    const fail = (message: string) => ({ content: [{ type: 'text' as const, text: message }], isError: true });
    const guard = (fn: () => unknown) => {
      try {
        return text(fn());
      } catch (error) {
        return fail((error as Error).message);
      }
    };
    server.registerTool('coconuts_list', { description: 'List Coconut instances.', inputSchema: z.object({ cursor: z.string().optional() }) }, async () =>
      text({ coconuts: COCONUTS }),
    );
    server.registerTool('coconuts_health_list', { description: 'Health and latency of Coconut instances.', inputSchema: z.object({}) }, async () =>
      text({ coconuts: COCONUTS.map((c) => ({ id: c.id, name: c.name, healthy: c.status === 'running', latencyMs: c.status === 'running' ? 42 : null })) }),
    );
    server.registerTool(
      'tasks_list',
      {
        description: 'List tasks.',
        inputSchema: z.object({ coconutId: id, status: z.string().optional(), limit: z.number().int().optional(), cursor: z.string().optional() }),
      },
      async ({ coconutId, status, limit, cursor }) =>
        guard(() => {
          coconut(coconutId);
          const all = [...tasks.values()].filter((t) => t.coconutId === coconutId && (!status || t.status === status));
          const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0;
          const page = all.slice(start, start + (limit ?? 20));
          const next = start + page.length < all.length ? Buffer.from(String(start + page.length)).toString('base64url') : undefined;
          return { tasks: page, ...(next ? { nextCursor: next } : {}) };
        }),
    );
    server.registerTool('tasks_get', { description: 'Get a task.', inputSchema: z.object({ coconutId: id, taskId: id }) }, async ({ coconutId, taskId }) =>
      guard(() => {
        coconut(coconutId);
        const task = tasks.get(taskId);
        if (!task || task.coconutId !== coconutId) throw new Error(`Task ${taskId} not found`);
        return { task };
      }),
    );
    server.registerTool(
      'tasks_create',
      {
        description: 'Create a task.',
        inputSchema: z.object({
          coconutId: id,
          title: z.string().min(1),
          description: z.string().optional(),
          priority: z.string().optional(),
          status: z.string().optional(),
        }),
      },
      async ({ coconutId, ...fields }) =>
        guard(() => {
          if (coconut(coconutId).status !== 'running') throw new Error(`Coconut ${coconutId} is stopped; you cannot modify it`);
          const task = { id: `tsk_${100 + tasks.size + 1}`, coconutId, status: 'open', ...fields, updatedAt: new Date().toISOString() };
          tasks.set(task.id, task);
          return { task };
        }),
    );
    server.registerTool(
      'task_update',
      {
        description: 'Update a task.',
        inputSchema: z.object({
          coconutId: id,
          taskId: id,
          title: z.string().optional(),
          description: z.string().optional(),
          priority: z.string().optional(),
          status: z.string().optional(),
        }),
      },
      async ({ coconutId, taskId, ...fields }) =>
        guard(() => {
          const task = tasks.get(taskId);
          if (!task || task.coconutId !== coconutId) throw new Error(`Task ${taskId} not found`);
          Object.assign(task, fields, { updatedAt: new Date().toISOString() });
          return { task };
        }),
    );
    server.registerTool(
      'knowledge_search',
      { description: 'Search knowledge.', inputSchema: z.object({ coconutId: id, query: z.string(), limit: z.number().int().optional() }) },
      async ({ coconutId, query, limit }) =>
        guard(() => {
          coconut(coconutId);
          const hits = [...knowledge.values()].filter((d) => d.coconutId === coconutId && JSON.stringify(d).toLowerCase().includes(query.toLowerCase()));
          return { results: hits.slice(0, limit ?? 10).map(({ content, ...doc }) => ({ ...doc, snippet: String(content).slice(0, 80) })) };
        }),
    );
    server.registerTool(
      'knowledge_get',
      { description: 'Get a knowledge document.', inputSchema: z.object({ coconutId: id, documentId: id }) },
      async ({ coconutId, documentId }) =>
        guard(() => {
          const doc = knowledge.get(documentId);
          if (!doc || doc.coconutId !== coconutId) throw new Error(`Knowledge document ${documentId} not found`);
          return { document: doc };
        }),
    );
    server.registerTool(
      'knowledge_create',
      {
        description: 'Create a knowledge document.',
        inputSchema: z.object({ coconutId: id, title: z.string().min(1), content: z.string(), filename: z.string().optional() }),
      },
      async ({ coconutId, title, content, filename }) =>
        guard(() => {
          coconut(coconutId);
          const doc = {
            id: `kn_${randomUUID().slice(0, 8)}`,
            coconutId,
            title,
            content,
            filename: `${(filename ?? title).replace(/\.md$/, '').replace(/\s+/g, '-')}.md`,
            updatedAt: new Date().toISOString(),
          };
          knowledge.set(doc.id, doc);
          return { document: doc };
        }),
    );
    server.registerTool(
      'knowledge_update',
      {
        description: 'Update a knowledge document.',
        inputSchema: z.object({ coconutId: id, documentId: id, title: z.string().optional(), content: z.string().optional() }),
      },
      async ({ coconutId, documentId, ...fields }) =>
        guard(() => {
          const doc = knowledge.get(documentId);
          if (!doc || doc.coconutId !== coconutId) throw new Error(`Knowledge document ${documentId} not found`);
          Object.assign(doc, fields, { updatedAt: new Date().toISOString() });
          return { document: doc };
        }),
    );
    server.registerTool('context_get', { description: 'Get context.', inputSchema: z.object({ coconutId: id }) }, async ({ coconutId }) =>
      guard(() => ({
        coconutId: coconut(coconutId).id,
        documents: [{ name: 'project.md', level: 'project', content: 'TypeScript monorepo; pnpm; deploy on merge.' }],
      })),
    );
    server.registerTool(
      'jobs_list',
      { description: 'List jobs.', inputSchema: z.object({ coconutId: id, limit: z.number().int().optional(), cursor: z.string().optional() }) },
      async ({ coconutId }) =>
        guard(() => ({
          jobs: [{ id: 'job_nightly', coconutId: coconut(coconutId).id, name: 'Nightly dependency update', schedule: '0 3 * * *', lastRunStatus: 'succeeded' }],
        })),
    );
    server.registerTool('jobs_get', { description: 'Get a job.', inputSchema: z.object({ coconutId: id, jobId: id }) }, async ({ coconutId, jobId }) =>
      guard(() => {
        coconut(coconutId);
        if (jobId !== 'job_nightly') throw new Error(`Job ${jobId} not found`);
        return {
          job: {
            id: jobId,
            coconutId,
            name: 'Nightly dependency update',
            schedule: '0 3 * * *',
            lastRunStatus: 'succeeded',
            runs: [{ id: 'run_1', status: 'succeeded', startedAt: '2026-12-02T03:00:00Z' }],
          },
        };
      }),
    );
    server.registerTool(
      'connectors_catalog_list',
      { description: 'List connectors.', inputSchema: z.object({ query: z.string().optional(), cursor: z.string().optional() }) },
      async ({ query }) =>
        text({
          connectors: [
            { id: 'github', name: 'GitHub', category: 'code' },
            { id: 'linear', name: 'Linear', category: 'issues' },
          ].filter((c) => !query || c.name.toLowerCase().includes(query.toLowerCase())),
        }),
    );
    // Not in the connector's mapping: never served unless opted in.
    server.registerTool('admin_purge', { description: 'Deletes everything.', inputSchema: z.object({}) }, async () => text({ purged: true }));
    return server;
  };

  const modern = createMcpHandler(() => mcpServer(), { legacy: 'reject' });

  const legacy = async (request: Request): Promise<Response> => {
    const sessionId = request.headers.get('mcp-session-id');
    if (sessionId) {
      const transport = sessions.get(sessionId);
      if (!transport) return Response.json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }, { status: 404 });
      return transport.handleRequest(request);
    }
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: true,
      onsessioninitialized: (id) => void sessions.set(id, transport),
    });
    await mcpServer().connect(transport);
    return transport.handleRequest(request);
  };

  const challenge = (status: number, extra = '') => ({
    status,
    headers: {
      'www-authenticate': `Bearer resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"${extra}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ error: status === 401 ? 'invalid_token' : 'insufficient_scope' }),
  });

  const handleMcp = async (
    req: IncomingMessage,
    body: string,
  ): Promise<{ status: number; headers: Record<string, string>; body: string | null } | Response> => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const grant = token ? tokens.get(token) : undefined;
    let rpc: { method?: string; params?: { name?: string } } | undefined;
    try {
      rpc = body ? JSON.parse(body) : undefined;
    } catch {
      rpc = undefined;
    }
    requests.push({
      method: req.method!,
      path: req.url!,
      ...(rpc?.method ? { rpc: rpc.method } : {}),
      ...(rpc?.params?.name ? { tool: rpc.params.name } : {}),
      ...(token ? { token } : {}),
    });
    if (hangMs) await new Promise((resolve) => setTimeout(resolve, hangMs));
    if (!grant || grant.expiresAt <= Date.now()) return challenge(401, ', error="invalid_token"');
    if (failure)
      return { status: failure.status, headers: { 'content-type': 'application/json', ...failure.headers }, body: JSON.stringify({ error: 'failure' }) };
    const needed = rpc?.method === 'tools/call' && rpc.params?.name ? SCOPES[rpc.params.name] : undefined;
    if (needed && !grant.scopes.includes(needed)) return challenge(403, `, error="insufficient_scope", scope="${needed}"`);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(key, value);
    const request = new Request(`${origin}${req.url}`, { method: req.method!, headers, ...(req.method === 'POST' ? { body } : {}) });
    return era === '2025' ? legacy(request) : modern.fetch(request);
  };

  const issue = (scopes: string[], ttl = options.tokenTtl ?? 3600) => {
    const token = `cnt_${randomBytes(12).toString('hex')}`;
    tokens.set(token, { scopes, expiresAt: Date.now() + ttl * 1000 });
    return token;
  };

  const oauthRoute = async (
    req: IncomingMessage,
    url: URL,
    body: string,
  ): Promise<{ status: number; headers: Record<string, string>; body: string | null } | undefined> => {
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => ({
      status,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(value),
    });
    if (url.pathname.startsWith('/.well-known/oauth-protected-resource')) {
      return json(200, { resource: `${origin}/mcp`, authorization_servers: [origin], scopes_supported: ALL_SCOPES, bearer_methods_supported: ['header'] });
    }
    if (url.pathname === '/.well-known/oauth-authorization-server') {
      return json(200, {
        issuer: origin,
        authorization_endpoint: `${origin}/authorize`,
        token_endpoint: `${origin}/token`,
        revocation_endpoint: `${origin}/revoke`,
        ...(options.noRegistration ? {} : { registration_endpoint: `${origin}/register` }),
        ...(options.metadataDocuments ? { client_id_metadata_document_supported: true } : {}),
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        scopes_supported: ALL_SCOPES,
      });
    }
    if (url.pathname === '/register' && req.method === 'POST' && !options.noRegistration) {
      const metadata = JSON.parse(body) as { redirect_uris?: string[] };
      if (!metadata.redirect_uris?.length) return json(400, { error: 'invalid_redirect_uri' });
      const clientId = `dyn_${randomBytes(6).toString('hex')}`;
      clients.set(clientId, { redirect_uris: metadata.redirect_uris });
      return json(201, { ...metadata, client_id: clientId, client_id_issued_at: Math.floor(Date.now() / 1000) });
    }
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      const clientId = q.get('client_id') ?? '';
      const redirectUri = q.get('redirect_uri') ?? '';
      const document = options.metadataDocuments?.[clientId];
      const client = document ?? clients.get(clientId);
      // Loopback redirect URIs match with any port (RFC 8252 §7.3).
      const loose = (uri: string) => uri.replace(/^(http:\/\/127\.0\.0\.1):\d+/, '$1');
      if (!client?.redirect_uris.some((uri) => loose(uri) === loose(redirectUri))) return json(400, { error: 'invalid_client' });
      if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge'))
        return json(400, { error: 'invalid_request', error_description: 'PKCE S256 required' });
      const code = randomBytes(10).toString('hex');
      const scopes = (q.get('scope') ?? '').split(' ').filter((s) => ALL_SCOPES.includes(s));
      codes.set(code, { clientId, redirectUri, challenge: q.get('code_challenge')!, scopes, resource: q.get('resource') });
      const target = new URL(redirectUri);
      target.searchParams.set('code', code);
      target.searchParams.set('state', q.get('state') ?? '');
      target.searchParams.set('iss', origin);
      return { status: 302, headers: { location: target.toString() }, body: null };
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') === 'authorization_code') {
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (!grant || grant.clientId !== form.get('client_id') || grant.redirectUri !== form.get('redirect_uri')) return json(400, { error: 'invalid_grant' });
        if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge)
          return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
        if (grant.resource !== `${origin}/mcp` || form.get('resource') !== `${origin}/mcp`) return json(400, { error: 'invalid_target' });
        const refresh = `cnr_${randomBytes(12).toString('hex')}`;
        refreshTokens.set(refresh, { clientId: grant.clientId, scopes: grant.scopes });
        return json(200, {
          access_token: issue(grant.scopes),
          token_type: 'Bearer',
          expires_in: options.tokenTtl ?? 3600,
          refresh_token: refresh,
          scope: grant.scopes.join(' '),
        });
      }
      if (form.get('grant_type') === 'refresh_token') {
        const old = refreshTokens.get(form.get('refresh_token') ?? '');
        if (!old || old.clientId !== form.get('client_id')) return json(400, { error: 'invalid_grant' });
        refreshTokens.delete(form.get('refresh_token')!);
        const refresh = `cnr_${randomBytes(12).toString('hex')}`;
        refreshTokens.set(refresh, old);
        return json(200, {
          access_token: issue(old.scopes),
          token_type: 'Bearer',
          expires_in: options.tokenTtl ?? 3600,
          refresh_token: refresh,
          scope: old.scopes.join(' '),
        });
      }
      return json(400, { error: 'unsupported_grant_type' });
    }
    if (url.pathname === '/revoke' && req.method === 'POST') {
      refreshTokens.delete(new URLSearchParams(body).get('token') ?? '');
      return { status: 200, headers: {}, body: '' };
    }
    return undefined;
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    // A client that hangs up before the answer (a cancel in the stateless era).
    res.on('close', () => {
      if (!res.writableEnded) requests.push({ method: req.method!, path: req.url!, rpc: '(hung up)' });
    });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/mcp') requests.push({ method: req.method!, path: url.pathname });
    try {
      const answer =
        url.pathname === '/mcp' ? await handleMcp(req, body) : ((await oauthRoute(req, url, body)) ?? { status: 404, headers: {}, body: 'not found' });
      if (answer instanceof Response) {
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(Buffer.from(await answer.arrayBuffer()));
      } else {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body ?? undefined);
      }
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  };

  let server: Server | undefined;
  let boundPort = port;
  const fake: FakeCoconut = {
    url: '',
    origin: '',
    requests,
    tasks,
    issueToken: issue,
    failWith: (status, headers = {}) => {
      failure = status === undefined ? undefined : { status, headers };
    },
    hang: (ms) => {
      hangMs = ms;
    },
    dropSessions: () => sessions.clear(),
    expireTokens: () => {
      for (const grant of tokens.values()) grant.expiresAt = 0;
    },
    start: async () => {
      server = createServer((req, res) => void handler(req, res));
      await new Promise<void>((resolve) => server!.listen(boundPort, '127.0.0.1', resolve));
      boundPort = (server.address() as AddressInfo).port;
      origin = `http://127.0.0.1:${boundPort}`;
      fake.origin = origin;
      fake.url = `${origin}/mcp`;
    },
    stop: async () => {
      sessions.clear();
      if (!server) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    },
  };
  await fake.start();
  return fake;
}
