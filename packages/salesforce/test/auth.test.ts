// The four auth modes against a fake login host and org: which token request goes out, that tokens
// are cached and shared, renewed once on a 401 (and never twice), and never shown.
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useFakeVendor } from '@connectors/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API,
  call,
  createRuntime,
  expectError,
  expectOk,
  expectSalesforceHeaders,
  fixture,
  FRESH_TOKEN,
  INSTANCE_URL,
  LOGIN_URL,
  salesforceError,
  tool,
  vendor,
} from './harness.js';

useFakeVendor();

const CLIENT_ID = '3MVG9A2kN3Bn17hsWsLDatw._IVMEUBoPKv.7ksp0tz.F6s9bEXAMPLE';
const CLIENT_SECRET = 'E9F8D7C6B5A4clientsecretcanary3210';
const REFRESH_TOKEN = '5Aep861RefreshTokenCanary.LvsRw7W9xyz';
const SECOND_TOKEN = '00DHs000000ABCD!AQEAQSecondAccessToken.z9y8x7w6';
const ACCOUNT = '001Hs00002Wk4NtIAJ';
const getRecord = tool('get_record');
const args = { object: 'Account', id: ACCOUNT, fields: ['Name'] };
const recordPath = `${API}/sobjects/Account/${ACCOUNT}`;
const record = { attributes: { type: 'Account', url: recordPath }, Name: 'Edge Communications' };

/** No access token: the OAuth variables decide the mode. */
const oauthEnv = (env: Record<string, string | undefined>) => ({ SALESFORCE_ACCESS_TOKEN: undefined, SALESFORCE_INSTANCE_URL: undefined, ...env });
const clientCredentials = oauthEnv({ SALESFORCE_LOGIN_URL: INSTANCE_URL, SALESFORCE_CLIENT_ID: CLIENT_ID, SALESFORCE_CLIENT_SECRET: CLIENT_SECRET });
const refreshToken = oauthEnv({ SALESFORCE_CLIENT_ID: CLIENT_ID, SALESFORCE_CLIENT_SECRET: CLIENT_SECRET, SALESFORCE_REFRESH_TOKEN: REFRESH_TOKEN });
const SECRETS = [CLIENT_SECRET, REFRESH_TOKEN, SECOND_TOKEN];

describe('access token mode', () => {
  it('sends SALESFORCE_ACCESS_TOKEN to SALESFORCE_INSTANCE_URL without any token request', async () => {
    const { scope, sent } = vendor();
    scope.get(recordPath).query(true).reply(200, record);

    expectOk(await call(getRecord, args));

    expect(sent).toHaveLength(1);
    expectSalesforceHeaders(sent[0]);
  });

  it('does not try to renew on 401: one request, unauthorized with a hint to set a fresh token', async () => {
    const { scope, sent } = vendor();
    scope.get(recordPath).query(true).reply(401, salesforceError('INVALID_SESSION_ID', 'Session expired or invalid'));

    const error = expectError(await call(getRecord, args), 'unauthorized');

    expect(sent).toHaveLength(1);
    expect(error).toMatchObject({ vendorCode: 'INVALID_SESSION_ID', retryable: false, hint: expect.stringContaining('SALESFORCE_ACCESS_TOKEN') });
  });
});

