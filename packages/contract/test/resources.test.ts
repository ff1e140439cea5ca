// Resources: URI templates declared next to the tools, each read through one read tool. The
// matching and the definition checks on their own, then the runtime, then real SDK clients of both
// protocol eras over Streamable HTTP (the vendor behind it is nock).
import { Client as ClientV2, StreamableHTTPClientTransport as HttpV2 } from '@modelcontextprotocol/client';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError, defineConnector, resourceUri, type ResourceDefinition } from '../src/index.js';
import { ConnectorRuntime, serveHttp } from '../src/server.js';
import { compileResource } from '../src/definition/resources.js';
import { CANARY_TOKEN, NOTES_URL, configuredEnv, notesConnector } from './support/notes-connector.js';

const noteResource: ResourceDefinition = { uri: 'notes://note/{id}', name: 'note', title: 'Note', description: 'One note, with its body.', tool: 'get_note' };
const latestResource: ResourceDefinition = {
  uri: 'notes://latest',
  name: 'latest',
  title: 'Latest notes',
  description: 'The five newest notes.',
  tool: 'list_notes',
  args: { limit: 5 },
};
// A variable that is not an input as it is: mapped, and checked, by a function.
const keyedResource: ResourceDefinition = {
  uri: 'notes://key/{key}',
  name: 'keyed',
  title: 'Note by key',
  description: 'One note, by its key (n and digits).',
  tool: 'get_note',
  args: ({ key }) => {
    if (!/^n\d+$/.test(key!)) throw new ConnectorError('invalid_input', `"${key}" is not a note key (n and digits).`);
    return { id: key };
  },
};
const withResources = { ...notesConnector, resources: [noteResource, latestResource, keyedResource] };

describe('compileResource', () => {
  const note = compileResource(noteResource);

  it('matches a URI and percent-decodes each variable', () => {
    expect(note.variables).toEqual(['id']);
    expect(note.match('notes://note/n1')).toEqual({ id: 'n1' });
    expect(note.match('notes://note/a%2Fb%20c')).toEqual({ id: 'a/b c' });
    expect(resourceUri(noteResource, { id: 'a/b c' })).toBe('notes://note/a%2Fb%20c');
  });

  it('matches nothing else: another scheme or path, an extra or empty segment, broken escapes', () => {
    for (const uri of ['other://note/n1', 'notes://notes/n1', 'notes://note/n1/extra', 'notes://note/', 'notes://note/%E0%A4%A'])
      expect(note.match(uri)).toBeUndefined();
    expect(compileResource(latestResource).match('notes://latest')).toEqual({});
  });

  it.each([
    [{ uri: 'note/{id}' }, /must start with a scheme/],
    [{ uri: 'notes://note/x{id}' }, /a variable must be a whole path segment/],
    [{ uri: 'notes://{id}/{id}' }, /names \{id\} twice/],
  ])('refuses %j', (change, message) => {
    expect(() => compileResource({ ...noteResource, ...change })).toThrow(message);
  });
});

describe('defineConnector checks each resource against its tool', () => {
  it.each([
    [{ tool: 'create_note' }, /reads through "create_note", which is not a read tool/],
    [{ tool: 'nope' }, /not a read tool/],
    [{ uri: 'notes://note/{noteId}' }, /"noteId" is not an input of "get_note"/],
    [{ uri: 'notes://all' }, /leaves "id", a required input of "get_note", unset/],
    [{ name: 'Note' }, /must be snake_case/],
  ])('refuses %j', (change, message) => {
    expect(() => defineConnector({ ...notesConnector, resources: [{ ...noteResource, ...change }] })).toThrow(message);
  });

  it('refuses a watch through a write tool', () => {
    expect(() => defineConnector({ ...notesConnector, resources: [{ ...noteResource, watch: { tool: 'create_note', args: () => ({}) } }] })).toThrow(
      /watched through "create_note", which is not a read tool/,
    );
  });

  it('refuses two resources of one name', () => {
    expect(() => defineConnector({ ...notesConnector, resources: [noteResource, { ...latestResource, name: 'note' }] })).toThrow(/declared twice/);
  });
});

