import { createServer } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { codeChallengeS256, createCodeVerifier, OAuthTokenStore, tokenFilePath } from '../src/oauth.js';
import {
  ConnectorError,
  defineTool,
  urlPath,
  z,
  type ToolContext,
  defineConnector,
  envVar,
  HttpClient,
  runCli,
  type ConnectorDefinition,
  type OAuthSpec,
  type StoredTokens,
} from '../src/index.js';
import { ConnectorRuntime } from '../src/server.js';

const AUTH = 'https://auth.crm.test';
const API = 'https://api.crm.test';
/** Obviously fake credentials; none of them may ever be printed. */
const CLIENT_ID = 'crm-client-id';
const CLIENT_SECRET = 'crm-client-secret-canary-91b2';
const ACCESS_1 = 'crm-access-canary-aaaa1111';
const REFRESH_1 = 'crm-refresh-canary-bbbb1111';
const ACCESS_2 = 'crm-access-canary-aaaa2222';
const REFRESH_2 = 'crm-refresh-canary-bbbb2222';
const ACCESS_3 = 'crm-access-canary-aaaa3333';
const REFRESH_3 = 'crm-refresh-canary-bbbb3333';

const oauth: OAuthSpec = {
  authorizeUrl: `${AUTH}/oauth/authorize`,
  tokenUrl: `${AUTH}/oauth/token`,
  revokeUrl: `${AUTH}/oauth/revoke`,
  scopes: ['contacts.read', 'contacts.write'],
  clientIdEnv: 'CRM_CLIENT_ID',
  clientSecretEnv: 'CRM_CLIENT_SECRET',
  authorizeParams: { access_type: 'offline', prompt: 'consent' },
};

const crm = defineConnector({
  id: 'crm',
  title: 'CRM',
  version: '0.0.1',
  description: 'Contacts.',
  config: {
    CRM_CLIENT_ID: envVar.string('OAuth client id of your CRM app.', { required: true }),
    CRM_CLIENT_SECRET: envVar.secret('OAuth client secret of your CRM app.', { required: true }),
  },
  toolsets: { contacts: 'Contacts.' },
  client: () => ({}),
  health: async () => ({}),
  tools: [],
  oauth,
});

let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  nock.disableNetConnect();
  // The loopback redirect is a real HTTP server; only it may be reached for real.
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oauth-test-'));
  env = { HOME: dir, XDG_CONFIG_HOME: join(dir, 'xdg'), CRM_CLIENT_ID: CLIENT_ID, CRM_CLIENT_SECRET: CLIENT_SECRET };
});
afterEach(async () => {
  nock.cleanAll();
  await rm(dir, { recursive: true, force: true });
});

function assertNoSecrets(text: string, extra: string[] = []) {
  for (const secret of [CLIENT_SECRET, ACCESS_1, REFRESH_1, ACCESS_2, REFRESH_2, ACCESS_3, REFRESH_3, ...extra]) expect(text).not.toContain(secret);
}

/** Runs `auth login` and hands back the authorize URL it printed, while the login waits for the redirect. */
function startLogin(
  argv: string[] = ['--no-browser'],
  extra: { openUrl?: (url: string) => Promise<void> } = {},
  connector: ConnectorDefinition<any, any> = crm,
) {
  let out = '';
  let err = '';
  let announce!: (url: URL) => void;
  const printed = new Promise<URL>((resolve) => (announce = resolve));
  const done = runCli(connector, {
    argv: ['auth', 'login', ...argv],
    env,
    out: (t) => void (out += t),
    err: (t) => {
      err += t;
      const match = /https:\/\/auth\.crm\.test\/\S+/.exec(t);
      if (match) announce(new URL(match[0]));
    },
    ...extra,
  });
  return { printed, done, output: () => out + err, out: () => out, err: () => err };
}

