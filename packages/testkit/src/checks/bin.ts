import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { Client, LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';

export interface BinOptions {
  /** The built bin, e.g. `new URL('../dist/bin.js', import.meta.url)`; run with this Node. */
  path: string | URL;
  args?: string[];
  /** Environment on top of the suite's `env` (undefined removes a variable), e.g. a closed local port as the vendor URL. */
  env?: Record<string, string | undefined>;
  /** How long to wait for each answer (default 10 s). */
  timeoutMs?: number;
}

export interface BinRun {
  problems: string[];
  stdout: string;
  stderr: string;
}

/** Lines written before and after initialize that a server must survive without answering garbage. */
export const GARBAGE_LINES: readonly string[] = [
  'this is not JSON at all',
  '{"jsonrpc":"2.0","id":900,"method":',
  '{"jsonrpc":"2.0","id":"no-method"}',
  '[1, 2, 3]',
  '{"hello":"world"}',
  '\u0000\u0001\u0002 binary noise',
  '{"jsonrpc":"1.0","id":901,"method":"tools/list"}',
  '',
];

/** The process environment: the safe basics (PATH, HOME...), the suite's env, then the bin's own. */
export function binEnvironment(env: Record<string, string>, bin: BinOptions): Record<string, string> {
  // A fresh state dir per run: idempotency keys from an earlier run must not replay into this one.
  const state = mkdtempSync(join(tmpdir(), 'connectors-state-'));
  const out: Record<string, string> = { ...getDefaultEnvironment(), CONNECTORS_STATE_DIR: state, ...env };
  for (const [key, value] of Object.entries(bin.env ?? {})) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

export function normalizeBin(bin: string | URL | BinOptions): BinOptions {
  return typeof bin === 'string' || bin instanceof URL ? { path: bin } : bin;
}

function binPath(bin: BinOptions): string {
  return bin.path instanceof URL || bin.path.startsWith('file:') ? fileURLToPath(bin.path) : bin.path;
}

/**
 * Spawns the bin and speaks raw JSON-RPC to it: garbage and malformed messages before and after
 * initialize, an unknown method, an unknown tool, then tools/list, which must still be answered
 * with `expectedTools`. stdout must carry nothing but JSON-RPC messages, one per line, and the
 * process must exit once stdin closes.
 */
export async function checkBinStdio(bin: BinOptions, env: Record<string, string>, expectedTools: readonly string[]): Promise<BinRun> {
  const timeoutMs = bin.timeoutMs ?? 10_000;
  const problems: string[] = [];
  const child = spawn(process.execPath, [binPath(bin), ...(bin.args ?? [])], { env: binEnvironment(env, bin), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let pending = '';
  const waiting = new Map<number, (message: Record<string, unknown>) => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    pending += chunk;
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      try {
        const message = JSON.parse(line) as Record<string, unknown>;
        if (typeof message.id === 'number') waiting.get(message.id)?.(message);
      } catch {
        // judged below, with every other stdout line
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  child.stdin.on('error', () => undefined); // the process may be gone; that is reported, not thrown
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  const send = (line: string) => void child.stdin.write(`${line}\n`);
  const request = (id: number, method: string, params?: Record<string, unknown>) =>
    race(
      new Promise<Record<string, unknown>>((resolve) => {
        waiting.set(id, resolve);
        send(JSON.stringify({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) }));
      }),
      exit.then((code) => `the process exited (code ${code}) before answering ${method}`),
      spawnError.then((error) => `the bin could not start: ${error.message}`),
      timeoutMs,
      `no answer to ${method} within ${timeoutMs} ms`,
    );

  try {
    for (const line of GARBAGE_LINES) send(line);
    const init = await request(1, 'initialize', {
      protocolVersion: LATEST_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: '@connectors/testkit', version: '0' },
    });
    if (!isObject(init.result)) throw new Error(`initialize failed after garbage input: ${JSON.stringify(init.error ?? init)}`);
    send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    for (const line of GARBAGE_LINES) send(line);
    send('{"jsonrpc":"2.0","id":902,"method":"tools/call","params":"not an object"}');

    const unknown = await request(2, 'testkit/no_such_method');
    if (!isObject(unknown.error)) problems.push(`An unknown method was not answered with a JSON-RPC error: ${JSON.stringify(unknown).slice(0, 200)}`);
    const missing = await request(3, 'tools/call', { name: 'testkit_no_such_tool', arguments: {} });
    if (!isObject(missing.error) && !(isObject(missing.result) && missing.result.isError === true)) {
      problems.push(`Calling an unknown tool was not answered as an error: ${JSON.stringify(missing).slice(0, 200)}`);
    }
    const listed = await request(4, 'tools/list');
    const tools = isObject(listed.result) && Array.isArray(listed.result.tools) ? (listed.result.tools as { name?: string }[]) : undefined;
    if (!tools) problems.push(`tools/list after the garbage did not answer a tool list: ${JSON.stringify(listed).slice(0, 200)}`);
    else
      problems.push(
        ...compareNames(
          tools.map((t) => String(t.name)),
          expectedTools,
        ),
      );

    child.stdin.end();
    const code = await race(exit, undefined, undefined, 5_000, 'the process did not exit within 5 s of stdin closing');
    if (code !== 0) problems.push(`The process exited with code ${code} after stdin closed.`);
  } catch (error) {
    problems.push(`${(error as Error).message}. stderr: ${tail(stderr)}`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
  stdout.split('\n').forEach((line, i) => {
    if (line === '') return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      problems.push(`stdout line ${i + 1} is not JSON (only JSON-RPC may go to stdout; log to stderr): ${line.slice(0, 120)}`);
      return;
    }
    if (!isObject(message) || message.jsonrpc !== '2.0') problems.push(`stdout line ${i + 1} is not a JSON-RPC 2.0 message: ${line.slice(0, 120)}`);
  });
  return { problems, stdout, stderr };
}

/**
 * Connects the official MCP client (@modelcontextprotocol/client) to the bin over stdio, lists
 * the tools and calls `<id>_health`, which must answer a success envelope (its report may say
 * `error`: no vendor is reachable from the child process). The client validates the result
 * against the advertised outputSchema, as real clients do.
 */
export async function checkBinWithClient(
  bin: BinOptions,
  env: Record<string, string>,
  expectedTools: readonly string[],
  healthTool: string,
  /** The schemas the connector's runtime lists in process: the bin's (precomputed at build time) must be the same. */
  expectedSchemas: readonly { name: string; inputSchema: unknown; outputSchema?: unknown }[] = [],
): Promise<BinRun & { results: unknown[] }> {
  const timeoutMs = bin.timeoutMs ?? 10_000;
  const problems: string[] = [];
  const results: unknown[] = [];
  let stderr = '';
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [binPath(bin), ...(bin.args ?? [])],
    env: binEnvironment(env, bin),
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  const client = new Client({ name: '@connectors/testkit', version: '0' });
  try {
    await race(client.connect(transport), undefined, undefined, timeoutMs, 'the MCP client could not connect');
    const listed = await race(client.listTools(), undefined, undefined, timeoutMs, 'no answer to tools/list');
    results.push(listed);
    problems.push(
      ...compareNames(
        listed.tools.map((t) => t.name),
        expectedTools,
      ),
    );
    for (const expected of expectedSchemas) {
      const tool = listed.tools.find((t) => t.name === expected.name);
      if (
        tool &&
        !isDeepStrictEqual(
          { inputSchema: tool.inputSchema, outputSchema: tool.outputSchema },
          { inputSchema: expected.inputSchema, outputSchema: expected.outputSchema },
        )
      ) {
        problems.push(`The bin lists other schemas for ${expected.name} than the connector's definition gives (a stale dist/tool-schemas.json? rebuild).`);
      }
    }
    const health = await race(client.callTool({ name: healthTool, arguments: {} }), undefined, undefined, timeoutMs, `no answer from ${healthTool}`);
    results.push(health);
    const envelope = health.structuredContent as { ok?: boolean; data?: { status?: string } } | undefined;
    if (envelope?.ok !== true || typeof envelope.data?.status !== 'string') {
      problems.push(`${healthTool} over stdio did not answer a success envelope with a status: ${JSON.stringify(health).slice(0, 300)}`);
    }
  } catch (error) {
    problems.push(`${(error as Error).message}. stderr: ${tail(stderr)}`);
  } finally {
    await client.close().catch(() => undefined);
  }
  return { problems, stdout: '', stderr, results };
}

function compareNames(actual: readonly string[], expected: readonly string[]): string[] {
  const missing = expected.filter((name) => !actual.includes(name));
  const extra = actual.filter((name) => !expected.includes(name));
  const problems: string[] = [];
  if (missing.length) problems.push(`The bin does not list ${missing.join(', ')}.`);
  if (extra.length) problems.push(`The bin lists tools the runtime does not: ${extra.join(', ')}.`);
  return problems;
}

/** Resolves with `work`, or fails with the first of: `failure` settling, the timeout. */
async function race<T>(
  work: Promise<T>,
  failure: Promise<string> | undefined,
  otherFailure: Promise<string> | undefined,
  timeoutMs: number,
  timeoutMessage: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(timeoutMessage)), timeoutMs);
  });
  const fail = (p: Promise<string> | undefined): Promise<never> => {
    if (!p) return new Promise<never>(() => undefined);
    const failed = p.then((message) => Promise.reject(new Error(message)));
    failed.catch(() => undefined); // settles after the race is decided more often than not
    return failed;
  };
  try {
    return await Promise.race([work, timeout, fail(failure), fail(otherFailure)]);
  } finally {
    clearTimeout(timer);
  }
}

function tail(text: string): string {
  const trimmed = text.trim();
  return trimmed ? trimmed.slice(-600) : '(empty)';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
