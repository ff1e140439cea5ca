import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ConnectorRuntime } from '../src/server.js';
import { envelopeSchema, z } from '../src/index.js';
import { CANARY_TOKEN, NOTES_URL, notesConnector } from './support/notes-connector.js';
import { envelopeOf, failure, notesRuntime, success, useNock } from './support/runtime.js';

useNock();

describe('tools/list descriptors', () => {
  it('lists health first, then the connector tools, each with schemas and annotations', () => {
    const { runtime } = notesRuntime();
    const tools = runtime.listTools();
    expect(tools.map((t) => t.name)).toEqual(['notes_health', 'notes_list_notes', 'notes_get_note', 'notes_create_note', 'notes_delete_note']);
    for (const tool of tools) {
      expect(tool.description.length).toBeGreaterThan(0);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.inputSchema).not.toHaveProperty('$schema');
      expect(tool.outputSchema).toMatchObject({ type: 'object', required: ['ok', 'meta'] });
    }
  });

  it('describes inputs as the caller writes them: defaults are optional', () => {
    const { runtime } = notesRuntime();
    const list = runtime.listTools().find((t) => t.name === 'notes_list_notes')!;
    expect(list.inputSchema).toMatchObject({
      type: 'object',
      properties: { limit: { type: 'integer', default: 10, maximum: 50 }, cursor: { type: 'string' }, fields: { type: 'array' } },
    });
    expect(list.inputSchema.required ?? []).toEqual([]);
    const create = runtime.listTools().find((t) => t.name === 'notes_create_note')!;
    expect(create.inputSchema.required).toEqual(['title']);
  });

  it('wraps the data schema in the envelope schema, covering success and error', () => {
    const { runtime } = notesRuntime();
    const get = runtime.listTools().find((t) => t.name === 'notes_get_note')!;
    const properties = get.outputSchema.properties as Record<string, Record<string, unknown>>;
    expect(properties.ok).toEqual({ type: 'boolean' });
    expect(properties.data).toMatchObject({ type: 'object', required: ['id', 'title', 'body'] });
    expect(properties.meta).toEqual({ type: 'object' });
    expect(properties.error).toMatchObject({ type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } });
    expect(get.outputSchema.required).toEqual(['ok', 'meta']);
    // Repeated on every tool in tools/list: the wrapper around `data` stays small.
    const wrapper = JSON.stringify({ ...get.outputSchema, properties: { ...properties, data: {} } });
    expect(wrapper.length).toBeLessThan(400);
  });
});