function tokenEndpoint() {
  const seen: { body?: Record<string, string> } = {};
  const scope = nock(AUTH)
    .post('/oauth/token', (body) => {
      seen.body = body;
      return true;
    })
    .reply(200, {
      access_token: ACCESS_1,
      refresh_token: REFRESH_1,
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'contacts.read contacts.write',
      instance_url: 'https://eu1.crm.test',
    });
  return { scope, seen };
}

describe('PKCE', () => {
  it('computes the S256 challenge of the RFC 7636 appendix B verifier', () => {
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('creates 43-character unreserved verifiers, a new one each time', () => {
    const a = createCodeVerifier();
    const b = createCodeVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(() => codeChallengeS256('too-short')).toThrow(/43-128/);
  });
});

describe('auth login', () => {
  it('runs the authorization code flow with PKCE and state through a loopback redirect, and stores the tokens 0600', async () => {
    const { scope, seen } = tokenEndpoint();
    const login = startLogin();
    const url = await login.printed;

    expect(url.origin + url.pathname).toBe(`${AUTH}/oauth/authorize`);
    const params = url.searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe(CLIENT_ID);
    expect(params.get('scope')).toBe('contacts.read contacts.write');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('access_type')).toBe('offline');
    expect(params.get('prompt')).toBe('consent');
    expect(params.get('state')).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    const redirectUri = new URL(params.get('redirect_uri')!);
    expect(redirectUri.hostname).toBe('127.0.0.1');
    expect(redirectUri.pathname).toBe('/callback');
    expect(Number(redirectUri.port)).toBeGreaterThan(0);
    expect(login.err()).toContain('Open this URL in a browser');

    // The browser comes back: a real HTTP request to the loopback server.
    const back = await fetch(`${redirectUri}?code=auth-code-123&state=${params.get('state')}`);
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('You can close this tab');
    expect(await login.done).toBe(0);

    expect(scope.isDone()).toBe(true);
    expect(seen.body).toMatchObject({
      grant_type: 'authorization_code',
      code: 'auth-code-123',
      redirect_uri: redirectUri.toString(),
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    // The verifier sent to the token endpoint is the one the challenge was made from.
    expect(codeChallengeS256(seen.body!.code_verifier!)).toBe(params.get('code_challenge'));

    const file = tokenFilePath('crm', env);
    expect(file).toBe(join(dir, 'xdg', 'connectors', 'crm', 'tokens.json'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(file, '..'))).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(await readFile(file, 'utf8')) as StoredTokens;
    expect(stored).toMatchObject({
      version: 1,
      accessToken: ACCESS_1,
      refreshToken: REFRESH_1,
      tokenType: 'Bearer',
      scopes: ['contacts.read', 'contacts.write'],
      clientId: CLIENT_ID,
      extra: { instance_url: 'https://eu1.crm.test' },
    });
    expect(Date.parse(stored.expiresAt!) - Date.now()).toBeGreaterThan(3500_000);

    expect(login.out()).toContain(`Logged in to CRM. Tokens saved to ${file}`);
    assertNoSecrets(login.output(), [seen.body!.code_verifier!]);
    // The listener is gone once the login is over.
    await expect(fetch(redirectUri)).rejects.toThrow();
  });

  it('opens the browser when --no-browser is not given (and still prints the URL)', async () => {
    tokenEndpoint();
    const opened: string[] = [];
    const login = startLogin([], { openUrl: async (url) => void opened.push(url) });
    const url = await login.printed;
    await new Promise((resolve) => setImmediate(resolve));
    expect(opened).toEqual([url.toString()]);
    expect(login.err()).toContain('Opening a browser');
    await fetch(`${url.searchParams.get('redirect_uri')}?code=c&state=${url.searchParams.get('state')}`);
    expect(await login.done).toBe(0);
  });

  it('rejects a redirect whose state does not match, without exchanging the code', async () => {
    const { scope } = tokenEndpoint();
    const login = startLogin();
    const url = await login.printed;
    const back = await fetch(`${url.searchParams.get('redirect_uri')}?code=stolen-code&state=forged-state-value`);
    expect(back.status).toBe(400);
    expect(await login.done).toBe(1);
    expect(login.err()).toContain('state that does not match');
    expect(scope.isDone()).toBe(false);
    await expect(stat(tokenFilePath('crm', env))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports a denied authorization', async () => {
    const login = startLogin();
    const url = await login.printed;
    await fetch(`${url.searchParams.get('redirect_uri')}?error=access_denied&error_description=User+said+no&state=${url.searchParams.get('state')}`);
    expect(await login.done).toBe(1);
    expect(login.err()).toContain('CRM did not authorize the login: access_denied (User said no)');
  });

  it('reports a refused code exchange without echoing the code, verifier or secret', async () => {
    let verifier = '';
    nock(AUTH)
      .post('/oauth/token', (body) => ((verifier = body.code_verifier), true))
      .reply(400, { error: 'invalid_grant', error_description: 'Code auth-code-xyz expired' });
    const login = startLogin();
    const url = await login.printed;
    await fetch(`${url.searchParams.get('redirect_uri')}?code=auth-code-xyz&state=${url.searchParams.get('state')}`);
    expect(await login.done).toBe(1);
    expect(login.err()).toContain('The CRM token endpoint refused the request: invalid_grant');
    expect(login.output()).not.toContain('auth-code-xyz');
    assertNoSecrets(login.output(), [verifier]);
  });

  it('ignores other paths on the loopback server (a favicon request does not end the login)', async () => {
    tokenEndpoint();
    const login = startLogin();
    const url = await login.printed;
    const redirect = new URL(url.searchParams.get('redirect_uri')!);
    expect((await fetch(`${redirect.origin}/favicon.ico`)).status).toBe(404);
    await fetch(`${redirect}?code=c&state=${url.searchParams.get('state')}`);
    expect(await login.done).toBe(0);
  });

  it('listens on the port given with --redirect-port', async () => {
    const port = await freePort();
    tokenEndpoint();
    const login = startLogin(['--no-browser', '--redirect-port', String(port)]);
    const url = await login.printed;
    expect(url.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${port}/callback`);
    await fetch(`http://127.0.0.1:${port}/callback?code=c&state=${url.searchParams.get('state')}`);
    expect(await login.done).toBe(0);
  });

  it('asks for the scopes the configuration and --read-only call for', async () => {
    const scoped = defineConnector({
      ...crm,
      oauth: { ...oauth, scopes: ({ readOnly }) => (readOnly ? ['contacts.read'] : ['contacts.read', 'contacts.write']) },
    });
    tokenEndpoint();
    const login = startLogin(['--no-browser', '--read-only'], {}, scoped);
    const url = await login.printed;
    expect(url.searchParams.get('scope')).toBe('contacts.read');
    await fetch(`${url.searchParams.get('redirect_uri')}?code=c&state=${url.searchParams.get('state')}`);
    expect(await login.done).toBe(0);
  });

  it('falls back to a free port when the fixed redirect port is taken, if the spec allows it; fails clearly otherwise', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const taken = (busy.address() as { port: number }).port;
    try {
      const strict = defineConnector({ ...crm, oauth: { ...oauth, redirectPort: taken } });
      let err = '';
      const code = await runCli(strict, { argv: ['auth', 'login', '--no-browser'], env, out: () => {}, err: (t) => void (err += t) });
      expect(code).toBe(2);
      expect(err).toContain(`Port ${taken} on 127.0.0.1 is in use`);

      tokenEndpoint();
      const lenient = defineConnector({ ...crm, oauth: { ...oauth, redirectPort: taken, redirectPortFallback: true } });
      const login = startLogin(['--no-browser'], {}, lenient);
      const url = await login.printed;
      const redirect = new URL(url.searchParams.get('redirect_uri')!);
      expect(Number(redirect.port)).not.toBe(taken);
      await fetch(`${redirect}?code=c&state=${url.searchParams.get('state')}`);
      expect(await login.done).toBe(0);
    } finally {
      busy.close();
    }
  });

  it('asks for the client id before starting', async () => {
    delete env.CRM_CLIENT_ID;
    let err = '';
    const code = await runCli(crm, { argv: ['auth', 'login', '--no-browser'], env, err: (t) => void (err += t), out: () => {} });
    expect(code).toBe(2);
    expect(err).toContain('Set CRM_CLIENT_ID');
    assertNoSecrets(err);
  });
});

describe('auth status and logout', () => {
  async function run(argv: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(crm, { argv, env, out: (t) => void (out += t), err: (t) => void (err += t) });
    return { code, out, err };
  }

  it('status says not logged in (exit 1), then shows the login without any token (exit 0)', async () => {
    const before = await run(['auth', 'status']);
    expect(before.code).toBe(1);
    expect(before.out).toContain('Not logged in to CRM');

    await seedTokens({ expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    const after = await run(['auth', 'status']);
    expect(after.code).toBe(0);
    expect(after.out).toContain('Logged in to CRM.');
    expect(after.out).toContain('refresh token: yes');
    expect(after.out).toContain('scopes:        contacts.read');
    assertNoSecrets(after.out + after.err);

    const json = await run(['auth', 'status', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ loggedIn: true, expired: false, canRefresh: true });
    assertNoSecrets(json.out);
  });

  it('logout revokes the refresh token and removes the file', async () => {
    await seedTokens({});
    let revoked: Record<string, string> | undefined;
    nock(AUTH)
      .post('/oauth/revoke', (body) => ((revoked = body), true))
      .reply(200);
    const result = await run(['auth', 'logout']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Logged out of CRM');
    expect(revoked).toMatchObject({ token: REFRESH_1, token_type_hint: 'refresh_token', client_id: CLIENT_ID });
    await expect(stat(tokenFilePath('crm', env))).rejects.toMatchObject({ code: 'ENOENT' });
    assertNoSecrets(result.out + result.err);

    expect((await run(['auth', 'logout'])).out).toContain('Not logged in to CRM; nothing to remove.');
  });

  it('connectors without oauth keep the clear message', async () => {
    const plain = defineConnector({ ...crm, id: 'plain', title: 'Plain', oauth: undefined });
    let err = '';
    const code = await runCli(plain, { argv: ['auth', 'login'], env, err: (t) => void (err += t), out: () => {} });
    expect(code).toBe(2);
    expect(err).toContain('Plain does not use an OAuth login');
  });

  it('rejects an unknown auth subcommand', async () => {
    const result = await run(['auth', 'whoami']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('Use: auth login|status|logout');
  });
});

describe('OAuthTokenStore', () => {
  function store(options: { now?: () => number; onSecret?: (v: string | undefined) => void } = {}) {
    return new OAuthTokenStore({
      connectorId: 'crm',
      vendor: 'CRM',
      oauth,
      config: { CRM_CLIENT_ID: CLIENT_ID, CRM_CLIENT_SECRET: CLIENT_SECRET },
      env,
      ...options,
    });
  }

  it('refreshes an expired token, persists the rotated refresh token (0600), and uses it next time', async () => {
    await seedTokens({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    const bodies: Record<string, string>[] = [];
    nock(AUTH)
      .post('/oauth/token', (body) => (bodies.push(body), true))
      .reply(200, { access_token: ACCESS_2, refresh_token: REFRESH_2, expires_in: 3600, token_type: 'Bearer' })
      .post('/oauth/token', (body) => (bodies.push(body), true))
      .reply(200, { access_token: ACCESS_3, refresh_token: REFRESH_3, expires_in: 3600, token_type: 'Bearer' });

    let now = Date.now();
    const tokens = store({ now: () => now });
    expect(await tokens.getAccessToken()).toBe(ACCESS_2);
    expect(bodies[0]).toEqual({ grant_type: 'refresh_token', refresh_token: REFRESH_1, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });

    const file = tokenFilePath('crm', env);
    const saved = JSON.parse(await readFile(file, 'utf8')) as StoredTokens;
    expect(saved).toMatchObject({ accessToken: ACCESS_2, refreshToken: REFRESH_2, scopes: ['contacts.read', 'contacts.write'] });
    expect(saved.refreshedAt).toBeDefined();
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    // Still valid: no request.
    expect(await tokens.getAccessToken()).toBe(ACCESS_2);
    expect(bodies).toHaveLength(1);

    // An hour later it has expired: the rotated refresh token is the one spent.
    now += 3600_000;
    expect(await tokens.getAccessToken()).toBe(ACCESS_3);
    expect(bodies[1]!.refresh_token).toBe(REFRESH_2);
    expect(JSON.parse(await readFile(file, 'utf8')).refreshToken).toBe(REFRESH_3);
  });

  it('keeps the old refresh token when the vendor does not rotate it', async () => {
    await seedTokens({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    nock(AUTH).post('/oauth/token').reply(200, { access_token: ACCESS_2, expires_in: 3600 });
    expect(await store().getAccessToken()).toBe(ACCESS_2);
    expect(JSON.parse(await readFile(tokenFilePath('crm', env), 'utf8')).refreshToken).toBe(REFRESH_1);
  });

  it('shares one refresh between concurrent callers', async () => {
    await seedTokens({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    const scope = nock(AUTH).post('/oauth/token').delay(50).reply(200, { access_token: ACCESS_2, refresh_token: REFRESH_2, expires_in: 3600 });
    const tokens = store();
    expect(await Promise.all([tokens.getAccessToken(), tokens.getAccessToken(), tokens.getAccessToken()])).toEqual([ACCESS_2, ACCESS_2, ACCESS_2]);
    expect(scope.isDone()).toBe(true);
  });

  it('says unauthorized, with the login command and no token, when the refresh token was revoked', async () => {
    await seedTokens({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    nock(AUTH)
      .post('/oauth/token')
      .reply(400, { error: 'invalid_grant', error_description: `Token ${REFRESH_1} was revoked` });
    const error = (await store()
      .getAccessToken()
      .catch((e: unknown) => e)) as ConnectorError;
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.code).toBe('unauthorized');
    expect(error.hint).toContain('npx -y @connectors/crm auth login');
    assertNoSecrets(`${error.message} ${error.hint}`);
  });

  it('says not_configured, naming the login command, when nobody logged in', async () => {
    await expect(store().getAccessToken()).rejects.toMatchObject({
      hint: expect.stringContaining('auth login'),
      code: 'not_configured',
      message: expect.stringContaining('Not logged in to CRM'),
    });
  });

  it('gives HttpClient a bearer token and, on a 401, refreshes once and repeats the request', async () => {
    await seedTokens({ expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    nock(API).get('/v1/me').matchHeader('authorization', `Bearer ${ACCESS_1}`).reply(401, { message: 'token revoked' });
    nock(AUTH).post('/oauth/token').reply(200, { access_token: ACCESS_2, refresh_token: REFRESH_2, expires_in: 3600 });
    nock(API).get('/v1/me').matchHeader('authorization', `Bearer ${ACCESS_2}`).reply(200, { id: 'u1' });

    const secrets: string[] = [];
    const tokens = store({ onSecret: (v) => v && secrets.push(v) });
    const http = new HttpClient({ baseUrl: API, vendor: 'CRM', ...tokens.httpAuth() });
    expect(await http.get('/v1/me')).toEqual({ id: 'u1' });
    expect(nock.isDone()).toBe(true);
    // Every token seen is handed to the runtime's redactor.
    expect(secrets).toEqual(expect.arrayContaining([ACCESS_1, REFRESH_1, ACCESS_2, REFRESH_2, CLIENT_SECRET]));
  });

  it('uses a token another process refreshed meanwhile instead of spending the refresh token again', async () => {
    await seedTokens({ expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    const tokens = store();
    // The server rejected ACCESS_1, but the file already holds a newer, valid token.
    await seedTokens({ accessToken: ACCESS_2, refreshToken: REFRESH_2, expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    expect((await tokens.refresh(ACCESS_1)).accessToken).toBe(ACCESS_2);
  });
});

describe('OAuth wired into the runtime', () => {
  const contact = defineTool({
    action: 'get_contact',
    title: 'Get contact',
    description: 'One contact.',
    toolset: 'contacts',
    access: 'read',
    input: z.object({ id: z.string().max(20) }),
    output: z.object({ id: z.string(), note: z.string() }),
    examples: [{ id: 'c1' }],
    handler: async (input, ctx: ToolContext<HttpClient>) => ({ data: await ctx.client.get<{ id: string; note: string }>(urlPath`/v1/contacts/${input.id}`) }),
  });
  const crmApi = defineConnector({
    ...crm,
    client: (_values, deps) => deps.http({ vendor: 'CRM', baseUrl: API, ...deps.oauth!.httpAuth() }),
    health: async ({ client }) => ({ user: (await client.get<{ name: string }>('/v1/me')).name }),
    tools: [contact],
  });
  const runtime = () => new ConnectorRuntime(crmApi, { env });

  it('answers not_configured naming the login command while nobody has logged in, without calling the vendor', async () => {
    const api = nock(API).get(/.*/).reply(200, {});
    const result = await runtime().callTool('crm_get_contact', { id: 'c1' });
    expect(result.structuredContent).toMatchObject({
      ok: false,
      error: {
        code: 'not_configured',
        message: expect.stringContaining('Not logged in to CRM'),
        hint: expect.stringContaining('`npx -y @connectors/crm auth login`'),
      },
    });
    const health = await runtime().callTool('crm_health', {});
    expect(health.structuredContent).toMatchObject({
      ok: true,
      data: { status: 'not_configured', problems: [expect.stringContaining('npx -y @connectors/crm auth login')] },
    });
    expect(api.isDone()).toBe(false);
  });

  it('sends the saved token, refreshes it when expired, redacts it, and health reports scopes and expiry', async () => {
    await seedTokens({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    nock(AUTH).post('/oauth/token').reply(200, { access_token: ACCESS_2, refresh_token: REFRESH_2, expires_in: 3600, scope: 'contacts.read' });
    // A vendor that echoes the token back must not put it in front of the model.
    nock(API)
      .get('/v1/contacts/c1')
      .matchHeader('authorization', `Bearer ${ACCESS_2}`)
      .reply(200, { id: 'c1', note: `seen ${ACCESS_2}` });
    nock(API).get('/v1/me').matchHeader('authorization', `Bearer ${ACCESS_2}`).reply(200, { name: 'Ada' });
    const connector = runtime();
    const result = await connector.callTool('crm_get_contact', { id: 'c1' });
    expect(result.structuredContent).toMatchObject({ ok: true, data: { id: 'c1', note: 'seen [REDACTED]' } });
    assertNoSecrets(JSON.stringify(result));
    const health = await connector.callTool('crm_health', {});
    expect(health.structuredContent).toMatchObject({
      ok: true,
      data: { status: 'ok', user: 'Ada', scopes: ['contacts.read'], tokenExpiresAt: expect.any(String) },
    });
    expect(JSON.parse(await readFile(tokenFilePath('crm', env), 'utf8')).refreshToken).toBe(REFRESH_2);
    expect(nock.isDone()).toBe(true);
  });

  it('answers unauthorized naming the login command when the saved login was revoked', async () => {
    await seedTokens({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    nock(AUTH).post('/oauth/token').reply(400, { error: 'invalid_grant' });
    const result = await runtime().callTool('crm_get_contact', { id: 'c1' });
    expect(result.structuredContent).toMatchObject({ ok: false, error: { code: 'unauthorized', hint: expect.stringContaining('auth login') } });
  });
});

describe('defineConnector with oauth', () => {
  it('requires the client id and secret variables to be declared, the secret as a secret', () => {
    expect(() => defineConnector({ ...crm, oauth: { ...oauth, clientIdEnv: 'NOPE' } })).toThrow(/clientIdEnv "NOPE" must be declared/);
    expect(() => defineConnector({ ...crm, config: { ...crm.config, CRM_CLIENT_SECRET: envVar.string('not marked secret') } })).toThrow(
      /must be declared as a secret/,
    );
    expect(() => defineConnector({ ...crm, oauth: { ...oauth, tokenUrl: 'ftp://x' } })).toThrow(/tokenUrl/);
  });
});

async function seedTokens(overrides: Partial<StoredTokens>) {
  const file = tokenFilePath('crm', env);
  await mkdir(join(file, '..'), { recursive: true });
  const tokens: StoredTokens = {
    version: 1,
    accessToken: ACCESS_1,
    refreshToken: REFRESH_1,
    tokenType: 'Bearer',
    scopes: ['contacts.read', 'contacts.write'],
    obtainedAt: new Date().toISOString(),
    clientId: CLIENT_ID,
    ...overrides,
  };
  await writeFile(file, JSON.stringify(tokens), { mode: 0o600 });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

describe('several accounts (accountEnv)', () => {
  const multi = defineConnector({
    ...crm,
    id: 'crm',
    config: { ...crm.config, CRM_ACCOUNT: envVar.string('Which saved login to use (an e-mail).') },
    oauth: {
      ...oauth,
      accountEnv: 'CRM_ACCOUNT',
      scopes: ({ toolsets }) => (toolsets?.includes('contacts') === false ? ['profile'] : ['contacts.read', 'profile']),
    },
    client: (_values, deps) => deps.http({ vendor: 'CRM', baseUrl: API, ...deps.oauth!.httpAuth() }),
    health: async ({ client }) => ({ user: (await (client as HttpClient).get<{ name: string }>('/v1/me')).name }),
    tools: [],
  });
  const idToken = (email: string) => `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ iss: AUTH, email, sub: '1' })).toString('base64url')}.c2lnbmF0dXJl`;

  function endpointFor(email: string, access: string) {
    return nock(AUTH)
      .post('/oauth/token')
      .reply(200, { access_token: access, refresh_token: `${access}-refresh`, token_type: 'Bearer', expires_in: 3600, id_token: idToken(email) });
  }

  async function loginAs(account: string, email: string, access: string, argv: string[] = []) {
    const scope = endpointFor(email, access);
    const login = startLogin(['--no-browser', '--account', account, ...argv], {}, multi);
    const url = await login.printed;
    const redirect = new URL(url.searchParams.get('redirect_uri')!);
    await fetch(`${redirect}?code=c&state=${url.searchParams.get('state')}`);
    const code = await login.done;
    return { code, url, login, scope };
  }

  it('keeps each account’s tokens in its own 0600 file, offers the account to the vendor (login_hint), and names it', async () => {
    const mia = await loginAs('Mia@Example.com', 'mia@example.com', 'crm-access-mia-0001');
    expect(mia.code).toBe(0);
    expect(mia.url.searchParams.get('login_hint')).toBe('Mia@Example.com');
    const miaFile = tokenFilePath('crm', env, process.platform, 'mia@example.com');
    expect(miaFile).toBe(join(dir, 'xdg', 'connectors', 'crm', 'accounts', 'mia@example.com.json'));
    expect((await stat(miaFile)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(miaFile, 'utf8'))).toMatchObject({ accessToken: 'crm-access-mia-0001', account: 'mia@example.com' });
    expect(mia.login.out()).toContain('Logged in to CRM as Mia@Example.com.');
    expect(JSON.stringify(JSON.parse(await readFile(miaFile, 'utf8')))).not.toContain('eyJhbGciOiJSUzI1NiJ9');

    expect((await loginAs('ada@example.com', 'ada@example.com', 'crm-access-ada-0002')).code).toBe(0);
    // Neither login touched the other's file, nor the default one.
    expect(JSON.parse(await readFile(miaFile, 'utf8')).accessToken).toBe('crm-access-mia-0001');
    await expect(stat(tokenFilePath('crm', env))).rejects.toMatchObject({ code: 'ENOENT' });

    // The server uses the account its configuration names.
    const api = nock(API, { reqheaders: { authorization: 'Bearer crm-access-ada-0002' } })
      .get('/v1/me')
      .reply(200, { name: 'Ada' });
    const rt = new ConnectorRuntime(multi, { env: { ...env, CRM_ACCOUNT: 'ada@example.com' } });
    expect((await rt.callTool('crm_health', {})).structuredContent).toMatchObject({ ok: true, data: { status: 'ok', user: 'Ada' } });
    expect(api.isDone()).toBe(true);
    const nobody = new ConnectorRuntime(multi, { env: { ...env, CRM_ACCOUNT: 'eve@example.com' } });
    expect((await nobody.callTool('crm_health', {})).structuredContent).toMatchObject({
      data: { status: 'not_configured', problems: [expect.stringMatching(/Not logged in to CRM as eve@example\.com.*auth login --account eve@example\.com/)] },
    });
  });

  it('refuses to save a login made as another account than the one asked for', async () => {
    const wrong = await loginAs('mia@example.com', 'eve@example.com', 'crm-access-eve-0003');
    expect(wrong.code).toBe(2);
    expect(wrong.login.err()).toContain('You logged in to CRM as eve@example.com, not mia@example.com; nothing was saved.');
    await expect(stat(tokenFilePath('crm', env, process.platform, 'mia@example.com'))).rejects.toMatchObject({ code: 'ENOENT' });
    assertNoSecrets(wrong.login.output(), ['crm-access-eve-0003']);
  });

  it('status and logout act on the account given; --services asks only the scopes of those toolsets', async () => {
    const mia = await loginAs('mia@example.com', 'mia@example.com', 'crm-access-mia-0004', ['--services', 'notes']);
    expect(mia.url.searchParams.get('scope')).toBe('profile');
    let out = '';
    expect(await runCli(multi, { argv: ['auth', 'status', '--account', 'mia@example.com'], env, out: (t) => void (out += t), err: () => {} })).toBe(0);
    expect(out).toContain('Logged in to CRM as mia@example.com.');
    out = '';
    expect(await runCli(multi, { argv: ['auth', 'status', '--account', 'ada@example.com'], env, out: (t) => void (out += t), err: () => {} })).toBe(1);
    expect(out).toContain('Not logged in to CRM as ada@example.com');
    nock(AUTH).post('/oauth/revoke').reply(200);
    out = '';
    expect(await runCli(multi, { argv: ['auth', 'logout', '--account', 'mia@example.com'], env, out: (t) => void (out += t), err: () => {} })).toBe(0);
    expect(out).toContain('Logged out of CRM as mia@example.com');
    await expect(stat(tokenFilePath('crm', env, process.platform, 'mia@example.com'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses --account for connectors with one login, on other commands, and names that are not safe as file names', async () => {
    let err = '';
    expect(await runCli(crm, { argv: ['auth', 'login', '--account', 'mia@example.com'], env, out: () => {}, err: (t) => void (err += t) })).toBe(2);
    expect(err).toContain('keeps one login');
    err = '';
    expect(await runCli(multi, { argv: ['serve', '--account', 'mia@example.com'], env, out: () => {}, err: (t) => void (err += t) })).toBe(2);
    expect(err).toContain('--account is for `auth');
    err = '';
    expect(await runCli(multi, { argv: ['auth', 'status', '--account', '../../etc/passwd'], env, out: () => {}, err: (t) => void (err += t) })).toBe(2);
    expect(err).toContain('Invalid account');
  });
});
