import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Client as ClientV2 } from '@modelcontextprotocol/client';
import { StdioClientTransport as StdioV2 } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, FIXTURE_BIN } from './support/built.js';
import { startVendor } from './support/vendor-server.js';

// Protocol tests against the fixture connector's bin, spawned as an MCP client would spawn it,
// importing the built package: what a user runs, not the sources.
const CANARY = 'canary-echo-token-0000-not-real';
let vendor: Awaited<ReturnType<typeof startVendor>>;

beforeAll(async () => {
  assertBuilt();
  vendor = await startVendor();
});
afterAll(async () => {
  await vendor?.close();
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', ECHO_API_URL: vendor.url, ECHO_API_TOKEN: CANARY, ...extra };
}

const EXPECTED_TOOLS = ['echo_health', 'echo_echo', 'echo_get_item', 'echo_create_item'];
const MODERN = '2026-07-28';

describe.each([
  ['a v1 client (@modelcontextprotocol/sdk)', 'v1'],
  ['a v2 client (@modelcontextprotocol/client)', 'v2'],
  ['a v2 client pinned to the 2026-07-28 protocol', 'v2-modern'],
] as const)('%s over stdio', (_label, kind) => {
  let client: ClientV1 | ClientV2;
  let stderr = '';

  beforeAll(async () => {
    const params = { command: process.execPath, args: [FIXTURE_BIN, '--log-level', 'debug'], env: env(), stderr: 'pipe' as const };
    if (kind === 'v1') {
      const transport = new StdioV1(params);
      transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      client = new ClientV1({ name: 'contract-test-v1', version: '1.0.0' });
      await client.connect(transport);
    } else {
      const transport = new StdioV2(params);
      transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      client = new ClientV2({ name: 'contract-test-v2', version: '2.0.0' }, kind === 'v2-modern' ? { versionNegotiation: { mode: { pin: MODERN } } } : {});
      await client.connect(transport);
    }
  });
  afterAll(async () => {
    await client?.close();
  });

  it('sees the server identity and instructions', () => {
    expect(client.getServerVersion()).toMatchObject({ name: '@connectors/echo', version: '0.0.1' });
    expect(client.getInstructions()).toBe('Fixture connector for the contract protocol tests.');
    if (client instanceof ClientV2) expect(client.getNegotiatedProtocolVersion()).toBe(kind === 'v2-modern' ? MODERN : '2025-11-25');
  });

  it('lists the tools with schemas and annotations', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(EXPECTED_TOOLS);
    const getItem = tools.find((t) => t.name === 'echo_get_item')!;
    expect(getItem.inputSchema).toMatchObject({ type: 'object', properties: { id: { type: 'string' } }, required: ['id'] });
    expect(getItem.outputSchema).toMatchObject({ type: 'object', required: ['ok', 'meta'] });
    expect(getItem.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: true });
    expect(tools.find((t) => t.name === 'echo_create_item')!.annotations).toMatchObject({ readOnlyHint: false });
  });

  it('calls a tool and gets the envelope as structuredContent and as text', async () => {
    const result = await client.callTool({ name: 'echo_echo', arguments: { text: `hello from ${kind}` } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ ok: true, data: { text: `hello from ${kind}` }, meta: { requestId: expect.any(String) } });
    const content = result.content as { type: string; text: string }[];
    expect(JSON.parse(content[0]!.text)).toEqual(result.structuredContent);
  });

  it('calls a tool that reaches the vendor with the token', async () => {
    const before = vendor.requests.length;
    const result = await client.callTool({ name: 'echo_get_item', arguments: { id: `${kind}/1` } });
    expect(result.structuredContent).toMatchObject({ ok: true });
    expect((result.structuredContent as { data: unknown }).data).toEqual({ id: `${kind}/1`, name: `Item ${kind}/1` }); // projected
    expect(vendor.requests.slice(before)).toEqual([
      { method: 'GET', url: `/items/${encodeURIComponent(`${kind}/1`)}`, authorization: `Bearer ${CANARY}`, body: '' },
    ]);
  });

  it('gets tool errors as isError results that still validate against the outputSchema', async () => {
    const missing = await client.callTool({ name: 'echo_get_item', arguments: { id: 'missing' } });
    expect(missing.isError).toBe(true);
    expect(missing.structuredContent).toMatchObject({ ok: false, error: { code: 'not_found', message: 'Echo answered 404: No such item.' } });
    const invalid = await client.callTool({ name: 'echo_echo', arguments: { text: 5 } });
    expect(invalid.structuredContent).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('keeps the token out of stderr logs', () => {
    expect(stderr).toContain('serving on stdio');
    expect(stderr).not.toContain(CANARY);
  });
});

describe('a v2 client negotiating (auto)', () => {
  it('settles on the 2026-07-28 protocol and can call tools', async () => {
    const client = new ClientV2({ name: 'contract-test-v2', version: '2.0.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new StdioV2({ command: process.execPath, args: [FIXTURE_BIN], env: env(), stderr: 'ignore' }));
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe(MODERN);
      const result = await client.callTool({ name: 'echo_echo', arguments: { text: 'modern' } });
      expect(result.structuredContent).toMatchObject({ ok: true, data: { text: 'modern' } });
    } finally {
      await client.close();
    }
  });
});

/** Speaks raw JSON-RPC lines to the bin and records everything it writes. */
function spawnRaw(args: string[] = []) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [FIXTURE_BIN, ...args], { env: env(), stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  const waiters: { id: unknown; resolve: (message: Record<string, unknown>) => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const line of stdout.split('\n').slice(0, -1)) {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue; // asserted separately: every line must parse
      }
      for (const waiter of waiters.filter((w) => w.id === message.id)) waiter.resolve(message);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    write: (line: string) => child.stdin.write(`${line}\n`),
    send: (message: Record<string, unknown>) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`),
    response: (id: unknown, timeoutMs = 10_000) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no response to id ${String(id)}; stdout so far: ${stdout}`)), timeoutMs);
        waiters.push({ id, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      }),
    stdout: () => stdout,
    stderr: () => stderr,
    end: async () => {
      child.stdin.end();
      return exited;
    },
    alive: () => child.exitCode === null && child.signalCode === null,
  };
}

