// The Salesforce side of the tool tests, on the testkit's harness (`connectorHarness`): the fake org
// and login host, the access token, the headers every REST request carries and Salesforce's error
// body. Vendor payloads are test/fixtures/*.json, in the shapes the Salesforce REST API (v64.0)
// returns; `fixture(name)` loads a fresh copy.
import { connectorHarness, type SentRequest } from '@connectors/testkit';
import { expect } from 'vitest';
import { connector } from '../src/connector.js';
import tokenRefresh from './fixtures/oauth-token-refresh.json' with { type: 'json' };

export const INSTANCE_URL = 'https://acme.my.salesforce.com';
export const LOGIN_URL = 'https://login.salesforce.com';
export const API = '/services/data/v64.0';
/** A recognisable token: it must reach Salesforce's auth header and never any output. */
export const TOKEN = '00DHs000000ABCD!AQ8AQCanaryAccessToken.7d41f0c9e2';
/** The token the OAuth fixtures hand out. */
export const FRESH_TOKEN = tokenRefresh.access_token;
export const LIMIT_HEADERS = { 'sforce-limit-info': 'api-usage=25/15000' };

export const { call, createRuntime, expectError, expectOk, fixture, tool, vendor } = connectorHarness(connector, {
  packageDir: new URL('..', import.meta.url),
  origin: INSTANCE_URL,
  // Access token mode; the OAuth flows' secrets stay unset unless a test sets them.
  env: {
    SALESFORCE_INSTANCE_URL: INSTANCE_URL,
    SALESFORCE_ACCESS_TOKEN: TOKEN,
    SALESFORCE_CLIENT_SECRET: undefined,
    SALESFORCE_REFRESH_TOKEN: undefined,
    SALESFORCE_PRIVATE_KEY: undefined,
  },
  secrets: [FRESH_TOKEN],
});

/** The REST API error body: an array of `{ message, errorCode, fields? }`. */
export function salesforceError(errorCode: string, message: string, fields?: string[]) {
  return [{ message, errorCode, ...(fields ? { fields } : {}) }];
}

/** The auth and content headers every REST request carries. */
export function expectSalesforceHeaders(request: SentRequest | undefined, options: { json?: boolean; token?: string } = {}): void {
  expect(request?.headers).toMatchObject({ authorization: `Bearer ${options.token ?? TOKEN}`, accept: 'application/json' });
  expect(request?.headers['user-agent']).toMatch(/^@connectors\/salesforce\//);
  if (options.json) expect(request?.headers['content-type']).toBe('application/json');
  else expect(request?.headers['content-type']).toBeUndefined();
}
