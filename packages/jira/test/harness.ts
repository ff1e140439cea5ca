// The Jira side of the tool tests, on the testkit's harness (`connectorHarness`): the fake site and
// the OAuth gateway, the credentials of each auth mode and the headers every Jira request carries.
// Vendor payloads are test/fixtures/*.json, in the shape Jira Cloud returns (REST API v3);
// `fixture(name)` loads a fresh copy.
import { connectorHarness, type SentRequest } from '@connectors/testkit';
import { expect } from 'vitest';
import { connector } from '../src/connector.js';

export const SITE = 'https://your-domain.atlassian.net';
export const GATEWAY = 'https://api.atlassian.com';
export const CLOUD_ID = '11223344-a1b2-3b33-c444-def123456789';
export const EMAIL = 'mia@example.com';
/** Recognisable secrets: they must reach Jira's auth header and never any output. */
export const TOKEN = 'ATATT3xFfGF0canary7d41f0c9e2';
export const ACCESS_TOKEN = 'eyJraWQiOiJjYW5hcnkifQ.oauth-canary-91b2';
export const BASIC = `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`;

/** API token mode, what every runtime gets unless a test says otherwise. */
export const BASIC_ENV = { JIRA_BASE_URL: SITE, JIRA_EMAIL: EMAIL, JIRA_API_TOKEN: TOKEN };
/** OAuth access token mode: pass with `replaceEnv: true`. */
export const OAUTH_ENV = { JIRA_ACCESS_TOKEN: ACCESS_TOKEN, JIRA_CLOUD_ID: CLOUD_ID };

export const { call, createRuntime, expectError, expectOk, fixture, tool, vendor } = connectorHarness(connector, {
  packageDir: new URL('..', import.meta.url),
  origin: SITE,
  // The other auth modes' secrets stay unset.
  env: { ...BASIC_ENV, JIRA_ACCESS_TOKEN: undefined, JIRA_OAUTH_CLIENT_SECRET: undefined },
  // As they appear on the wire too: the Basic credentials.
  secrets: [ACCESS_TOKEN, BASIC.slice(6)],
});

/** The auth and content headers every Jira request carries. */
export function expectJiraHeaders(request: SentRequest | undefined, options: { json?: boolean; auth?: string } = {}): void {
  expect(request?.headers).toMatchObject({ authorization: options.auth ?? BASIC, accept: 'application/json' });
  expect(request?.headers['user-agent']).toMatch(/^@connectors\/jira\//);
  if (options.json) expect(request?.headers['content-type']).toBe('application/json');
  else expect(request?.headers['content-type']).toBeUndefined();
}
