import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenFilePath } from '@connectors/contract/oauth';
import { fakeVendor, loginThroughBrowser, useFakeVendor } from '@connectors/testkit';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connector } from '../src/connector.js';
import { BASE_URL, createRuntime, expectOk, fixture, tool } from './harness.js';

// Nothing leaves the machine but the browser's visit to the loopback redirect, a real HTTP server here.
useFakeVendor({ allowLoopback: true });

const TOKEN_HOST = 'https://oauth2.googleapis.com';
const CLIENT_ID = '1234567890-canary.apps.googleusercontent.com';
const CLIENT_SECRET = 'GOCSPX-canary-secret-4f1e';
const ACCESS_1 = 'ya29.canary-access-1111';
const REFRESH_1 = '1//canary-refresh-1111';
const ACCESS_2 = 'ya29.canary-access-2222';
const SCOPE = 'https://www.googleapis.com/auth/';

let dir: string;
let env: Record<string, string>;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'google-oauth-'));
  env = { HOME: dir, XDG_CONFIG_HOME: join(dir, 'xdg'), GOOGLE_CLIENT_ID: CLIENT_ID, GOOGLE_CLIENT_SECRET: CLIENT_SECRET };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** `auth login` against a mocked Google token endpoint, the browser played by the testkit. */
async function login(argv: string[], extraEnv: Record<string, string> = {}, email = 'mia@example.com') {
  let exchange: Record<string, string> = {};
  // Google's ID token names the account that logged in (only its claims matter here).
  const idToken = `eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.${Buffer.from(JSON.stringify({ iss: 'https://accounts.google.com', email, email_verified: true })).toString('base64url')}.c2ln`;
  nock(TOKEN_HOST)
    .post('/token', (body) => ((exchange = body), true))
    .reply(200, {
      access_token: ACCESS_1,
      refresh_token: REFRESH_1,
      expires_in: 3599,
      token_type: 'Bearer',
      scope: `openid ${SCOPE}gmail.readonly`,
      id_token: idToken,
    });
  const { exitCode, authorize, output } = await loginThroughBrowser(connector, { env: { ...env, ...extraEnv }, argv, code: 'google-code-1' });
  return { code: exitCode, authorize, out: output, exchange };
}

describe('Google OAuth login (Desktop app)', () => {
  it('explains the seven-day limit of apps in Testing when Google refuses the refresh token', async () => {
    await login([]);
    const file = tokenFilePath('google-workspace', env);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...saved, expiresAt: new Date(Date.now() - 1000).toISOString() }), { mode: 0o600 });
    nock(TOKEN_HOST).post('/token').reply(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    const result = await createRuntime({ env: { ...env, GOOGLE_ACCESS_TOKEN: undefined } }).call(tool('list_labels'), {});
    expect(result.structuredContent).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', hint: expect.stringMatching(/auth login.*Testing, Google ends its logins after seven days/) },
    });
    expect(JSON.stringify(result)).not.toContain(REFRESH_1);
  });

  it('asks Google for offline access, consent, incremental scopes of the enabled services, on 127.0.0.1:18765 (or a free port)', async () => {
    const { code, authorize, out, exchange } = await login([], { GOOGLE_WORKSPACE_SERVICES: 'gmail,calendar' });
    expect(code).toBe(0);
    expect(authorize.origin + authorize.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
      client_id: CLIENT_ID,
      scope: `openid email ${SCOPE}gmail.modify ${SCOPE}calendar`,
      code_challenge_method: 'S256',
    });
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(exchange).toMatchObject({ grant_type: 'authorization_code', code: 'google-code-1', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    for (const secret of [CLIENT_SECRET, ACCESS_1, REFRESH_1]) expect(out).not.toContain(secret);
  });

  it('asks only read-only scopes with --read-only', async () => {
    const { authorize } = await login(['--read-only']);
    expect(authorize.searchParams.get('scope')).toBe(`openid email ${SCOPE}gmail.readonly ${SCOPE}drive.readonly ${SCOPE}calendar.readonly`);
  });

  it('then calls Gmail with the saved token, refreshing it when it has expired, and keeps the refresh token Google did not rotate', async () => {
    await login([]);
    const file = tokenFilePath('google-workspace', env);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...saved, expiresAt: new Date(Date.now() - 1000).toISOString() }), { mode: 0o600 });
    let refresh: Record<string, string> = {};
    nock(TOKEN_HOST)
      .post('/token', (body) => ((refresh = body), true))
      .reply(200, { access_token: ACCESS_2, expires_in: 3599, token_type: 'Bearer', scope: `openid ${SCOPE}gmail.readonly` });
    const google = fakeVendor(BASE_URL);
    google.scope.get('/gmail/v1/users/me/labels').reply(200, fixture('api-labels'));
    const envelope = expectOk(await createRuntime({ env: { ...env, GOOGLE_ACCESS_TOKEN: undefined } }).call(tool('list_labels'), {}));
    expect(envelope.data).toHaveLength(4);
    expect(refresh).toMatchObject({ grant_type: 'refresh_token', refresh_token: REFRESH_1, client_secret: CLIENT_SECRET });
    expect(google.sent[0]?.headers.authorization).toBe(`Bearer ${ACCESS_2}`);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ accessToken: ACCESS_2, refreshToken: REFRESH_1 });
    expect(JSON.stringify(envelope)).not.toContain(ACCESS_2);
  });

  it('with --services, asks only those services’ scopes (Google keeps the ones granted before)', async () => {
    const { authorize } = await login(['--services', 'drive']);
    expect(authorize.searchParams.get('scope')).toBe(`openid email ${SCOPE}drive`);
    expect(authorize.searchParams.get('include_granted_scopes')).toBe('true');
  });

  it('with --account, offers that account to Google, keeps its login apart, and GOOGLE_ACCOUNT picks it for the server', async () => {
    const mia = await login(['--account', 'mia@example.com']);
    expect(mia.code).toBe(0);
    expect(mia.authorize.searchParams.get('login_hint')).toBe('mia@example.com');
    const file = tokenFilePath('google-workspace', env, process.platform, 'mia@example.com');
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ accessToken: ACCESS_1, account: 'mia@example.com' });
    const google = fakeVendor(BASE_URL);
    google.scope.get('/gmail/v1/users/me/labels').reply(200, fixture('api-labels'));
    expectOk(await createRuntime({ env: { ...env, GOOGLE_ACCESS_TOKEN: undefined, GOOGLE_ACCOUNT: 'mia@example.com' } }).call(tool('list_labels'), {}));
    expect(google.sent[0]?.headers.authorization).toBe(`Bearer ${ACCESS_1}`);
    // The default login (no --account) is another one, not made yet.
    const other = await createRuntime({ env: { ...env, GOOGLE_ACCESS_TOKEN: undefined } }).call(tool('list_labels'), {});
    expect(other.structuredContent).toMatchObject({ ok: false, error: { code: 'not_configured' } });
  });

  it('refuses a login made in the browser with another Google account than --account', async () => {
    const wrong = await login(['--account', 'mia@example.com'], {}, 'mia.private@gmail.com');
    expect(wrong.code).toBe(2);
    expect(wrong.out).toContain('as mia.private@gmail.com, not mia@example.com; nothing was saved');
  });
});
