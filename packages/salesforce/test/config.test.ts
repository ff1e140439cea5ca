import { loadConfig } from '@connectors/contract';
import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { authMode, config, missingConfig } from '../src/config.js';
import { createRuntime, expectError, tool, vendor } from './harness.js';

useFakeVendor();

const load = (env: Record<string, string>) => loadConfig(config, env, missingConfig);
const ID = { SALESFORCE_CLIENT_ID: '3MVG9example' };
const PEM = '-----BEGIN PRIVATE KEY-----\\nMIIE...\\n-----END PRIVATE KEY-----';

describe('auth mode from the variables set', () => {
  it.each([
    ['access token', { SALESFORCE_ACCESS_TOKEN: 't', SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com' }, 'access_token'],
    ['client credentials', { ...ID, SALESFORCE_CLIENT_SECRET: 's', SALESFORCE_LOGIN_URL: 'https://acme.my.salesforce.com' }, 'client_credentials'],
    ['refresh token', { ...ID, SALESFORCE_REFRESH_TOKEN: 'r' }, 'refresh_token'],
    ['refresh token with a secret', { ...ID, SALESFORCE_CLIENT_SECRET: 's', SALESFORCE_REFRESH_TOKEN: 'r' }, 'refresh_token'],
    ['JWT with a key', { ...ID, SALESFORCE_USERNAME: 'a@b.com', SALESFORCE_PRIVATE_KEY: PEM }, 'jwt_bearer'],
    ['JWT with a key file', { ...ID, SALESFORCE_USERNAME: 'a@b.com', SALESFORCE_PRIVATE_KEY_FILE: '/k.pem' }, 'jwt_bearer'],
  ])('%s is complete', (_label, env, mode) => {
    const loaded = load(env);
    expect(loaded.missing).toEqual([]);
    expect(loaded.invalid).toEqual([]);
    expect(authMode(loaded.values)).toBe(mode);
  });

  it.each([
    [
      'nothing',
      {},
      ['SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET', 'SALESFORCE_LOGIN_URL'],
      [
        expect.stringMatching(/^Or another flow/),
        expect.stringMatching(/^Or, to try it quickly, SALESFORCE_INSTANCE_URL and SALESFORCE_ACCESS_TOKEN .*it expires/),
      ],
    ],
    [
      'only the instance',
      { SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com' },
      ['SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET'],
      [expect.stringMatching(/^Or another flow/), expect.stringMatching(/^Or, to try it quickly/)],
    ],
    ['an access token without the instance', { SALESFORCE_ACCESS_TOKEN: 't' }, ['SALESFORCE_INSTANCE_URL'], []],
    [
      'only a client id',
      ID,
      ['SALESFORCE_CLIENT_SECRET', 'SALESFORCE_LOGIN_URL'],
      [
        expect.stringMatching(/^Or another flow instead of SALESFORCE_CLIENT_SECRET: SALESFORCE_REFRESH_TOKEN/),
        expect.stringMatching(/^SALESFORCE_LOGIN_URL is your My Domain/),
      ],
    ],
    ['a refresh token without the client id', { SALESFORCE_REFRESH_TOKEN: 'r' }, ['SALESFORCE_CLIENT_ID'], []],
    [
      'client credentials without a My Domain',
      { ...ID, SALESFORCE_CLIENT_SECRET: 's' },
      ['SALESFORCE_LOGIN_URL'],
      [expect.stringMatching(/^SALESFORCE_LOGIN_URL is your My Domain/)],
    ],
    [
      'JWT without a key',
      { ...ID, SALESFORCE_USERNAME: 'a@b.com' },
      ['SALESFORCE_PRIVATE_KEY'],
      ['Or SALESFORCE_PRIVATE_KEY_FILE, the path of the key, instead of SALESFORCE_PRIVATE_KEY.'],
    ],
    ['JWT without a username', { ...ID, SALESFORCE_PRIVATE_KEY: PEM }, ['SALESFORCE_USERNAME'], []],
  ])('%s names what is missing', (_label, env, missing, problems) => {
    const loaded = load(env as Record<string, string>);
    expect(loaded.missing).toEqual(missing);
    expect(loaded.problems).toEqual(problems);
  });

  it.each([
    [
      'an access token and OAuth variables',
      { SALESFORCE_ACCESS_TOKEN: 't', SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com', ...ID, SALESFORCE_REFRESH_TOKEN: 'r' },
    ],
    ['a refresh token and a JWT key', { ...ID, SALESFORCE_REFRESH_TOKEN: 'r', SALESFORCE_USERNAME: 'a@b.com', SALESFORCE_PRIVATE_KEY: PEM }],
    ['two private keys', { ...ID, SALESFORCE_USERNAME: 'a@b.com', SALESFORCE_PRIVATE_KEY: PEM, SALESFORCE_PRIVATE_KEY_FILE: '/k.pem' }],
    ['a JWT key and a client secret', { ...ID, SALESFORCE_USERNAME: 'a@b.com', SALESFORCE_PRIVATE_KEY: PEM, SALESFORCE_CLIENT_SECRET: 's' }],
  ])('%s is ambiguous, and says so', (_label, env) => {
    const loaded = load(env);
    expect(loaded.missing).toEqual([]);
    expect(loaded.problems).toEqual([expect.stringMatching(/^Use one (auth mode|private key) only: /)]);
  });

  it('refuses the generic login host for client credentials, which only works on a My Domain', () => {
    expect(load({ ...ID, SALESFORCE_CLIENT_SECRET: 's', SALESFORCE_LOGIN_URL: 'https://login.salesforce.com' })).toMatchObject({
      missing: [],
      problems: ['Set SALESFORCE_LOGIN_URL to your My Domain: the client credentials flow does not work on login.salesforce.com.'],
    });
  });

  it.each(['62.0', 'v62.0', '64.0', '31.0'])('accepts API version %s', (version) => {
    const loaded = load({ SALESFORCE_API_VERSION: version });
    expect(loaded.invalid).toEqual([]);
    expect(loaded.values.SALESFORCE_API_VERSION).toBe(version.replace(/^v/, ''));
  });

  it.each(['62', '62.1', 'latest', '20.0', 'v62.0.1'])('rejects API version %s', (version) => {
    expect(load({ SALESFORCE_API_VERSION: version }).invalid.map((i) => i.name)).toEqual(['SALESFORCE_API_VERSION']);
  });

  it('rejects the Lightning UI domain as instance URL, and keeps only the origin of a pasted page URL', () => {
    expect(load({ SALESFORCE_INSTANCE_URL: 'https://acme.lightning.force.com' }).invalid).toEqual([
      { name: 'SALESFORCE_INSTANCE_URL', message: expect.stringContaining('my.salesforce.com') },
    ]);
    expect(load({ SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com/home/home.jsp' }).values.SALESFORCE_INSTANCE_URL).toBe(
      'https://acme.my.salesforce.com',
    );
  });

  it('answers every tool with not_configured naming the ambiguity, without a request', async () => {
    const { sent } = vendor();
    const runtime = createRuntime({ env: { SALESFORCE_REFRESH_TOKEN: 'r', SALESFORCE_CLIENT_ID: '3MVG9example' } });

    const error = expectError(await runtime.call(tool('get_record'), { object: 'Account', id: '001Hs00002Wk4NtIAJ' }), 'not_configured');

    expect(error.message).toMatch(/^Configuration incomplete: Use one auth mode only: unset SALESFORCE_ACCESS_TOKEN/);
    expect(sent).toEqual([]);
  });
});
