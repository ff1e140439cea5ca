// The Google side of the tool tests, on the testkit's harness (`connectorHarness`): the fake Google
// APIs, the access token and the headers every request carries. Vendor payloads are
// test/fixtures/api-*.json, in the shapes Gmail API v1, Drive API v3 and Calendar API v3 return
// (with the `fields` each tool asks for); `fixture(name)` loads a fresh copy, `fixtureFile` the
// bytes of the others (drive-budget.xlsx: a workbook with two sheets, Budget and People, as Drive
// exports a Google Sheet).
import { connectorHarness, type SentRequest } from '@connectors/testkit';
import { expect } from 'vitest';
import { connector } from '../src/connector.js';

export const BASE_URL = 'https://www.googleapis.com';
/** A recognisable access token: it must reach Google's auth header and never any output. */
export const TOKEN = 'ya29.a0AfB_canary_token_3c7e91';
export const MESSAGE_ID = '18c2a3f4e5d6b7a8';

export const { call, createRuntime, expectError, expectOk, fixture, fixtureFile, tool, vendor } = connectorHarness(connector, {
  packageDir: new URL('..', import.meta.url),
  origin: BASE_URL,
  // Access token mode; the OAuth client's secret stays unset.
  env: { GOOGLE_ACCESS_TOKEN: TOKEN, GOOGLE_CLIENT_SECRET: undefined },
});

/** The auth and content headers every Google request carries. */
export function expectGoogleHeaders(request: SentRequest | undefined): void {
  expect(request?.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, accept: 'application/json' });
  expect(request?.headers['user-agent']).toMatch(/^@connectors\/google-workspace\//);
}
