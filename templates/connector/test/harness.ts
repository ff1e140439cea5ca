// The Starter side of the tool tests, on the testkit's harness (`connectorHarness`): the fake
// API's base URL and token, the headers every request carries and Starter's error body.
// Vendor payloads are test/fixtures/api-*.json, in the shape the Starter API returns; `fixture(name)`
// loads a fresh copy.
import { connectorHarness, type SentRequest } from '@connectors/testkit';
import { expect } from 'vitest';
import { connector } from '../src/connector.js';

export const BASE_URL = 'https://api.starter.example';
/** A recognisable token: it must reach the vendor's auth header and never any output. */
export const TOKEN = 'stk_live_canary_7d41f0c9e2';

export const { call, createRuntime, expectError, expectOk, fixture, tool, vendor } = connectorHarness(connector, {
  packageDir: new URL('..', import.meta.url),
  origin: BASE_URL,
  env: { STARTER_API_TOKEN: TOKEN },
});

/** The Starter API error body. */
export function starterError(type: string, message: string) {
  return { error: { type, message } };
}

/** The auth and content headers every Starter request carries. */
export function expectStarterHeaders(request: SentRequest | undefined, options: { json?: boolean } = {}): void {
  expect(request?.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, accept: 'application/json' });
  if (options.json) expect(request?.headers['content-type']).toBe('application/json');
  else expect(request?.headers['content-type']).toBeUndefined();
}
