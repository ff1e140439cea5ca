// The Coder side of the tool tests, on the testkit's harness (`connectorHarness`): the fake
// deployment, its session token and the headers every request carries, and the template the
// workspace tests build from. Vendor payloads are test/fixtures/api-*.json, in the shape Coder's
// REST API v2 returns; `fixture(name)` loads a fresh copy.
import { connectorHarness, type FakeVendor, type SentRequest } from '@connectors/testkit';
import { expect } from 'vitest';
import { connector } from '../src/connector.js';

export const BASE_URL = 'https://coder.example.com';
/** A recognisable session token: it must reach Coder's header and never any output. */
export const TOKEN = 'Kq3vR7xT2m-canary9Zp4Lw8Yb1Nc5Hd6Jf0';
export const WORKSPACE_ID = '1f2e3d4c-0000-4000-8000-00000000e001';
/** The active version of the `docker` template (test/fixtures/api-templates.json). */
export const TEMPLATE_VERSION = 'c0c0c0c0-0000-4000-8000-0000000000e3';

export const { call, createRuntime, expectError, expectOk, fixture, tool, vendor } = connectorHarness(connector, {
  packageDir: new URL('..', import.meta.url),
  origin: BASE_URL,
  // The URL and token set; no CLI login is looked for (the config dir does not exist).
  env: { CODER_URL: BASE_URL, CODER_SESSION_TOKEN: TOKEN, CODER_CONFIG_DIR: '/nonexistent/coderv2' },
});

/** The session header every Coder request carries. */
export function expectCoderHeaders(request: SentRequest | undefined): void {
  expect(request?.headers['coder-session-token']).toBe(TOKEN);
  expect(request?.headers['user-agent']).toMatch(/^@connectors\/coder\//);
}

/** The templates and the `docker` template's parameters, as creating a workspace reads them. */
export function mountTemplate(scope: FakeVendor['scope']): void {
  scope.get('/api/v2/templates').reply(200, fixture('api-templates'));
  scope.get(`/api/v2/templateversions/${TEMPLATE_VERSION}/rich-parameters`).reply(200, fixture('api-rich-parameters'));
}
