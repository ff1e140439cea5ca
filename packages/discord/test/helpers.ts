// Shared pieces of the tool tests: the fake Discord API, fixtures, Discord's headers and the envelope
// assertions, on top of @connectors/testkit (`fakeVendor`, `useFakeVendor`, `expectOkResult`).
// Fixtures in ./fixtures are trimmed copies of what Discord v10 returns.
import { readFileSync } from 'node:fs';
import { ConnectorRuntime, type RuntimeOptions } from '@connectors/contract/server';
import { toolName, type ErrorCode, type ErrorInfo, type SuccessEnvelope, type ToolCallResult } from '@connectors/contract';
import { expectErrorResult, expectOkResult, fakeVendor, type FakeVendor, type SentRequest } from '@connectors/testkit';
import { expect } from 'vitest';
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

/**
 * The fake discord.com: a nock scope to define replies on, and every request it received, in order
 * (paths as sent, still percent-encoded). Each test file calls `useFakeVendor()` (from
 * @connectors/testkit), so nothing leaves the machine.
 */
export function discordApi(): FakeVendor {
  return fakeVendor(ORIGIN);
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

/** Asserts a success result (text mirrors structuredContent, meta filled, the token nowhere) and returns its envelope. */
export function expectOk<T = any>(result: ToolCallResult): SuccessEnvelope<T> {
  return expectOkResult<T>(result, { secrets: [TOKEN] });
}

/** Asserts an error result with this code (and the same well-formedness) and returns its error. */
export function expectError(result: ToolCallResult, code: ErrorCode): ErrorInfo {
  return expectErrorResult(result, code, { secrets: [TOKEN] });
}