describe('ConnectorRuntime resources', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());
  const runtime = new ConnectorRuntime(defineConnector(withResources), { env: configuredEnv, logLevel: 'silent' });

  it('lists fixed resources and templates, as JSON', () => {
    expect(runtime.listResources()).toEqual([
      { uri: 'notes://latest', name: 'latest', title: 'Latest notes', description: 'The five newest notes.', mimeType: 'application/json' },
    ]);
    expect(runtime.listResourceTemplates().map((r) => r.uriTemplate)).toEqual(['notes://note/{id}', 'notes://key/{key}']);
    expect(runtime.listResourceTemplates()[0]).toEqual({
      uriTemplate: 'notes://note/{id}',
      name: 'note',
      title: 'Note',
      description: 'One note, with its body.',
      mimeType: 'application/json',
    });
  });

  it('reads through the tool: the same request, the same envelope', async () => {
    const vendor = nock(NOTES_URL, { reqheaders: { authorization: `Bearer ${CANARY_TOKEN}` } })
      .get('/v1/notes/n%2F1')
      .reply(200, { id: 'n/1', title: 'Groceries', body: 'milk', extra: 'dropped' });
    const read = await runtime.readResource('notes://note/n%2F1');
    expect(vendor.isDone()).toBe(true);
    expect(read).toMatchObject({ ok: true, uri: 'notes://note/n%2F1', mimeType: 'application/json' });
    expect(JSON.parse((read as { text: string }).text)).toMatchObject({
      ok: true,
      data: { id: 'n/1', title: 'Groceries', body: 'milk' },
      meta: { requestId: expect.any(String) },
    });
  });

  it('passes the fixed arguments', async () => {
    const vendor = nock(NOTES_URL)
      .get('/v1/notes')
      .query({ page_size: '5' })
      .reply(200, { items: [{ id: 'n1', title: 'A' }], next: null });
    const read = await runtime.readResource('notes://latest');
    expect(vendor.isDone()).toBe(true);
    expect(JSON.parse((read as { text: string }).text).data).toEqual([{ id: 'n1', title: 'A' }]);
  });

  it('maps variables with a function, whose refusal is the error and sends nothing', async () => {
    const vendor = nock(NOTES_URL).get('/v1/notes/n7').reply(200, { id: 'n7', title: 'Seven', body: '7' });
    expect(await runtime.readResource('notes://key/n7')).toMatchObject({ ok: true });
    expect(vendor.isDone()).toBe(true);
    expect(await runtime.readResource("notes://key/x'1")).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: `"x'1" is not a note key (n and digits).` },
    });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('polls through the cheaper read it watches, while resources/read reads the resource', async () => {
    const watched = new ConnectorRuntime(
      defineConnector({ ...notesConnector, resources: [{ ...noteResource, watch: { tool: 'list_notes', args: () => ({ limit: 1 }) } }] }),
      { env: configuredEnv, logLevel: 'silent' },
    );
    const list = nock(NOTES_URL)
      .get('/v1/notes')
      .query({ page_size: '1' })
      .reply(200, { items: [{ id: 'n1', title: 'A' }], next: null });
    expect(await watched.pollResource('notes://note/n1')).toMatchObject({ ok: true });
    expect(list.isDone()).toBe(true);
    const one = nock(NOTES_URL).get('/v1/notes/n1').reply(200, { id: 'n1', title: 'A', body: 'b' });
    expect(await watched.readResource('notes://note/n1')).toMatchObject({ ok: true });
    expect(one.isDone()).toBe(true);
    // Without a watch, a poll is a read.
    const read = nock(NOTES_URL).get('/v1/notes/n1').reply(200, { id: 'n1', title: 'A', body: 'b' });
    expect(await runtime.pollResource('notes://note/n1')).toMatchObject({ ok: true });
    expect(read.isDone()).toBe(true);
  });

  it('answers a vendor failure with the normalised error, and an unknown URI with not_found naming the resources', async () => {
    nock(NOTES_URL)
      .get('/v1/notes/gone')
      .reply(404, { error: { code: 'note_missing', message: 'No such note' } });
    expect(await runtime.readResource('notes://note/gone')).toMatchObject({ ok: false, error: { code: 'not_found', vendorCode: 'note_missing' } });
    expect(await runtime.readResource('notes://elsewhere')).toEqual({
      ok: false,
      uri: 'notes://elsewhere',
      unknown: true,
      error: expect.objectContaining({
        code: 'not_found',
        message: 'No resource at notes://elsewhere.',
        hint: 'Resources: notes://latest, notes://note/{id}, notes://key/{key}.',
      }),
    });
  });

  it('is gated with its tool: not listed, not read, and no request made', async () => {
    const gated = new ConnectorRuntime(defineConnector(withResources), { env: configuredEnv, logLevel: 'silent', gating: { excludeTools: ['get_note'] } });
    expect(gated.listResourceTemplates()).toEqual([]);
    expect(gated.listResources().map((r) => r.uri)).toEqual(['notes://latest']);
    expect(await gated.readResource('notes://note/n1')).toMatchObject({ ok: false, unknown: true });
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('resources over Streamable HTTP, both protocol eras', () => {
  let server: Awaited<ReturnType<typeof serveHttp>>;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    server = await serveHttp(new ConnectorRuntime(defineConnector(withResources), { env: configuredEnv, logLevel: 'silent' }), { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it.each([
    ['2025-era (initialize)', 'legacy' as const],
    ['2026-07-28 (negotiated)', 'auto' as const],
  ])('%s: lists, reads, and answers JSON-RPC errors', async (_label, mode) => {
    const client = new ClientV2({ name: 'contract-resources-test', version: '2.0.0' }, { versionNegotiation: { mode } });
    await client.connect(new HttpV2(new URL(server.url)));
    try {
      expect(client.getServerCapabilities()?.resources).toBeDefined();
      expect((await client.listResources()).resources.map((r) => r.uri)).toEqual(['notes://latest']);
      expect((await client.listResourceTemplates()).resourceTemplates.map((r) => r.uriTemplate)).toEqual(['notes://note/{id}', 'notes://key/{key}']);

      nock(NOTES_URL).get('/v1/notes/n1').reply(200, { id: 'n1', title: 'Groceries', body: 'milk' });
      const read = await client.readResource({ uri: 'notes://note/n1' });
      expect(read.contents).toHaveLength(1);
      expect(read.contents[0]).toMatchObject({ uri: 'notes://note/n1', mimeType: 'application/json' });
      expect(JSON.parse((read.contents[0] as { text: string }).text)).toMatchObject({ ok: true, data: { id: 'n1', body: 'milk' } });

      await expect(client.readResource({ uri: 'notes://nowhere' })).rejects.toMatchObject({ code: -32602, data: { uri: 'notes://nowhere' } });
      await expect(client.readResource({ uri: 'notes://key/bad' })).rejects.toMatchObject({
        code: -32602,
        data: { uri: 'notes://key/bad', error: { code: 'invalid_input' } },
      });
      nock(NOTES_URL)
        .get('/v1/notes/n2')
        .reply(401, { error: { code: 'bad_token', message: 'Token revoked' } });
      await expect(client.readResource({ uri: 'notes://note/n2' })).rejects.toMatchObject({
        code: -32603,
        data: { uri: 'notes://note/n2', error: { code: 'unauthorized', vendorCode: 'bad_token' } },
      });
    } finally {
      await client.close();
    }
  });

  it('a connector without resources does not advertise them', async () => {
    const plain = await serveHttp(new ConnectorRuntime(notesConnector, { env: configuredEnv, logLevel: 'silent' }), { port: 0, host: '127.0.0.1' });
    const client = new ClientV2({ name: 'contract-resources-test', version: '2.0.0' });
    try {
      await client.connect(new HttpV2(new URL(plain.url)));
      expect(client.getServerCapabilities()?.resources).toBeUndefined();
    } finally {
      await client.close();
      await plain.close();
    }
  });
});
