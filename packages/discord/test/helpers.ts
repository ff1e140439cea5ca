// Shared pieces of the tool tests: a fake Discord API (nock), fixtures and envelope assertions.
// Fixtures in ./fixtures are trimmed copies of what Discord v10 returns.
import { readFileSync } from 'node:fs';
import { ConnectorRuntime, toolName, type ErrorCode, type ErrorInfo, type RuntimeOptions, type SuccessEnvelope, type ToolCallResult } from '@connectors/contract';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { connector } from '../src/connector.js';

export const ORIGIN = 'https://discord.com';
export const GUILD = '1087345678901234567';
export const CHANNEL = '1087345678901234999';
export const MESSAGE = '1087345678901235111';
export const ROLE = '1087345678901236001';
/** A recognisable token: it must reach Discord's auth header and never any output. */
export const TOKEN = 'MTE5MDAwMDAwMDAwMDAwMDAwMQ.GcAnAr.y_canary_7d41f0c9e2b8a6d4f1e3c5b7a9d0e2f4';

/** Path under the default base URL https://discord.com/api/v10. */
export function v10(path: string): string {
  return `/api/v10${path}`;
}

/** A fresh copy of test/fixtures/<name>.json. */
export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
}

/** Discord's usual rate-limit headers on a response. */
export const RATE_HEADERS = {
  'x-ratelimit-limit': '5',
  'x-ratelimit-remaining': '4',
  'x-ratelimit-reset': '1767225600.25',
  'x-ratelimit-reset-after': '1.0',
  'x-ratelimit-bucket': 'f2b3c4d5e6a7b8c9',
};

export function tool(action: string): string {
  return toolName(connector.id, action);
}

export interface TestRuntime {
  runtime: ConnectorRuntime;
  /** Every wait the HTTP client asked for, in ms (the fake sleep returns at once). */
  sleeps: number[];
  call(action: string, args?: unknown): Promise<ToolCallResult>;
}

export function createRuntime(options: { env?: Record<string, string | undefined> } & Omit<RuntimeOptions, 'env'> = {}): TestRuntime {
  const { env, ...rest } = options;
  const sleeps: number[] = [];
  const runtime = new ConnectorRuntime(connector, {
    logLevel: 'silent',
    sleep: async (ms) => void sleeps.push(ms),
    ...rest,
    env: { DISCORD_BOT_TOKEN: TOKEN, DISCORD_GUILD_ID: GUILD, ...env },
  });
  return { runtime, sleeps, call: (action, args = {}) => runtime.callTool(tool(action), args) };
}

export interface SentRequest {
  method: string;
  /** Path as sent (still percent-encoded), without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
}

const unmatched: string[] = [];

/** The nock scope for discord.com and every request that reached it, in order. */
export function discordApi() {
  const scope = nock(ORIGIN);
  const sent: SentRequest[] = [];
  scope.on('request', (req: { method: string; path: string; headers: Record<string, string | string[]> }, _interceptor: unknown, body: string) => {
    const [path, search = ''] = req.path.split('?') as [string, string?];
    const params = new URLSearchParams(search);
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(params.keys())) {
      const values = params.getAll(key);
      query[key] = values.length === 1 ? values[0]! : values;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)]));
    sent.push({ method: req.method, path, query, headers, body: body ? safeJson(body) : undefined });
  });
  return { scope, sent };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Net connect off, unexpected or missing requests fail the test. */
export function useFakeDiscord(): void {
  const onNoMatch = (req: { method?: string; path?: string; href?: string }) => unmatched.push(`${req.method} ${req.href ?? req.path}`);
  beforeAll(() => {
    nock.disableNetConnect();
    nock.emitter.on('no match', onNoMatch);
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    const escaped = unmatched.splice(0);
    nock.cleanAll();
    expect(escaped, 'requests the test did not expect').toEqual([]);
    expect(pending, 'expected requests that were never sent').toEqual([]);
  });
  afterAll(() => {
    nock.emitter.off('no match', onNoMatch);
    nock.enableNetConnect();
  });
}

/** The headers every Discord request carries. */
export function expectDiscordHeaders(request: SentRequest | undefined, options: { json?: boolean; reason?: string } = {}): void {
  expect(request?.headers).toMatchObject({ authorization: `Bot ${TOKEN}`, accept: 'application/json' });
  expect(request?.headers['user-agent']).toMatch(/^DiscordBot \(/);
  if (options.json) expect(request?.headers['content-type']).toBe('application/json');
  else expect(request?.headers['content-type']).toBeUndefined();
  if (options.reason !== undefined) expect(request?.headers['x-audit-log-reason']).toBe(options.reason);
  else expect(request?.headers['x-audit-log-reason']).toBeUndefined();
}

function expectWellFormed(result: ToolCallResult): void {
  expect(result.content).toHaveLength(1);
  expect(result.content[0]!.type).toBe('text');
  expect(JSON.parse(result.content[0]!.text)).toEqual(result.structuredContent);
  expect(result.structuredContent.meta.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(JSON.stringify(result)).not.toContain(TOKEN);
}

export function expectOk<T = any>(result: ToolCallResult): SuccessEnvelope<T> {
  if (!result.structuredContent.ok) throw new Error(`expected ok, got ${JSON.stringify(result.structuredContent.error)}`);
  expect(result.isError).toBeUndefined();
  expectWellFormed(result);
  return result.structuredContent as SuccessEnvelope<T>;
}

export function expectError(result: ToolCallResult, code: ErrorCode): ErrorInfo {
  if (result.structuredContent.ok) throw new Error(`expected ${code}, got ok: ${JSON.stringify(result.structuredContent.data)}`);
  expect(result.isError).toBe(true);
  expectWellFormed(result);
  expect(result.structuredContent.error.code).toBe(code);
  return result.structuredContent.error;
}
