import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, FIXTURE_BIN } from './support/built.js';
import { freePort, startRedis, type TestRedis } from './support/redis.js';
import { startVendor } from './support/vendor-server.js';

// docs/deploying.md's replica command, run as written (the fixture connector's bin in place of
// connectors-jira, a free port, a test Redis and a fresh token): what the page promises holds.
const doc = readFileSync(new URL('../../../docs/deploying.md', import.meta.url), 'utf8');
const block = /```sh replica\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
const commandLine = block.split('\n').find((line) => /connectors-jira --http/.test(line)) ?? '';
const args = commandLine.split(/\s+/).slice(1);
const exported = [...block.matchAll(/\b(CONNECTORS_[A-Z_]+)=/g)].map((m) => m[1]);

let redis: TestRedis;
let vendor: Awaited<ReturnType<typeof startVendor>>;
let stateDir: string;
let child: ChildProcess;
let port: number;
const token = randomBytes(32).toString('hex');

function raw(path: string, headers: Record<string, string>, method = 'GET'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, agent: false, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{"jsonrpc":"2.0","id":1,"method":"ping"}' : undefined);
  });
}

beforeAll(async () => {
  assertBuilt();
  expect(args.slice(0, 2)).toEqual(['--http', '--host']);
  redis = await startRedis();
  vendor = await startVendor();
  stateDir = await mkdtemp(join(tmpdir(), 'deploying-'));
  port = await freePort();
  const withPort = args.map((arg, i) => (args[i - 1] === '--port' ? String(port) : arg));
  let stderr = '';
  child = spawn(process.execPath, [FIXTURE_BIN, ...withPort], {
    env: {
      PATH: process.env.PATH ?? '',
      ECHO_API_URL: vendor.url,
      CONNECTORS_HTTP_TOKEN: token,
      CONNECTORS_STATE_URL: redis.url,
      CONNECTORS_STATE_DIR: stateDir,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 15_000;
  while (!stderr.includes('serving Streamable HTTP')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the documented command did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, timeLimit(30_000));
afterAll(async () => {
  child?.kill('SIGKILL');
  await vendor?.close();
  await redis?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

describe('docs/deploying.md: the replica command', () => {
  it('exports the token and the Redis URL it documents', () => {
    expect(exported).toEqual(expect.arrayContaining(['CONNECTORS_HTTP_TOKEN', 'CONNECTORS_STATE_URL']));
  });

  it('serves the documented public host, /healthz and /readyz without the token, and refuses other hosts and origins', async () => {
    const host = 'jira-mcp.example.com';
    expect(await raw('/healthz', { host })).toBe(200);
    expect(await raw('/readyz', { host })).toBe(200);
    expect(await raw('/healthz', { host: 'attacker.example' })).toBe(403);
    expect(await raw('/mcp', { host, 'content-type': 'application/json', origin: 'https://evil.example', authorization: `Bearer ${token}` }, 'POST')).toBe(403);
    expect(await raw('/mcp', { host, 'content-type': 'application/json', origin: 'https://claude.ai' }, 'POST')).toBe(401);
  });

  it('answers an MCP client that sends the token, and only then', { timeout: timeLimit(20_000) }, async () => {
    const url = new URL(`http://127.0.0.1:${port}/mcp`);
    const denied = new Client({ name: 'deploying-doc', version: '1.0.0' });
    await expect(denied.connect(new StreamableHTTPClientTransport(url))).rejects.toThrow();
    const client = new Client({ name: 'deploying-doc', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    const result = await client.callTool({ name: 'echo_create_item', arguments: { name: 'from the doc', idempotencyKey: 'deploying-doc-1' } });
    expect(result.structuredContent).toMatchObject({ ok: true, data: { name: 'from the doc' } });
    await client.close();
  });
});
