import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import {
  ACCESS_TOKEN,
  BASIC,
  call,
  CLOUD_ID,
  createRuntime,
  EMAIL,
  expectError,
  expectJiraHeaders,
  expectOk,
  fixture,
  GATEWAY,
  OAUTH_ENV,
  SITE,
  TOKEN,
  tool,
  vendor,
} from './harness.js';

useFakeVendor();
const name = tool('health');

describe('jira_health', () => {
  it('checks the API token with GET /rest/api/3/myself and reports user, site, auth mode and rate limit', async () => {
    const { scope, sent } = vendor();
    scope.get('/rest/api/3/myself').reply(200, fixture('myself'), {
      'x-ratelimit-limit': '350',
      'x-ratelimit-remaining': '349',
      'x-ratelimit-reset': '2025-11-21T10:05:00Z',
    });

    const envelope = expectOk(await call(name, {}));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/myself', query: {}, body: undefined });
    expectJiraHeaders(sent[0]);
    expect(envelope.data).toEqual({
      status: 'ok',
      connector: 'jira',
      version: pkg.version,
      user: 'Mia Krystof <mia@example.com>',
      accountId: '5b10a2844c20165700ede21g',
      org: SITE,
      authMode: 'api_token',
      baseUrl: SITE,
      timeZone: 'Europe/Berlin',
      rateLimit: { limit: 350, remaining: 349, resetAt: '2025-11-21T10:05:00.000Z' },
      gating: { readOnly: false, tools: expect.arrayContaining([name, tool('search_issues'), tool('create_issue')]) },
    });
    expect(envelope.meta.rateLimit).toEqual({ limit: 350, remaining: 349, resetAt: '2025-11-21T10:05:00.000Z' });
  });

  it('uses OAuth through the api.atlassian.com gateway, naming the site and the granted scopes', async () => {
    const gateway = vendor(GATEWAY);
    gateway.scope.get(`/ex/jira/${CLOUD_ID}/rest/api/3/myself`).reply(200, fixture('myself'));
    gateway.scope.get('/oauth/token/accessible-resources').reply(200, fixture('accessible-resources'));

    const envelope = expectOk(await createRuntime({ env: OAUTH_ENV, replaceEnv: true }).call(name, {}));

    for (const request of gateway.sent) expectJiraHeaders(request, { auth: `Bearer ${ACCESS_TOKEN}` });
    expect(envelope.data).toMatchObject({
      status: 'ok',
      authMode: 'oauth',
      org: SITE,
      siteName: 'your-domain',
      baseUrl: `${GATEWAY}/ex/jira/${CLOUD_ID}`,
      scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'offline_access'],
    });
  });

  it('uses Basic auth through the gateway for a scoped API token (cloud id, no base URL), asking serverInfo for the site', async () => {
    const gateway = vendor(GATEWAY);
    gateway.scope.get(`/ex/jira/${CLOUD_ID}/rest/api/3/myself`).reply(200, fixture('myself'));
    gateway.scope.get(`/ex/jira/${CLOUD_ID}/rest/api/3/serverInfo`).reply(200, fixture('server-info'));

    const envelope = expectOk(
      await createRuntime({ env: { JIRA_EMAIL: EMAIL, JIRA_API_TOKEN: TOKEN, JIRA_CLOUD_ID: CLOUD_ID }, replaceEnv: true }).call(name, {}),
    );

    for (const request of gateway.sent) expectJiraHeaders(request, { auth: BASIC });
    expect(envelope.data).toMatchObject({ status: 'ok', authMode: 'scoped_api_token', org: SITE, siteName: 'Jira' });
  });

  it('lets JIRA_BASE_URL replace the gateway for an OAuth token (proxies, tests)', async () => {
    const { scope, sent } = vendor('https://jira-proxy.internal.example');
    scope.get('/jira/rest/api/3/myself').reply(200, fixture('myself'));

    const envelope = expectOk(
      await createRuntime({ env: { JIRA_ACCESS_TOKEN: ACCESS_TOKEN, JIRA_BASE_URL: 'https://jira-proxy.internal.example/jira/' }, replaceEnv: true }).call(
        name,
        {},
      ),
    );

    expectJiraHeaders(sent[0], { auth: `Bearer ${ACCESS_TOKEN}` });
    expect(envelope.data).toMatchObject({ status: 'ok', authMode: 'oauth', org: 'https://jira-proxy.internal.example/jira' });
  });

  it('takes a pasted board or API link on atlassian.net as the site', async () => {
    const { scope, sent } = vendor();
    scope.get('/rest/api/3/myself').times(2).reply(200, fixture('myself'));

    for (const link of [`${SITE}/jira/software/projects/PROJ/boards/1`, `${SITE}/rest/api/3/`]) {
      const envelope = expectOk(await createRuntime({ env: { JIRA_BASE_URL: link } }).call(name, {}));
      expect(envelope.data).toMatchObject({ status: 'ok', org: SITE, baseUrl: SITE });
    }
    expect(sent.map((r) => r.path)).toEqual(['/rest/api/3/myself', '/rest/api/3/myself']);
  });

  it('still reports ok when the site lookup through the gateway fails', async () => {
    const gateway = vendor(GATEWAY);
    gateway.scope.get(`/ex/jira/${CLOUD_ID}/rest/api/3/myself`).reply(200, fixture('myself'));
    gateway.scope.get('/oauth/token/accessible-resources').reply(403, { code: 403, message: 'Forbidden' });
    gateway.scope.get(`/ex/jira/${CLOUD_ID}/rest/api/3/serverInfo`).reply(200, fixture('server-info'));

    const envelope = expectOk(await createRuntime({ env: OAUTH_ENV, replaceEnv: true }).call(name, {}));
    expect(envelope.data).toMatchObject({ status: 'ok', org: SITE });
  });

  describe('configuration', () => {
    it.each([
      [
        'nothing set',
        {},
        ['JIRA_BASE_URL', 'JIRA_EMAIL', 'JIRA_API_TOKEN'],
        [
          expect.stringMatching(
            /^Or, to log in with OAuth instead, set JIRA_OAUTH_CLIENT_ID, JIRA_OAUTH_CLIENT_SECRET and JIRA_CLOUD_ID, then run `npx -y @connectors\/jira auth login`\.$/,
          ),
        ],
      ],
      ['only the site', { JIRA_BASE_URL: SITE }, ['JIRA_EMAIL', 'JIRA_API_TOKEN'], [expect.stringMatching(/^Or, to log in with OAuth/)]],
      ['no token', { JIRA_BASE_URL: SITE, JIRA_EMAIL: EMAIL }, ['JIRA_API_TOKEN'], []],
      ['no email', { JIRA_BASE_URL: SITE, JIRA_API_TOKEN: TOKEN }, ['JIRA_EMAIL'], []],
      [
        'no site',
        { JIRA_EMAIL: EMAIL, JIRA_API_TOKEN: TOKEN },
        ['JIRA_BASE_URL'],
        ['Or set JIRA_CLOUD_ID instead of JIRA_BASE_URL (scoped API tokens go through the gateway).'],
      ],
      ['an access token without cloud id', { JIRA_ACCESS_TOKEN: ACCESS_TOKEN }, ['JIRA_CLOUD_ID'], []],
      ['only a cloud id', { JIRA_CLOUD_ID: CLOUD_ID }, ['JIRA_EMAIL', 'JIRA_API_TOKEN'], [expect.stringMatching(/^Or, to log in with OAuth/)]],
      ['an OAuth client without its secret and site', { JIRA_OAUTH_CLIENT_ID: 'client-1' }, ['JIRA_OAUTH_CLIENT_SECRET', 'JIRA_CLOUD_ID'], []],
      [
        'two auth modes',
        { JIRA_BASE_URL: SITE, JIRA_EMAIL: EMAIL, JIRA_API_TOKEN: TOKEN, JIRA_ACCESS_TOKEN: ACCESS_TOKEN },
        [],
        ['Use one auth mode only; set now: JIRA_API_TOKEN (API token), JIRA_ACCESS_TOKEN (access token).'],
      ],
      [
        'an OAuth client beside an API token',
        { JIRA_BASE_URL: SITE, JIRA_EMAIL: EMAIL, JIRA_API_TOKEN: TOKEN, JIRA_OAUTH_CLIENT_ID: 'client-1' },
        [],
        ['Use one auth mode only; set now: JIRA_API_TOKEN (API token), JIRA_OAUTH_CLIENT_ID (OAuth login).'],
      ],
    ])('reports not_configured for %s, naming what is missing, without calling Jira', async (_label, env, missing, problems) => {
      const { sent } = vendor();
      const runtime = createRuntime({ env, replaceEnv: true });

      const envelope = expectOk(await runtime.call(name, {}));
      expect(envelope.data).toEqual(expect.objectContaining({ status: 'not_configured', missing, problems }));

      const error = expectError(await runtime.call(tool('get_issue'), { issueKey: 'PROJ-1' }), 'not_configured');
      for (const variable of missing) expect(error.message).toContain(variable);
      expect(sent).toEqual([]);
    });

    it('reports invalid values as not_configured without echoing them', async () => {
      const runtime = createRuntime({ env: { JIRA_BASE_URL: 'ftp://jira.example', JIRA_EMAIL: 'not-an-email', JIRA_CLOUD_ID: 'site-1' } });
      const envelope = expectOk<{ missing: string[]; problems: string[] }>(await runtime.call(name, {}));
      expect(envelope.data).toMatchObject({ status: 'not_configured', missing: ['JIRA_BASE_URL', 'JIRA_EMAIL'] });
      expect(envelope.data.problems).toEqual(
        expect.arrayContaining(['JIRA_BASE_URL must be an http(s) URL.', 'JIRA_EMAIL must be an email address.', 'JIRA_CLOUD_ID must be a cloud id (a UUID).']),
      );
      expect(JSON.stringify(envelope)).not.toContain('not-an-email');
    });
  });

  it('reports status error with unauthorized and the Jira message when the token is rejected', async () => {
    const { scope } = vendor();
    scope
      .get('/rest/api/3/myself')
      .reply(401, 'Client must be authenticated to access this resource.', { 'content-type': 'text/plain', 'x-seraph-loginreason': 'AUTHENTICATED_FAILED' });

    const result = await call(name, {});
    const envelope = expectOk(result);

    expect(envelope.data).toMatchObject({
      status: 'error',
      error: {
        code: 'unauthorized',
        message: 'Jira answered 401: Client must be authenticated to access this resource.',
        hint: expect.stringContaining('JIRA_API_TOKEN'),
      },
    });
  });

  it('recognises the CAPTCHA lock-out after failed logins and says how to clear it', async () => {
    const { scope } = vendor();
    scope.get('/rest/api/3/myself').reply(403, '', { 'x-seraph-loginreason': 'AUTHENTICATION_DENIED' });

    const envelope = expectOk(await call(name, {}));
    expect(envelope.data).toMatchObject({
      status: 'error',
      error: { code: 'unauthorized', message: expect.stringContaining('CAPTCHA'), hint: expect.stringContaining('browser') },
    });
  });
});