const initialize = {
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
};

describe('the stdio stream', () => {
  it('carries nothing but JSON-RPC on stdout, even at debug log level', async () => {
    const raw = spawnRaw(['--log-level', 'debug']);
    raw.send({ id: 1, ...initialize });
    await raw.response(1);
    raw.send({ method: 'notifications/initialized' });
    raw.send({ id: 2, method: 'tools/list' });
    raw.send({ id: 3, method: 'tools/call', params: { name: 'echo_get_item', arguments: { id: 'x' } } });
    raw.send({ id: 4, method: 'tools/call', params: { name: 'echo_health', arguments: {} } });
    raw.send({ id: 5, method: 'tools/call', params: { name: 'echo_nope', arguments: {} } });
    await Promise.all([raw.response(2), raw.response(3), raw.response(4), raw.response(5)]);
    expect(await raw.end()).toBe(0);

    const lines = raw
      .stdout()
      .split('\n')
      .filter((line) => line !== '');
    expect(lines.length).toBe(5);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(raw.stdout()).not.toContain(CANARY);
    expect(raw.stderr()).toMatch(/debug: echo_get_item ok/);
    expect(raw.stderr()).not.toContain(CANARY);
  });

  it('survives garbage, malformed JSON-RPC and unknown methods, and still answers valid requests', async () => {
    const raw = spawnRaw();
    raw.write('garbage before the handshake');
    raw.write('{"jsonrpc":"2.0","id":0,"result":{}}');
    raw.send({ id: 1, ...initialize });
    await raw.response(1);
    raw.send({ method: 'notifications/initialized' });
    raw.write('this is not json');
    raw.write('{"jsonrpc": "2.0", "id": 7, "method": ');
    raw.write('[1, 2, 3]');
    raw.write('{}');
    raw.write('{"jsonrpc":"2.0","id":"bad","method":5}');
    raw.write('{"jsonrpc":"1.0","id":8,"method":"tools/list"}');
    raw.send({ id: 9, method: 'tools/call', params: { name: 'echo_echo', arguments: { text: 'still here' } } });
    const answer = await raw.response(9);
    expect(answer.result).toMatchObject({ structuredContent: { ok: true, data: { text: 'still here' } } });
    expect(raw.alive()).toBe(true);
    raw.send({ id: 10, method: 'resources/frobnicate' });
    expect(await raw.response(10)).toMatchObject({ error: { code: -32601 } });
    raw.send({ id: 11, method: 'tools/call', params: { name: 'echo_echo', arguments: { text: 'and again' } } });
    expect((await raw.response(11)).result).toMatchObject({ structuredContent: { data: { text: 'and again' } } });
    expect(await raw.end()).toBe(0);
    for (const line of raw.stdout().split('\n').filter(Boolean)) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(raw.stderr()).toMatch(/warn: stdio: /);
  });

  it('answers a malformed request that carries an id with -32600 instead of leaving the client waiting', async () => {
    const raw = spawnRaw();
    raw.send({ id: 1, ...initialize });
    await raw.response(1);
    const answers = Promise.all([raw.response('bad'), raw.response(8)]);
    raw.write('{"jsonrpc":"2.0","id":"bad","method":5}');
    raw.write('{"jsonrpc":"1.0","id":8,"method":"tools/list"}');
    raw.write('not json at all');
    const [bad, eight] = await answers;
    expect(bad).toMatchObject({ error: { code: -32600, message: 'Invalid Request: method must be a string' } });
    expect(eight).toMatchObject({ error: { code: -32600, message: 'Invalid Request: jsonrpc must be "2.0"' } });
    raw.send({ id: 9, method: 'tools/list' });
    expect((await raw.response(9)).result).toHaveProperty('tools');
    expect(await raw.end()).toBe(0);
    expect(raw.stderr()).toMatch(/warn: stdio: ignored a line that is not JSON/);
  });

  it('answers a valid message over 10 MB with -32600 and keeps serving (the SDK would close and go deaf)', async () => {
    const raw = spawnRaw();
    raw.send({ id: 1, ...initialize });
    await raw.response(1);
    raw.send({ method: 'notifications/initialized' });
    const answer = raw.response(12);
    raw.send({ id: 12, method: 'tools/call', params: { name: 'echo_echo', arguments: { text: 'x'.repeat(11 * 1024 * 1024) } } });
    expect(await answer).toMatchObject({ error: { code: -32600 } });
    raw.send({ id: 13, method: 'tools/call', params: { name: 'echo_echo', arguments: { text: 'still here' } } });
    expect((await raw.response(13)).result).toMatchObject({ structuredContent: { ok: true } });
    expect(raw.alive()).toBe(true);
    expect(await raw.end()).toBe(0);
  });
});

describe('a reader that closes stdout early (`tools | head -1`)', () => {
  it('ends the command quietly instead of dying on EPIPE', async () => {
    assertBuilt();
    const child = spawn(process.execPath, [FIXTURE_BIN, 'tools'], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is gone before the first line is written: every write meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });
});