describe('a successful call', () => {
  it('sends the vendor request and answers the envelope as structuredContent and identical JSON text', async () => {
    const scope = nock(NOTES_URL, { reqheaders: { authorization: `Bearer ${CANARY_TOKEN}` } })
      .get('/v1/notes/n%2F1')
      .reply(200, { id: 'n/1', title: 'Groceries', body: 'milk', internal: 'not projected' });
    const { runtime } = notesRuntime();
    const result = await runtime.callTool('notes_get_note', { id: 'n/1' });
    expect(scope.isDone()).toBe(true);
    const envelope = success(result);
    expect(envelope.data).toEqual({ id: 'n/1', title: 'Groceries', body: 'milk' });
    expect(envelope.meta.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(envelope.meta.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.content[0]!.text).not.toMatch(/\n/); // compact JSON
    expect(envelopeSchema(notesConnector.tools[1]!.output).safeParse(envelope).success).toBe(true);
  });

  it('gives every call its own requestId', async () => {
    const { runtime } = notesRuntime();
    const a = success(await runtime.callTool('notes_health', {}));
    const b = success(await runtime.callTool('notes_health', {}));
    nock.cleanAll();
    expect(a.meta.requestId).not.toBe(b.meta.requestId);
  });

  it.each([undefined, null])('treats %j arguments as an empty object', async (args) => {
    nock(NOTES_URL).get('/v1/notes').query({ page_size: '10' }).reply(200, { items: [], next: null });
    const { runtime } = notesRuntime();
    expect(success(await runtime.callTool('notes_list_notes', args)).data).toEqual([]);
  });
});

describe('invalid input', () => {
  it.each([
    ['a wrong type', { title: 42 }, /title: .*expected string/],
    ['a missing required field', {}, /title: /],
    ['an unknown argument', { title: 'x', color: 'red' }, /Unknown argument: color/],
    ['several unknown arguments', { title: 'x', color: 'red', size: 2 }, /Unknown arguments: color, size/],
    ['a bad idempotencyKey', { title: 'x', idempotencyKey: 'no spaces allowed' }, /idempotencyKey/],
  ])('answers invalid_input for %s and sends no request', async (_what, args, message) => {
    const scope = nock(NOTES_URL).post('/v1/notes').reply(201, { id: 'n1', title: 'x' });
    const { runtime } = notesRuntime();
    const error = failure(await runtime.callTool('notes_create_note', args));
    expect(error.error.code).toBe('invalid_input');
    expect(error.error.retryable).toBe(false);
    expect(error.error.message).toMatch(message);
    expect(error.error.hint).toBeTruthy();
    expect(scope.isDone()).toBe(false);
  });

  it('names the accepted arguments when one is unknown', async () => {
    const { runtime } = notesRuntime();
    const error = failure(await runtime.callTool('notes_get_note', { id: 'n1', idd: 'n1' }));
    expect(error.error.hint).toBe('Accepted: id.');
  });

  it.each([[['a']], ['text'], [7]])('rejects arguments that are not an object (%j)', async (args) => {
    const { runtime } = notesRuntime();
    const error = failure(await runtime.callTool('notes_get_note', args));
    expect(error.error).toMatchObject({ code: 'invalid_input', message: 'Arguments must be a JSON object.' });
  });

  it('answers invalid_input for an unknown tool, listing the available ones', async () => {
    const { runtime } = notesRuntime();
    const error = failure(await runtime.callTool('notes_frobnicate', {}));
    expect(error.error.code).toBe('invalid_input');
    expect(error.error.message).toBe('Unknown tool "notes_frobnicate".');
    expect(error.error.hint).toContain('notes_list_notes');
  });
});

describe('missing configuration', () => {
  it('still lists every tool', () => {
    const { runtime } = notesRuntime({ env: {} });
    expect(runtime.listTools()).toHaveLength(5);
  });

  it('answers not_configured naming the variable to set, and sends nothing', async () => {
    const scope = nock(NOTES_URL).get(/.*/).reply(200, {});
    const { runtime } = notesRuntime({ env: { NOTES_API_TOKEN: '   ' } });
    const error = failure(await runtime.callTool('notes_list_notes', {}));
    expect(error.error.code).toBe('not_configured');
    expect(error.error.message).toContain('NOTES_API_TOKEN');
    expect(error.error.hint).toMatch(/environment variables/);
    expect(scope.isDone()).toBe(false);
  });

  it('reports an invalid value with the reason, never the value', async () => {
    const { runtime } = notesRuntime({ env: { NOTES_API_TOKEN: CANARY_TOKEN, NOTES_API_URL: 'ftp://files.example/secret-path' } });
    const error = failure(await runtime.callTool('notes_list_notes', {}));
    expect(error.error.code).toBe('not_configured');
    expect(error.error.message).toContain('NOTES_API_URL must be an http(s) URL');
    expect(JSON.stringify(error)).not.toContain('secret-path');
  });

  it('validates input before configuration, so the model can fix its arguments first', async () => {
    const { runtime } = notesRuntime({ env: {} });
    expect(failure(await runtime.callTool('notes_get_note', {})).error.code).toBe('invalid_input');
  });
});

describe('vendor errors', () => {
  it('maps the status to a code and keeps the vendor code and message', async () => {
    nock(NOTES_URL)
      .get('/v1/notes/n9')
      .reply(404, { error: { code: 'note_missing', message: 'No note n9.' } });
    const { runtime } = notesRuntime();
    const error = failure(await runtime.callTool('notes_get_note', { id: 'n9' }));
    expect(error.error).toEqual({
      code: 'not_found',
      message: 'Notes answered 404: No note n9.',
      retryable: false,
      vendorCode: 'note_missing',
      hint: expect.stringMatching(/Check the id/),
    });
  });

  it('turns a handler bug into upstream_error and logs it with the stack', async () => {
    const broken = {
      ...notesConnector,
      tools: [
        {
          ...notesConnector.tools[0]!,
          handler: async () => {
            throw new TypeError('cannot read x of undefined');
          },
        },
      ],
    };
    const { runtime, logs } = notesRuntime({}, broken);
    const error = failure(await runtime.callTool('notes_list_notes', {}));
    expect(error.error).toMatchObject({ code: 'upstream_error', message: 'Unexpected failure: cannot read x of undefined', retryable: false });
    expect(logs.join('')).toMatch(/error: notes_list_notes failed: Unexpected failure.*TypeError/s);
  });

  it('answers upstream_error, not a result clients would reject, when data breaks the output schema', async () => {
    const list = notesConnector.tools[0]!;
    const drifted = { ...notesConnector, tools: [{ ...list, handler: async () => ({ data: [{ id: 7, title: null }] }) }] };
    const { runtime, logs } = notesRuntime({}, drifted);
    const error = failure(await runtime.callTool('notes_list_notes', {}));
    expect(error.error.code).toBe('upstream_error');
    expect(error.error.message).toMatch(/did not have the shape this tool returns \(0\.id: .*\)/);
    expect(logs.join('')).toMatch(/error: notes_list_notes failed/);
    nock(NOTES_URL).get('/v1/notes').query(true).reply(200, { items: [], next: null });
    expect(success(await notesRuntime().runtime.callTool('notes_list_notes', {})).data).toEqual([]);
  });

  it('does not log expected failures as errors', async () => {
    nock(NOTES_URL).get('/v1/notes/n9').reply(404, {});
    const { runtime, logs } = notesRuntime();
    failure(await runtime.callTool('notes_get_note', { id: 'n9' }));
    expect(logs.filter((line) => line.includes(' error: '))).toEqual([]);
  });
});

describe('meta.rateLimit', () => {
  it('is filled from the vendor hook on success', async () => {
    nock(NOTES_URL).get('/v1/notes/n1').reply(200, { id: 'n1', title: 'a', body: 'b' }, { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '97' });
    const { runtime } = notesRuntime();
    const envelope = success(await runtime.callTool('notes_get_note', { id: 'n1' }));
    expect(envelope.meta.rateLimit).toEqual({ limit: 100, remaining: 97, resetAt: '2030-01-01T00:00:00.000Z' });
  });

  it('is filled on errors too, and absent when the vendor sends no headers', async () => {
    nock(NOTES_URL).get('/v1/notes/n1').reply(403, {}, { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0' });
    const first = notesRuntime().runtime;
    expect(failure(await first.callTool('notes_get_note', { id: 'n1' })).meta.rateLimit).toMatchObject({ remaining: 0 });

    nock(NOTES_URL).get('/v1/notes/n1').reply(200, { id: 'n1', title: 'a', body: 'b' });
    const second = notesRuntime().runtime;
    expect(success(await second.callTool('notes_get_note', { id: 'n1' })).meta).not.toHaveProperty('rateLimit');
  });

  it('is not repeated on a later call that made no vendor request', async () => {
    nock(NOTES_URL).get('/v1/notes/n1').reply(200, { id: 'n1', title: 'a', body: 'b' }, { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '97' });
    const { runtime } = notesRuntime();
    expect(success(await runtime.callTool('notes_get_note', { id: 'n1' })).meta.rateLimit).toMatchObject({ remaining: 97 });
    expect(failure(await runtime.callTool('notes_get_note', { id: '' })).meta).not.toHaveProperty('rateLimit');
  });
});

describe('result size cap', () => {
  const items = Array.from({ length: 400 }, (_, i) => ({ id: `n${i}`, title: `Note number ${i} with a reasonably long title` }));

  it('cuts the largest list to fit and says so in warnings', async () => {
    nock(NOTES_URL).get('/v1/notes').query(true).reply(200, { items, next: 'p2' });
    const { runtime } = notesRuntime({ maxResultBytes: 5_000 });
    const result = await runtime.callTool('notes_list_notes', { limit: 50 });
    const envelope = success<unknown[]>(result);
    expect(Buffer.byteLength(result.content[0]!.text)).toBeLessThanOrEqual(5_000);
    expect(envelope.data.length).toBeGreaterThan(0);
    expect(envelope.data.length).toBeLessThan(400);
    expect(envelope.data[0]).toEqual(items[0]);
    expect(envelope.warnings).toEqual([expect.stringMatching(new RegExp(`^Returned ${envelope.data.length} of 400 items`))]);
    expect(envelope.nextCursor).toBeTruthy();
  });

  it('leaves results under the cap untouched', async () => {
    nock(NOTES_URL)
      .get('/v1/notes')
      .query(true)
      .reply(200, { items: items.slice(0, 3), next: null });
    const { runtime } = notesRuntime({ maxResultBytes: 5_000 });
    const envelope = success<unknown[]>(await runtime.callTool('notes_list_notes', {}));
    expect(envelope.data).toHaveLength(3);
    expect(envelope).not.toHaveProperty('warnings');
  });

  it('shortens long text when there is no list to cut', async () => {
    nock(NOTES_URL)
      .get('/v1/notes/n1')
      .reply(200, { id: 'n1', title: 'Long', body: 'x'.repeat(20_000) });
    const { runtime } = notesRuntime({ maxResultBytes: 3_000 });
    const result = await runtime.callTool('notes_get_note', { id: 'n1' });
    const envelope = success<{ body: string }>(result);
    expect(Buffer.byteLength(result.content[0]!.text)).toBeLessThanOrEqual(3_000);
    expect(envelope.data.body.endsWith('…')).toBe(true);
    expect(envelope.warnings).toEqual([expect.stringMatching(/Long text values were shortened/)]);
  });
});

describe('result size cap, last resort', () => {
  it('drops data that cannot be trimmed to fit, keeping the envelope valid and saying why', async () => {
    nock(NOTES_URL)
      .get('/v1/notes/n1')
      .reply(200, { id: 'i'.repeat(500), title: 't'.repeat(500), body: 'b'.repeat(5_000) });
    const { runtime } = notesRuntime({ maxResultBytes: 300 });
    const envelope = success(await runtime.callTool('notes_get_note', { id: 'n1' }));
    expect(envelope).not.toHaveProperty('data');
    expect(envelope.warnings).toEqual(['The result exceeded 300 bytes and was dropped; narrow the request.']);
  });
});

describe('secret redaction', () => {
  it('keeps the token out of results, errors and logs even when the vendor echoes it', async () => {
    nock(NOTES_URL)
      .get('/v1/notes/n1')
      .reply(200, { id: 'n1', title: `token is ${CANARY_TOKEN}`, body: `url-encoded: ${encodeURIComponent(CANARY_TOKEN)}` })
      .get('/v1/notes/n2')
      .reply(401, { error: { code: 'bad_token', message: `Token ${CANARY_TOKEN} is revoked` } });
    const broken = {
      ...notesConnector,
      tools: [
        ...notesConnector.tools,
        {
          ...notesConnector.tools[0]!,
          action: 'crash',
          handler: async () => {
            throw new Error(`crashed with ${CANARY_TOKEN}`);
          },
        },
      ],
    };
    const { runtime, logs } = notesRuntime({}, broken);
    const outputs = [
      await runtime.callTool('notes_get_note', { id: 'n1' }),
      await runtime.callTool('notes_get_note', { id: 'n2' }),
      await runtime.callTool('notes_crash', {}),
    ];
    const everything = JSON.stringify(outputs) + logs.join('');
    expect(everything).not.toContain(CANARY_TOKEN);
    expect(everything).not.toContain(encodeURIComponent(CANARY_TOKEN));
    expect(success(outputs[0]!).data).toMatchObject({ title: 'token is [REDACTED]' });
    expect(failure(outputs[1]!).error).toMatchObject({ code: 'unauthorized', message: 'Notes answered 401: Token [REDACTED] is revoked' });
    expect(logs.join('')).toContain('crashed with [REDACTED]');
  });

  it('redacts secrets the client registers at run time', async () => {
    const runtimeToken = 'canary-minted-at-runtime-000';
    const minting = {
      ...notesConnector,
      client: (values: Parameters<typeof notesConnector.client>[0], deps: Parameters<typeof notesConnector.client>[1]) => {
        deps.addSecret(runtimeToken);
        return notesConnector.client(values, deps);
      },
    };
    nock(NOTES_URL).get('/v1/notes/n1').reply(200, { id: 'n1', title: runtimeToken, body: '' });
    const { runtime } = notesRuntime({}, minting);
    expect(success(await runtime.callTool('notes_get_note', { id: 'n1' })).data).toMatchObject({ title: '[REDACTED]' });
  });

  it('leaves ordinary words after "basic" or "authorization" alone', async () => {
    nock(NOTES_URL).get('/v1/notes/n1').reply(200, { id: 'n1', title: 'Basic configuration guide', body: 'authorization required for payments' });
    const { runtime } = notesRuntime();
    expect(success(await runtime.callTool('notes_get_note', { id: 'n1' })).data).toEqual({
      id: 'n1',
      title: 'Basic configuration guide',
      body: 'authorization required for payments',
    });
  });

  it('redacts credentials a vendor echoes in an auth header it was not given', async () => {
    nock(NOTES_URL)
      .get('/v1/notes/n1')
      .reply(200, { id: 'n1', title: 'debug', body: 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl and Basic dXNlcjpwYXNzd29yZA==' });
    const { runtime } = notesRuntime();
    const body = success<{ body: string }>(await runtime.callTool('notes_get_note', { id: 'n1' })).data.body;
    expect(body).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(body).not.toContain('dXNlcjpwYXNzd29yZA');
  });
});

describe('cancellation', () => {
  it("hands the handler a signal that aborts with the caller's", async () => {
    let seen: AbortSignal | undefined;
    const controller = new AbortController();
    const probe = {
      ...notesConnector,
      tools: [
        { ...notesConnector.tools[0]!, handler: async (_: unknown, ctx: { signal: AbortSignal }) => ((seen = ctx.signal), controller.abort(), { data: [] }) },
      ],
    };
    const { runtime } = notesRuntime({}, probe);
    envelopeOf(await runtime.callTool('notes_list_notes', {}, controller.signal));
    expect(seen?.aborted).toBe(true);
  });
});

describe('construction', () => {
  it('does not need the environment to list tools (tools command, docs)', () => {
    expect(() => new ConnectorRuntime(notesConnector, { env: {}, logWrite: () => {} }).listTools()).not.toThrow();
  });

  it('validates that a connector schema is a zod object', () => {
    expect(z.object({}).shape).toEqual({});
  });
});
