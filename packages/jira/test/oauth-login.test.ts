import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@connectors/contract';
import { tokenFilePath } from '@connectors/contract/oauth';
import { fakeVendor, loginThroughBrowser, useFakeVendor } from '@connectors/testkit';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connector } from '../src/connector.js';
import { CLOUD_ID, createRuntime, expectError, expectJiraHeaders, expectOk, fixture, GATEWAY, SITE, tool } from './harness.js';

// Nothing leaves the machine but the browser's visit to the loopback redirect, a real HTTP server here.
useFakeVendor({ allowLoopback: true });

const AUTH = 'https://auth.atlassian.com';
/** Recognisable fakes: none may reach any output. */
const CLIENT_ID = 'jira-oauth-client-id-0001';
const CLIENT_SECRET = 'ATOAjira-client-secret-canary-5f1e';
const ACCESS_1 = 'eyJhbGciOi.jira-access-canary-1111';
const REFRESH_1 = 'jira-refresh-canary-1111';
const ACCESS_2 = 'eyJhbGciOi.jira-access-canary-2222';
const REFRESH_2 = 'jira-refresh-canary-2222';
const SECRETS = [CLIENT_SECRET, ACCESS_1, REFRESH_1, ACCESS_2, REFRESH_2];

let dir: string;
let env: Record<string, string>;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jira-oauth-'));
  env = { HOME: dir, XDG_CONFIG_HOME: join(dir, 'xdg'), JIRA_OAUTH_CLIENT_ID: CLIENT_ID, JIRA_OAUTH_CLIENT_SECRET: CLIENT_SECRET, JIRA_CLOUD_ID: CLOUD_ID };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function expectNoSecrets(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

/** `auth login` against a mocked Atlassian token endpoint, the browser played by the testkit. */
async function login(): Promise<{ code: number; authorize: URL; out: string; tokenRequest: Record<string, string> }> {
  let tokenRequest: Record<string, string> = {};
  nock(AUTH)
    .post('/oauth/token', (body) => ((tokenRequest = body), true))
    .reply(200, {
      access_token: ACCESS_1,
      refresh_token: REFRESH_1,
      expires_in: 3600,
      token_type: 'Bearer',
      scope: 'read:jira-work write:jira-work read:jira-user offline_access',
    });
  const { exitCode, authorize, output } = await loginThroughBrowser(connector, { env, code: 'atlassian-code-1' });
  return { code: exitCode, authorize, out: output, tokenRequest };
}

describe('Jira OAuth login (3LO)', () => {
  it('logs in with Atlassian: audience, consent, offline_access, the registered callback URL, the client secret', async () => {
    const { code, authorize, out, tokenRequest } = await login();
    expect(code).toBe(0);
    expect(authorize.origin + authorize.pathname).toBe(`${AUTH}/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      audience: 'api.atlassian.com',
      prompt: 'consent',
      client_id: CLIENT_ID,
      response_type: 'code',
      scope: 'read:jira-work write:jira-work read:jira-user offline_access',
      // Atlassian only redirects to a callback URL registered exactly.
      redirect_uri: 'http://localhost:8719/callback',
      code_challenge_method: 'S256',
    });
    expect(tokenRequest).toMatchObject({ grant_type: 'authorization_code', code: 'atlassian-code-1', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    const file = tokenFilePath('jira', env);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(out).toContain('Logged in to Jira');
    expectNoSecrets(out);
  });

  it('then calls Jira through the gateway with the saved token, refreshing it when it expires', async () => {
    await login();
    // An hour later: the saved access token has expired.
    const file = tokenFilePath('jira', env);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...saved, expiresAt: new Date(Date.now() - 1000).toISOString() }), { mode: 0o600 });

    let refresh: Record<string, string> = {};
    nock(AUTH)
      .post('/oauth/token', (body) => ((refresh = body), true))
      .reply(200, { access_token: ACCESS_2, refresh_token: REFRESH_2, expires_in: 3600, token_type: 'Bearer' });
    const gateway = fakeVendor(GATEWAY);
    gateway.scope.get(`/ex/jira/${CLOUD_ID}/rest/api/3/myself`).reply(200, fixture('myself'));
    gateway.scope.get('/oauth/token/accessible-resources').reply(200, fixture('accessible-resources'));

    const envelope = expectOk(await createRuntime({ env, replaceEnv: true }).call(tool('health'), {}));
    expect(refresh).toMatchObject({ grant_type: 'refresh_token', refresh_token: REFRESH_1, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    for (const request of gateway.sent) expectJiraHeaders(request, { auth: `Bearer ${ACCESS_2}` });
    expect(envelope.data).toMatchObject({ status: 'ok', authMode: 'oauth_login', org: SITE, tokenExpiresAt: expect.any(String) });
    // Atlassian rotates refresh tokens: the new one is kept for next time.
    expect(JSON.parse(await readFile(file, 'utf8')).refreshToken).toBe(REFRESH_2);
    expectNoSecrets(JSON.stringify(envelope));
  });

  it('answers not_configured with the login command before anyone logged in, without calling Jira', async () => {
    const gateway = fakeVendor(GATEWAY);
    const runtime = createRuntime({ env, replaceEnv: true });
    const error = expectError(await runtime.call(tool('get_issue'), { issueKey: 'PROJ-1' }), 'not_configured');
    expect(error.hint).toContain('npx -y @connectors/jira auth login');
    const health = expectOk<{ status: string; problems: string[] }>(await runtime.call(tool('health'), {}));
    expect(health.data).toMatchObject({ status: 'not_configured', problems: [expect.stringContaining('npx -y @connectors/jira auth login')] });
    expect(gateway.sent).toEqual([]);
  });

  it('asks for the client secret before opening a browser', async () => {
    let err = '';
    const code = await runCli(connector, {
      argv: ['auth', 'login', '--no-browser'],
      env: { ...env, JIRA_OAUTH_CLIENT_SECRET: '' },
      out: () => {},
      err: (text) => void (err += text),
    });
    expect(code).toBe(2);
    expect(err).toContain('JIRA_OAUTH_CLIENT_SECRET');
    expect(err).not.toContain('https://auth.atlassian.com');
  });
});
