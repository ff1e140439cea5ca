import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as HttpV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Client as ClientV2, StreamableHTTPClientTransport as HttpV2 } from '@modelcontextprotocol/client';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorRuntime, serveHttp } from '../src/server.js';
import { CANARY_TOKEN, NOTES_URL, configuredEnv, notesConnector } from './support/notes-connector.js';

// Streamable HTTP (stateless) on 127.0.0.1: the MCP traffic is real, the vendor behind it is nock.
let server: Awaited<ReturnType<typeof serveHttp>>;
const logs: string[] = [];

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  const runtime = new ConnectorRuntime(notesConnector, { env: configuredEnv, logWrite: (line) => logs.push(line) });
  server = await serveHttp(runtime, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server?.close();
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('serveHttp', () => {
  it('listens on the port it was given (0 = any free one) at /mcp on 127.0.0.1', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(server.url).not.toContain(':0/');
    expect(logs.join('')).toContain(`serving Streamable HTTP on ${server.url}`);
  });

  it('answers 404 with a pointer to /mcp on any other path', async () => {
    const response = await fetch(server.url.replace('/mcp', '/'));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('/mcp');
  });

  it.each([
    ['legacy (2025-era)', 'legacy' as const],
    ['negotiating (auto)', 'auto' as const],
  ])('serves a v2 client, %s: list and call', async (_label, mode) => {
    nock(NOTES_URL).get('/v1/notes/n1').reply(200, { id: 'n1', title: 'Groceries', body: 'milk' });
    const client = new ClientV2({ name: 'contract-http-test', version: '2.0.0' }, { versionNegotiation: { mode } });
    await client.connect(new HttpV2(new URL(server.url)));
    try {
      if (mode === 'auto') expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['notes_health', 'notes_list_notes', 'notes_get_note', 'notes_create_note', 'notes_delete_note']);
      expect(tools.find((t) => t.name === 'notes_delete_note')!.annotations).toMatchObject({ destructiveHint: true });
      const result = await client.callTool({ name: 'notes_get_note', arguments: { id: 'n1' } });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ ok: true, data: { id: 'n1', title: 'Groceries', body: 'milk' } });
      const invalid = await client.callTool({ name: 'notes_get_note', arguments: {} });
      expect(invalid).toMatchObject({ isError: true, structuredContent: { ok: false, error: { code: 'invalid_input' } } });
    } finally {
      await client.close();
    }
  });

  it('serves a v1 client: list and call', async () => {
    nock(NOTES_URL).post('/v1/notes', { title: 'Hardware' }).reply(201, { id: 'n2', title: 'Hardware' });
    const client = new ClientV1({ name: 'contract-http-test-v1', version: '1.0.0' });
    await client.connect(new HttpV1(new URL(server.url)));
    try {
      expect((await client.listTools()).tools).toHaveLength(5);
      const result = await client.callTool({ name: 'notes_create_note', arguments: { title: 'Hardware', idempotencyKey: 'hardware-0001' } });
      expect(result.structuredContent).toMatchObject({ ok: true, data: { id: 'n2', title: 'Hardware' } });
    } finally {
      await client.close();
    }
  });

  it('shares one runtime across stateless requests: an idempotency key replays across connections', async () => {
    const scope = nock(NOTES_URL).post('/v1/notes').once().reply(201, { id: 'n3', title: 'Once' });
    const call = async () => {
      const client = new ClientV2({ name: 'contract-http-test', version: '2.0.0' });
      await client.connect(new HttpV2(new URL(server.url)));
      try {
        return await client.callTool({ name: 'notes_create_note', arguments: { title: 'Once', idempotencyKey: 'once-only-0001' } });
      } finally {
        await client.close();
      }
    };
    await call();
    const second = await call();
    expect(second.structuredContent).toMatchObject({ ok: true, data: { id: 'n3' }, meta: { idempotentReplay: true } });
    expect(scope.isDone()).toBe(true);
  });

  it('returns an oversized result that clients validating the outputSchema still accept', async () => {
    const small = await serveHttp(new ConnectorRuntime(notesConnector, { env: configuredEnv, maxResultBytes: 300, logLevel: 'silent' }), {
      port: 0,
      host: '127.0.0.1',
    });
    nock(NOTES_URL)
      .get('/v1/notes/n1')
      .reply(200, { id: 'i'.repeat(500), title: 't'.repeat(500), body: 'b'.repeat(5_000) });
    const client = new ClientV2({ name: 'contract-http-test', version: '2.0.0' });
    try {
      await client.connect(new HttpV2(new URL(small.url)));
      await client.listTools(); // the client validates structuredContent against the listed outputSchema
      const result = await client.callTool({ name: 'notes_get_note', arguments: { id: 'n1' } });
      expect(result.structuredContent).toMatchObject({ ok: true, warnings: [expect.stringMatching(/dropped/)] });
    } finally {
      await client.close();
      await small.close();
    }
  });

  it('keeps the token out of everything it serves and logs', async () => {
    nock(NOTES_URL)
      .get('/v1/me')
      .reply(401, { error: { code: 'bad', message: `token ${CANARY_TOKEN} rejected` } });
    const client = new ClientV2({ name: 'contract-http-test', version: '2.0.0' });
    await client.connect(new HttpV2(new URL(server.url)));
    try {
      const result = await client.callTool({ name: 'notes_health', arguments: {} });
      expect(result.structuredContent).toMatchObject({ ok: true, data: { status: 'error', error: { code: 'unauthorized' } } });
      expect(JSON.stringify(result)).not.toContain(CANARY_TOKEN);
    } finally {
      await client.close();
    }
    expect(logs.join('')).not.toContain(CANARY_TOKEN);
  });
});
