import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import {
  API,
  call,
  createRuntime,
  expectOk,
  expectSalesforceHeaders,
  fixture,
  INSTANCE_URL,
  LIMIT_HEADERS,
  salesforceError,
  TOKEN,
  tool,
  vendor,
} from './harness.js';

useFakeVendor();
const name = tool('health');
const ORG_QUERY = 'SELECT Name, IsSandbox, OrganizationType FROM Organization';

function healthyOrg() {
  const { scope, sent } = vendor();
  scope.get(`${API}/`).reply(200, fixture('versions-resources'), LIMIT_HEADERS);
  scope.get('/services/oauth2/userinfo').reply(200, fixture('userinfo'));
  scope.get(`${API}/query`).query({ q: ORG_QUERY }).reply(200, fixture('query-organization'), { 'sforce-limit-info': 'api-usage=27/15000' });
  return sent;
}

describe('health', () => {
  it('checks the token and API version, then reports user, org, auth mode, version and API usage', async () => {
    const sent = healthyOrg();

    const envelope = expectOk(await call(name, {}));

    expect(sent.map((r) => `${r.method} ${r.path}`).sort()).toEqual([`GET ${API}/`, `GET ${API}/query`, 'GET /services/oauth2/userinfo'].sort());
    for (const request of sent) expectSalesforceHeaders(request);
    expect(envelope.data).toEqual({
      status: 'ok',
      connector: 'salesforce',
      version: pkg.version,
      user: 'Ada Lovelace <ada@acme-energy.com>',
      org: 'Acme Energy (00DHs000000ABCDMA0)',
      authMode: 'access_token',
      apiVersion: '64.0',
      instanceUrl: INSTANCE_URL,
      sandbox: false,
      edition: 'Enterprise Edition',
      rateLimit: { limit: 15000, remaining: expect.any(Number) },
      gating: { readOnly: false, tools: expect.arrayContaining([name, tool('search_records'), tool('delete_record')]) },
    });
    expect(envelope.meta.rateLimit?.limit).toBe(15000);
  });

  it('uses SALESFORCE_API_VERSION for every path', async () => {
    const { scope, sent } = vendor();
    scope.get('/services/data/v62.0/').reply(200, fixture('versions-resources'));
    scope.get('/services/oauth2/userinfo').reply(200, fixture('userinfo'));
    scope.get('/services/data/v62.0/query').query(true).reply(200, fixture('query-organization'));

    const envelope = expectOk(await createRuntime({ env: { SALESFORCE_API_VERSION: 'v62.0' } }).call(name, {}));

    expect(envelope.data).toMatchObject({ status: 'ok', apiVersion: '62.0' });
    expect(sent.map((r) => r.path)).toContain('/services/data/v62.0/');
  });

  it('still reports ok when userinfo lacks an identity scope, and says why the user is unknown', async () => {
    const { scope } = vendor();
    scope.get(`${API}/`).reply(200, fixture('versions-resources'));
    scope.get('/services/oauth2/userinfo').reply(403, 'Insufficient_Scope', { 'content-type': 'text/plain' });
    scope.get(`${API}/query`).query(true).reply(200, fixture('query-organization'));

    const envelope = expectOk<Record<string, unknown>>(await call(name, {}));

    expect(envelope.data).toMatchObject({ status: 'ok', org: 'Acme Energy', authMode: 'access_token' });
    expect(envelope.data).not.toHaveProperty('user');
    expect(envelope.data.notes).toEqual([expect.stringContaining('openid or profile scope')]);
  });

  it('reports status error with unauthorized and a renewal hint when the access token has expired', async () => {
    const { scope, sent } = vendor();
    scope.get(`${API}/`).reply(401, salesforceError('INVALID_SESSION_ID', 'Session expired or invalid'));

    const result = await call(name, {});
    const envelope = expectOk(result);

    // Access token mode cannot renew: one request, no retry.
    expect(sent).toHaveLength(1);
    expect(envelope.data).toMatchObject({
      status: 'error',
      error: { code: 'unauthorized', message: 'Salesforce answered 401: Session expired or invalid', hint: expect.stringContaining('SALESFORCE_ACCESS_TOKEN') },
    });
    expect(result.content[0]!.text).not.toContain(TOKEN);
  });

  it('reports an API version the org does not have as not_found', async () => {
    const { scope } = vendor();
    scope.get('/services/data/v99.0/').reply(404, salesforceError('NOT_FOUND', 'The requested resource does not exist'));

    const envelope = expectOk(await createRuntime({ env: { SALESFORCE_API_VERSION: '99.0' } }).call(name, {}));

    expect(envelope.data).toMatchObject({
      status: 'error',
      error: { code: 'not_found', message: 'Salesforce answered 404: The requested resource does not exist' },
    });
  });

  it('reports not_configured, asking for client credentials (which do not expire) and naming the other modes, when nothing is set', async () => {
    const { sent } = vendor();
    const envelope = expectOk(await createRuntime({ env: { SALESFORCE_ACCESS_TOKEN: undefined, SALESFORCE_INSTANCE_URL: undefined } }).call(name, {}));

    expect(envelope.data).toMatchObject({
      status: 'not_configured',
      missing: ['SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET', 'SALESFORCE_LOGIN_URL'],
      problems: [expect.stringContaining('SALESFORCE_REFRESH_TOKEN'), expect.stringContaining('SALESFORCE_ACCESS_TOKEN (a session token')],
    });
    expect(sent).toEqual([]);
  });
});