describe('client credentials flow', () => {
  it('gets a token from the My Domain with grant_type=client_credentials, then calls the instance_url with it', async () => {
    const { scope, sent } = vendor();
    scope.post('/services/oauth2/token').reply(200, fixture('oauth-token-client-credentials'));
    scope.get(recordPath).query(true).reply(200, record);

    const envelope = expectOk(await createRuntime({ env: clientCredentials }).call(getRecord, args), { secrets: SECRETS });

    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /services/oauth2/token', `GET ${recordPath}`]);
    expect(sent[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent[0]!.headers.authorization).toBeUndefined();
    expect(sent[0]!.body).toEqual({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expectSalesforceHeaders(sent[1], { token: FRESH_TOKEN });
    expect(envelope.data).toEqual({ Name: 'Edge Communications' });
  });

  it('accepts SALESFORCE_INSTANCE_URL as the My Domain token host', async () => {
    const { scope, sent } = vendor();
    scope.post('/services/oauth2/token').reply(200, fixture('oauth-token-client-credentials'));
    scope.get(recordPath).query(true).reply(200, record);
    const env = { ...clientCredentials, SALESFORCE_LOGIN_URL: undefined, SALESFORCE_INSTANCE_URL: INSTANCE_URL };

    expectOk(await createRuntime({ env }).call(getRecord, args), { secrets: SECRETS });

    expect(sent[0]!.path).toBe('/services/oauth2/token');
  });

  it('reports the auth mode, scopes and token issue time in health', async () => {
    const { scope } = vendor();
    scope.post('/services/oauth2/token').reply(200, fixture('oauth-token-client-credentials'));
    scope.get(`${API}/`).reply(200, fixture('versions-resources'));
    scope.get('/services/oauth2/userinfo').reply(200, fixture('userinfo'));
    scope.get(`${API}/query`).query(true).reply(200, fixture('query-organization'));

    const envelope = expectOk(await createRuntime({ env: clientCredentials }).call(tool('health'), {}), { secrets: SECRETS });

    expect(envelope.data).toMatchObject({
      status: 'ok',
      authMode: 'client_credentials',
      loginUrl: INSTANCE_URL,
      instanceUrl: INSTANCE_URL,
      scopes: ['api'],
      tokenIssuedAt: '2025-11-21T16:00:00.000Z',
      user: 'Ada Lovelace <ada@acme-energy.com>',
    });
  });

  it('turns a refused grant into unauthorized with the flow, the OAuth error and a setup hint', async () => {
    const { scope, sent } = vendor();
    scope.post('/services/oauth2/token').reply(400, { error: 'invalid_grant', error_description: 'no client credentials user enabled' });

    const error = expectError(await createRuntime({ env: clientCredentials }).call(getRecord, args), 'unauthorized', { secrets: SECRETS });

    expect(sent).toHaveLength(1);
    expect(error).toMatchObject({
      message: 'Salesforce login answered 400: no access token from the client credentials flow: invalid_grant (no client credentials user enabled).',
      vendorCode: 'invalid_grant',
      hint: expect.stringContaining('run-as user'),
    });
  });

  it('refuses an instance_url that is not https, sending the token nowhere', async () => {
    const { scope, sent } = vendor();
    scope.post('/services/oauth2/token').reply(200, { ...fixture('oauth-token-client-credentials'), instance_url: 'http://acme.my.salesforce.com' });

    const error = expectError(await createRuntime({ env: clientCredentials }).call(getRecord, args), 'upstream_error', { secrets: SECRETS });

    expect(sent).toHaveLength(1);
    expect(error.message).toContain('not https');
  });
});

describe('refresh token flow', () => {
  it('exchanges the refresh token at SALESFORCE_LOGIN_URL (default login.salesforce.com), then uses the instance_url', async () => {
    const login = vendor(LOGIN_URL);
    login.scope.post('/services/oauth2/token').reply(200, fixture('oauth-token-refresh'));
    const org = vendor();
    org.scope.get(recordPath).query(true).reply(200, record);

    expectOk(await createRuntime({ env: refreshToken }).call(getRecord, args), { secrets: SECRETS });

    expect(login.sent[0]!.body).toEqual({ grant_type: 'refresh_token', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, refresh_token: REFRESH_TOKEN });
    expectSalesforceHeaders(org.sent[0], { token: FRESH_TOKEN });
  });

  it('leaves client_secret out when the app does not require one', async () => {
    const login = vendor(LOGIN_URL);
    login.scope.post('/services/oauth2/token').reply(200, fixture('oauth-token-refresh'));
    vendor().scope.get(recordPath).query(true).reply(200, record);

    expectOk(await createRuntime({ env: { ...refreshToken, SALESFORCE_CLIENT_SECRET: undefined } }).call(getRecord, args), { secrets: SECRETS });

    expect(login.sent[0]!.body).toEqual({ grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: REFRESH_TOKEN });
  });

  it('gets a token once and reuses it for later calls', async () => {
    const login = vendor(LOGIN_URL);
    login.scope.post('/services/oauth2/token').once().reply(200, fixture('oauth-token-refresh'));
    const org = vendor();
    org.scope.get(recordPath).query(true).times(3).reply(200, record);
    const runtime = createRuntime({ env: refreshToken });

    for (let i = 0; i < 3; i++) expectOk(await runtime.call(getRecord, args), { secrets: SECRETS });

    expect(login.sent).toHaveLength(1);
    expect(org.sent).toHaveLength(3);
  });

  it('shares one token request between concurrent first calls', async () => {
    const login = vendor(LOGIN_URL);
    login.scope.post('/services/oauth2/token').once().delay(20).reply(200, fixture('oauth-token-refresh'));
    const org = vendor();
    org.scope.get(recordPath).query(true).times(4).reply(200, record);
    const runtime = createRuntime({ env: refreshToken });

    const results = await Promise.all(Array.from({ length: 4 }, () => runtime.call(getRecord, args)));

    for (const result of results) expectOk(result, { secrets: SECRETS });
    expect(login.sent).toHaveLength(1);
  });

  it('on 401 INVALID_SESSION_ID refreshes once and repeats the request with the new token', async () => {
    const login = vendor(LOGIN_URL);
    login.scope.post('/services/oauth2/token').reply(200, fixture('oauth-token-refresh'));
    login.scope.post('/services/oauth2/token').reply(200, { ...fixture('oauth-token-refresh'), access_token: SECOND_TOKEN });
    const org = vendor();
    org.scope.get(recordPath).query(true).reply(401, salesforceError('INVALID_SESSION_ID', 'Session expired or invalid'));
    org.scope.get(recordPath).query(true).reply(200, record);

    const envelope = expectOk(await createRuntime({ env: refreshToken }).call(getRecord, args), { secrets: SECRETS });

    expect(login.sent).toHaveLength(2);
    expect(org.sent.map((r) => r.headers.authorization)).toEqual([`Bearer ${FRESH_TOKEN}`, `Bearer ${SECOND_TOKEN}`]);
    expect(envelope.data).toEqual({ Name: 'Edge Communications' });
  });

  it('does not refresh a second time when the renewed token is refused too', async () => {
    const login = vendor(LOGIN_URL);
    login.scope.post('/services/oauth2/token').twice().reply(200, fixture('oauth-token-refresh'));
    const org = vendor();
    org.scope.get(recordPath).query(true).twice().reply(401, salesforceError('INVALID_SESSION_ID', 'Session expired or invalid'));

    const error = expectError(await createRuntime({ env: refreshToken }).call(getRecord, args), 'unauthorized', { secrets: SECRETS });

    // First token, one refresh after the first 401, and then nothing more.
    expect(login.sent).toHaveLength(2);
    expect(org.sent).toHaveLength(2);
    expect(error).toMatchObject({ vendorCode: 'INVALID_SESSION_ID', hint: expect.stringContaining('freshly refreshed token was refused') });
  });

  it('answers unauthorized with the OAuth error when the refresh token is revoked', async () => {
    const login = vendor(LOGIN_URL);
    login.scope.post('/services/oauth2/token').reply(400, fixture('oauth-error-invalid-grant'));

    const error = expectError(await createRuntime({ env: refreshToken }).call(getRecord, args), 'unauthorized', { secrets: SECRETS });

    expect(login.sent).toHaveLength(1);
    expect(error).toMatchObject({ vendorCode: 'invalid_grant', hint: expect.stringContaining('authorise again') });
    expect(error.message).toContain('expired access/refresh token');
  });

  it('keeps a rotated refresh token for the next refresh and redacts it', async () => {
    const ROTATED = '5Aep861RotatedRefreshToken.Qq8Ww7Ee6';
    const login = vendor(LOGIN_URL);
    login.scope.post('/services/oauth2/token').reply(200, { ...fixture('oauth-token-refresh'), refresh_token: ROTATED });
    login.scope.post('/services/oauth2/token').reply(200, { ...fixture('oauth-token-refresh'), access_token: SECOND_TOKEN });
    const org = vendor();
    org.scope.get(recordPath).query(true).reply(401, salesforceError('INVALID_SESSION_ID', 'Session expired or invalid'));
    org.scope.get(recordPath).query(true).reply(200, record);

    expectOk(await createRuntime({ env: refreshToken }).call(getRecord, args), { secrets: [...SECRETS, ROTATED] });

    expect(login.sent[1]!.body).toMatchObject({ refresh_token: ROTATED });
  });
});

describe('JWT bearer flow', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  let dir: string;
  let keyFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'salesforce-jwt-'));
    keyFile = join(dir, 'server.key');
    await writeFile(keyFile, pem, { mode: 0o600 });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const jwtEnv = (key: Record<string, string | undefined>) =>
    oauthEnv({ SALESFORCE_CLIENT_ID: CLIENT_ID, SALESFORCE_USERNAME: 'integration@acme-energy.com', ...key });

  /** Checks the assertion like Salesforce does: RS256 over header.claims with the uploaded certificate's key. */
  function verifyAssertion(assertion: string, audience: string) {
    const [header, claims, signature] = assertion.split('.');
    const valid = createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(publicKey, Buffer.from(signature!, 'base64url'));
    expect(valid).toBe(true);
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'RS256' });
    const payload = JSON.parse(Buffer.from(claims!, 'base64url').toString());
    expect(payload).toEqual({ iss: CLIENT_ID, sub: 'integration@acme-energy.com', aud: audience, exp: expect.any(Number) });
    const lifetime = payload.exp - Date.now() / 1000;
    expect(lifetime).toBeGreaterThan(100);
    expect(lifetime).toBeLessThanOrEqual(180);
  }

  it('posts an RS256-signed assertion (key from SALESFORCE_PRIVATE_KEY with \\n escapes) and uses the token', async () => {
    const login = vendor(LOGIN_URL);
    login.scope.post('/services/oauth2/token').reply(200, fixture('oauth-token-jwt'));
    const org = vendor();
    org.scope.get(recordPath).query(true).reply(200, record);

    expectOk(await createRuntime({ env: jwtEnv({ SALESFORCE_PRIVATE_KEY: pem.replace(/\n/g, '\\n') }) }).call(getRecord, args), { secrets: SECRETS });

    const body = login.sent[0]!.body as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['assertion', 'grant_type']);
    expect(body.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    verifyAssertion(body.assertion!, LOGIN_URL);
    expectSalesforceHeaders(org.sent[0], { token: FRESH_TOKEN });
  });

  it('reads SALESFORCE_PRIVATE_KEY_FILE and signs for the sandbox login host', async () => {
    const login = vendor('https://test.salesforce.com');
    login.scope.post('/services/oauth2/token').reply(200, fixture('oauth-token-jwt'));
    vendor().scope.get(recordPath).query(true).reply(200, record);

    const env = jwtEnv({ SALESFORCE_PRIVATE_KEY_FILE: keyFile, SALESFORCE_LOGIN_URL: 'https://test.salesforce.com' });
    expectOk(await createRuntime({ env }).call(getRecord, args), { secrets: SECRETS });

    verifyAssertion((login.sent[0]!.body as Record<string, string>).assertion!, 'https://test.salesforce.com');
  });

  it('on 401 signs a new assertion once and repeats the request', async () => {
    const login = vendor(LOGIN_URL);
    login.scope.post('/services/oauth2/token').reply(200, fixture('oauth-token-jwt'));
    login.scope.post('/services/oauth2/token').reply(200, { ...fixture('oauth-token-jwt'), access_token: SECOND_TOKEN });
    const org = vendor();
    org.scope.get(recordPath).query(true).reply(401, salesforceError('INVALID_SESSION_ID', 'Session expired or invalid'));
    org.scope.get(recordPath).query(true).reply(200, record);

    expectOk(await createRuntime({ env: jwtEnv({ SALESFORCE_PRIVATE_KEY_FILE: keyFile }) }).call(getRecord, args), { secrets: SECRETS });

    expect(login.sent).toHaveLength(2);
    expect(org.sent[1]!.headers.authorization).toBe(`Bearer ${SECOND_TOKEN}`);
  });

  it('explains a user that is not pre-authorised for the app', async () => {
    const login = vendor(LOGIN_URL);
    login.scope.post('/services/oauth2/token').reply(400, { error: 'invalid_grant', error_description: "user hasn't approved this consumer" });

    const error = expectError(await createRuntime({ env: jwtEnv({ SALESFORCE_PRIVATE_KEY_FILE: keyFile }) }).call(getRecord, args), 'unauthorized');

    expect(error.message).toContain("user hasn't approved this consumer");
    expect(error.hint).toContain('pre-authorised');
  });

  it('answers not_configured for a key file that cannot be read, without any request', async () => {
    const { sent } = vendor(LOGIN_URL);
    const missing = join(dir, 'nope.key');

    const error = expectError(await createRuntime({ env: jwtEnv({ SALESFORCE_PRIVATE_KEY_FILE: missing }) }).call(getRecord, args), 'not_configured');

    expect(error.message).toBe(`SALESFORCE_PRIVATE_KEY_FILE could not be read (ENOENT): ${missing}.`);
    expect(sent).toEqual([]);
  });

  it('answers not_configured for a value that is not a PEM key, and never echoes it', async () => {
    const garbage = 'not-a-key-but-secret-1234567890';
    const error = expectError(await createRuntime({ env: jwtEnv({ SALESFORCE_PRIVATE_KEY: garbage }) }).call(getRecord, args), 'not_configured', {
      secrets: [garbage],
    });
    expect(error.message).toBe('SALESFORCE_PRIVATE_KEY is not a readable PEM private key.');
  });

  it('refuses a non-RSA key', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const error = expectError(await createRuntime({ env: jwtEnv({ SALESFORCE_PRIVATE_KEY: ec }) }).call(getRecord, args), 'not_configured');
    expect(error.message).toContain('needs an RSA key');
  });
});
