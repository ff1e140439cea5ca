import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeVendor, useFakeVendor } from '@connectors/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, fixture, tool, vendor } from './harness.js';

useFakeVendor();
const DIR = mkdtempSync(join(tmpdir(), 'google-sa-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const KEY_FILE = join(DIR, 'sa.json');
writeFileSync(
  KEY_FILE,
  JSON.stringify({
    type: 'service_account',
    project_id: 'acme-connectors',
    private_key_id: '3f1c9a7d0b2e4f6a8c1d3e5f7a9b0c2d4e6f8a1b',
    private_key: PEM,
    client_email: 'connectors@acme-connectors.iam.gserviceaccount.com',
    client_id: '104857392019283746501',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token',
  }),
);
const SA_ENV = { GOOGLE_ACCESS_TOKEN: undefined, GOOGLE_SERVICE_ACCOUNT_KEY_FILE: KEY_FILE, GOOGLE_IMPERSONATE_USER: 'mia@example.com' };
const MINTED = 'ya29.c.service_account_minted_7f3a';

/** The token endpoint: checks each assertion's signature and answers a fresh token. */
function tokenEndpoint(times = 1) {
  const google = fakeVendor('https://oauth2.googleapis.com');
  google.scope.post('/token').times(times).reply(200, { access_token: MINTED, expires_in: 3599, token_type: 'Bearer' });
  return google;
}

function claimsOf(form: unknown): Record<string, unknown> {
  const { grant_type: grant, assertion } = form as { grant_type: string; assertion: string };
  expect(grant).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
  const [header, claims, signature] = assertion.split('.');
  expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT', kid: '3f1c9a7d0b2e4f6a8c1d3e5f7a9b0c2d4e6f8a1b' });
  expect(
    verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${claims}`),
      createPublicKey(publicKey.export({ type: 'spki', format: 'pem' })),
      Buffer.from(signature!, 'base64url'),
    ),
  ).toBe(true);
  return JSON.parse(Buffer.from(claims!, 'base64url').toString()) as Record<string, unknown>;
}

describe('service account with domain-wide delegation', () => {
  it('signs an assertion as the service account for the impersonated user and the services’ scopes, then calls Google with the minted token', async () => {
    const google = tokenEndpoint();
    const { scope, sent } = vendor();
    scope.get('/gmail/v1/users/me/labels').reply(200, fixture('api-labels'));
    const runtime = createRuntime({ env: SA_ENV });
    expectOk(await runtime.call(tool('list_labels'), {}));
    const claims = claimsOf(google.sent[0]!.body);
    expect(claims).toMatchObject({
      iss: 'connectors@acme-connectors.iam.gserviceaccount.com',
      sub: 'mia@example.com',
      aud: 'https://oauth2.googleapis.com/token',
      scope: 'https://www.googleapis.com/auth/gmail.modify https://www.googleapis.com/auth/drive https://www.googleapis.com/auth/calendar',
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
    expect(Math.abs((claims.iat as number) - Date.now() / 1000)).toBeLessThan(60);
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${MINTED}`);
  });

  it('mints one token for concurrent calls and reuses it, and asks read scopes only in read-only mode', async () => {
    const google = tokenEndpoint();
    const { scope } = vendor();
    scope.get('/gmail/v1/users/me/labels').times(3).reply(200, fixture('api-labels'));
    const runtime = createRuntime({ env: { ...SA_ENV, GOOGLE_WORKSPACE_SERVICES: 'gmail,calendar' }, gating: { readOnly: true } });
    await Promise.all([runtime.call(tool('list_labels'), {}), runtime.call(tool('list_labels'), {})]);
    expectOk(await runtime.call(tool('list_labels'), {}));
    expect(google.sent).toHaveLength(1);
    expect(claimsOf(google.sent[0]!.body).scope).toBe('https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/calendar.readonly');
  });

  it('mints a new token once when Google answers 401, and repeats the call', async () => {
    const google = tokenEndpoint(2);
    const { scope, sent } = vendor();
    scope
      .get('/gmail/v1/users/me/labels')
      .reply(401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    scope.get('/gmail/v1/users/me/labels').reply(200, fixture('api-labels'));
    expectOk(await createRuntime({ env: SA_ENV }).call(tool('list_labels'), {}));
    expect(google.sent).toHaveLength(2);
    expect(sent).toHaveLength(2);
  });

  it('turns a delegation that lacks scopes into forbidden naming the client id and the scopes to allow, without a call to the API', async () => {
    const google = fakeVendor('https://oauth2.googleapis.com');
    google.scope.post('/token').reply(401, {
      error: 'unauthorized_client',
      error_description: 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
    });
    const { sent } = vendor();
    const error = expectError(await createRuntime({ env: { ...SA_ENV, GOOGLE_WORKSPACE_SERVICES: 'drive' } }).call(tool('search_files'), {}), 'forbidden');
    expect(error.hint).toContain('104857392019283746501');
    expect(error.hint).toContain('https://www.googleapis.com/auth/drive');
    expect(error.message).not.toContain('PRIVATE KEY');
    expect(sent).toEqual([]);
  });

  it('names the impersonated user when Google refuses it (invalid_grant)', async () => {
    const google = fakeVendor('https://oauth2.googleapis.com');
    google.scope.post('/token').reply(400, { error: 'invalid_grant', error_description: 'Invalid email or User ID' });
    vendor();
    const error = expectError(await createRuntime({ env: SA_ENV }).call(tool('list_labels'), {}), 'unauthorized');
    expect(error.hint).toContain('GOOGLE_IMPERSONATE_USER (mia@example.com)');
  });

  it('health names the impersonated user from Gmail’s profile (a service account has no userinfo scope) and the auth mode', async () => {
    tokenEndpoint();
    const { scope } = vendor();
    scope.get('/gmail/v1/users/me/profile').reply(200, { emailAddress: 'mia@example.com', messagesTotal: 5120, threadsTotal: 3311, historyId: '1234567' });
    const envelope = expectOk(await createRuntime({ env: SA_ENV }).call(tool('health'), {}));
    expect(envelope.data).toMatchObject({ status: 'ok', user: 'mia@example.com', authMode: 'service_account' });
  });

  it('works for Drive without impersonation, acting as the service account itself', async () => {
    const google = tokenEndpoint();
    const { scope } = vendor();
    scope
      .get('/drive/v3/about')
      .query({ fields: 'user(emailAddress)' })
      .reply(200, { user: { emailAddress: 'connectors@acme-connectors.iam.gserviceaccount.com' } });
    const envelope = expectOk(
      await createRuntime({ env: { ...SA_ENV, GOOGLE_IMPERSONATE_USER: undefined, GOOGLE_WORKSPACE_SERVICES: 'drive' } }).call(tool('health'), {}),
    );
    expect(envelope.data).toMatchObject({ status: 'ok', user: 'connectors@acme-connectors.iam.gserviceaccount.com' });
    expect(claimsOf(google.sent[0]!.body).sub).toBeUndefined();
  });

  it.each([
    ['Gmail without a user to act as', { GOOGLE_IMPERSONATE_USER: undefined }, ['GOOGLE_IMPERSONATE_USER'], /GOOGLE_IMPERSONATE_USER/],
    [
      'a key file that is not there',
      { GOOGLE_SERVICE_ACCOUNT_KEY_FILE: join(DIR, 'missing.json') },
      [],
      /cannot read .*missing\.json as a JSON key \(ENOENT\)/,
    ],
    ['a key file that is not a service account key', { GOOGLE_SERVICE_ACCOUNT_KEY_FILE: join(DIR, 'not-a-key.json') }, [], /is not a service account key/],
    ['a key and a token', { GOOGLE_ACCESS_TOKEN: 'ya29.x' }, [], /one auth mode only/],
  ])('with %s, answers not_configured saying what to fix, without calling Google', async (_label, env, missing, problem) => {
    writeFileSync(join(DIR, 'not-a-key.json'), JSON.stringify({ type: 'authorized_user', client_id: 'x', refresh_token: '1//secret-refresh' }));
    const google = fakeVendor('https://oauth2.googleapis.com');
    const { sent } = vendor();
    const runtime = createRuntime({ env: { ...SA_ENV, ...env } });
    const envelope = expectOk<{ status: string; missing: string[]; problems: string[] }>(await runtime.call(tool('health'), {}));
    expect(envelope.data.status).toBe('not_configured');
    expect(envelope.data.missing).toEqual(missing);
    expect(envelope.data.problems.join(' ')).toMatch(problem);
    expect(JSON.stringify(envelope)).not.toContain('secret-refresh');
    expectError(await runtime.call(tool('list_labels'), {}), 'not_configured');
    expect([...sent, ...google.sent]).toEqual([]);
  });
});
