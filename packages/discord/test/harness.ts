// The Discord side of the tool tests, on the testkit's harness (`connectorHarness`): the fake
// discord.com, the bot token, the ids the tests reuse, Discord's rate-limit headers and the headers
// every request carries. Vendor payloads are test/fixtures/*.json, trimmed copies of what Discord
// v10 returns; `fixture(name)` loads a fresh copy.
import { connectorHarness, type SentRequest } from '@connectors/testkit';
import { expect } from 'vitest';
import { connector } from '../src/connector.js';

export const ORIGIN = 'https://discord.com';
export const GUILD = '1087345678901234567';
export const CHANNEL = '1087345678901234999';
export const MESSAGE = '1087345678901235111';
export const ROLE = '1087345678901236001';
/** A recognisable token: it must reach Discord's auth header and never any output. */
export const TOKEN = 'MTE5MDAwMDAwMDAwMDAwMDAwMQ.GcAnAr.y_canary_7d41f0c9e2b8a6d4f1e3c5b7a9d0e2f4';

export const { call, createRuntime, expectError, expectOk, fixture, tool, vendor } = connectorHarness(connector, {
  packageDir: new URL('..', import.meta.url),
  origin: ORIGIN,
  env: { DISCORD_BOT_TOKEN: TOKEN, DISCORD_GUILD_ID: GUILD },
});

/** Path under the default base URL https://discord.com/api/v10. */
export function v10(path: string): string {
  return `/api/v10${path}`;
}

/** Discord's usual rate-limit headers on a response. */
export const RATE_HEADERS = {
  'x-ratelimit-limit': '5',
  'x-ratelimit-remaining': '4',
  'x-ratelimit-reset': '1767225600.25',
  'x-ratelimit-reset-after': '1.0',
  'x-ratelimit-bucket': 'f2b3c4d5e6a7b8c9',
};

/** The headers every Discord request carries. */
export function expectDiscordHeaders(request: SentRequest | undefined, options: { json?: boolean; reason?: string } = {}): void {
  expect(request?.headers).toMatchObject({ authorization: `Bot ${TOKEN}`, accept: 'application/json' });
  expect(request?.headers['user-agent']).toMatch(/^DiscordBot \(/);
  if (options.json) expect(request?.headers['content-type']).toBe('application/json');
  else expect(request?.headers['content-type']).toBeUndefined();
  if (options.reason !== undefined) expect(request?.headers['x-audit-log-reason']).toBe(options.reason);
  else expect(request?.headers['x-audit-log-reason']).toBeUndefined();
}
