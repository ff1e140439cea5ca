import { envVar, z, type ConfigValues, type Requirements } from '@connectors/contract';

/** The REST API version used when SALESFORCE_API_VERSION is not set (Summer '25). */
export const DEFAULT_API_VERSION = '64.0';
export const DEFAULT_LOGIN_URL = 'https://login.salesforce.com';

const apiVersion = z
  .string()
  .regex(/^v?\d{2,3}\.0$/, 'must be a REST API version like 64.0')
  .transform((value) => value.replace(/^v/, ''))
  .refine((value) => Number(value) >= 31, 'must be 31.0 or later');

/** The org's API origin; a pasted page URL keeps only its origin, and the Lightning UI domain (which serves no API) is refused. */
const instanceUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .refine((url) => !/\.lightning\.force\.com$/i.test(new URL(url).hostname), {
    error: 'is the Lightning UI domain; use the API domain https://<domain>.my.salesforce.com',
  })
  .transform((url) => new URL(url).origin);

export const config = {
  SALESFORCE_INSTANCE_URL: envVar.string(
    "Your org's URL, e.g. https://acme.my.salesforce.com (access token mode; in client credentials mode it doubles as the token host).",
    { example: 'https://acme.my.salesforce.com', schema: instanceUrl },
  ),
  SALESFORCE_ACCESS_TOKEN: envVar.secret('An access token (session id) for the org, e.g. from `sf org display` (access token mode; it is not renewed).', {
    example: '00D5g000004XXXX!AR8AQ...',
  }),
  SALESFORCE_LOGIN_URL: envVar.url(
    `Where OAuth tokens come from: your My Domain (https://acme.my.salesforce.com), ${DEFAULT_LOGIN_URL} (default) or https://test.salesforce.com for sandboxes.`,
    { example: 'https://acme.my.salesforce.com' },
  ),
  SALESFORCE_CLIENT_ID: envVar.string('Consumer key of the Connected App or External Client App (OAuth modes).', { example: '3MVG9...' }),
  SALESFORCE_CLIENT_SECRET: envVar.secret('Consumer secret of the app (client credentials mode; refresh token mode when the app requires it).', {
    example: 'A1B2C3...',
  }),
  SALESFORCE_REFRESH_TOKEN: envVar.secret('Refresh token issued to the app with the refresh_token scope (refresh token mode).', { example: '5Aep861...' }),
  SALESFORCE_USERNAME: envVar.string('Username the JWT bearer flow logs in as (JWT mode).', {
    example: 'integration@acme.com',
    schema: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'must be a Salesforce username (it looks like an email address)'),
  }),
  SALESFORCE_PRIVATE_KEY: envVar.secret('PEM private key whose certificate is uploaded to the app (JWT mode); \\n escapes are accepted.', {
    example: '-----BEGIN PRIVATE KEY-----\\n...',
    schema: z.string().transform((pem) => pem.replace(/\\n/g, '\n')),
  }),
  SALESFORCE_PRIVATE_KEY_FILE: envVar.string('Path of that PEM private key file, instead of SALESFORCE_PRIVATE_KEY (JWT mode).', {
    example: '/home/me/.salesforce/server.key',
  }),
  SALESFORCE_API_VERSION: envVar.string(`REST API version, default ${DEFAULT_API_VERSION}.`, { example: DEFAULT_API_VERSION, schema: apiVersion }),
};

export type SalesforceConfig = ConfigValues<typeof config>;

export type AuthMode = 'access_token' | 'client_credentials' | 'refresh_token' | 'jwt_bearer';

const OTHER_FLOWS =
  'Or another flow instead of SALESFORCE_CLIENT_SECRET: SALESFORCE_REFRESH_TOKEN (refresh token), or SALESFORCE_USERNAME and SALESFORCE_PRIVATE_KEY (JWT bearer).';
const SESSION_TOKEN =
  'Or, to try it quickly, SALESFORCE_INSTANCE_URL and SALESFORCE_ACCESS_TOKEN (a session token, e.g. from `sf org display`; it expires and is not renewed).';

/**
 * What the configuration in force still needs. The auth mode follows from what is set, and a set
 * that fits two modes is refused rather than guessed. With nothing set, client credentials is asked
 * for: it keeps working, where a session token stops when the session ends.
 *   client credentials   SALESFORCE_CLIENT_ID + SALESFORCE_CLIENT_SECRET + My Domain (LOGIN_URL or INSTANCE_URL)
 *   refresh token        SALESFORCE_CLIENT_ID + SALESFORCE_REFRESH_TOKEN (+ SALESFORCE_CLIENT_SECRET if the app requires it)
 *   JWT bearer           SALESFORCE_CLIENT_ID + SALESFORCE_USERNAME + SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE
 *   access token         SALESFORCE_ACCESS_TOKEN + SALESFORCE_INSTANCE_URL
 */
export function missingConfig(values: SalesforceConfig): Requirements {
  const set = (name: keyof SalesforceConfig) => values[name] !== undefined;
  const jwt = set('SALESFORCE_USERNAME') || set('SALESFORCE_PRIVATE_KEY') || set('SALESFORCE_PRIVATE_KEY_FILE');
  const refresh = set('SALESFORCE_REFRESH_TOKEN');
  const oauth = set('SALESFORCE_CLIENT_ID') || set('SALESFORCE_CLIENT_SECRET') || refresh || jwt;
  const only = (problem: string): Requirements => ({ missing: [], problems: [problem] });

  if (set('SALESFORCE_ACCESS_TOKEN') && oauth) {
    return only(
      'Use one auth mode only: unset SALESFORCE_ACCESS_TOKEN to use an OAuth flow, or the OAuth variables (SALESFORCE_CLIENT_ID, ...) to use the access token.',
    );
  }
  if (set('SALESFORCE_ACCESS_TOKEN')) return { missing: set('SALESFORCE_INSTANCE_URL') ? [] : ['SALESFORCE_INSTANCE_URL'] };
  if (!oauth) {
    // Nothing chosen yet (an instance URL fits both): ask for the flow that does not expire.
    return {
      missing: ['SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET', ...(set('SALESFORCE_INSTANCE_URL') ? [] : ['SALESFORCE_LOGIN_URL'])],
      problems: [OTHER_FLOWS, SESSION_TOKEN],
    };
  }
  if (refresh && jwt)
    return only(
      'Use one auth mode only: SALESFORCE_REFRESH_TOKEN (refresh token flow) or SALESFORCE_USERNAME and the private key (JWT bearer flow), not both.',
    );
  if (set('SALESFORCE_PRIVATE_KEY') && set('SALESFORCE_PRIVATE_KEY_FILE'))
    return only('Use one private key only: SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE, not both.');
  const missing = set('SALESFORCE_CLIENT_ID') ? [] : ['SALESFORCE_CLIENT_ID'];
  if (jwt) {
    if (set('SALESFORCE_CLIENT_SECRET')) {
      return only(
        'Use one auth mode only: the JWT bearer flow takes no SALESFORCE_CLIENT_SECRET; unset it, or unset SALESFORCE_USERNAME and the private key for client credentials.',
      );
    }
    if (!set('SALESFORCE_USERNAME')) missing.push('SALESFORCE_USERNAME');
    if (!set('SALESFORCE_PRIVATE_KEY') && !set('SALESFORCE_PRIVATE_KEY_FILE')) {
      return {
        missing: [...missing, 'SALESFORCE_PRIVATE_KEY'],
        problems: ['Or SALESFORCE_PRIVATE_KEY_FILE, the path of the key, instead of SALESFORCE_PRIVATE_KEY.'],
      };
    }
    return { missing };
  }
  if (refresh) return { missing };
  if (!set('SALESFORCE_CLIENT_SECRET')) missing.push('SALESFORCE_CLIENT_SECRET');
  const host = values.SALESFORCE_LOGIN_URL ?? values.SALESFORCE_INSTANCE_URL;
  if (host === undefined) missing.push('SALESFORCE_LOGIN_URL');
  const problems = set('SALESFORCE_CLIENT_SECRET') ? [] : [OTHER_FLOWS];
  if (host === undefined) problems.push('SALESFORCE_LOGIN_URL is your My Domain, https://<domain>.my.salesforce.com: client credentials are bound to one org.');
  else if (isGenericLoginHost(host))
    problems.push(`Set SALESFORCE_LOGIN_URL to your My Domain: the client credentials flow does not work on ${new URL(host).host}.`);
  return { missing, problems };
}

/** login.salesforce.com and test.salesforce.com serve every org, so they cannot run a flow bound to one org. */
function isGenericLoginHost(url: string): boolean {
  return /^(login|test)\.salesforce\.com$/i.test(new URL(url).hostname);
}

/** The auth mode of a complete configuration (see missingConfig). */
export function authMode(values: SalesforceConfig): AuthMode {
  if (values.SALESFORCE_ACCESS_TOKEN !== undefined) return 'access_token';
  if (values.SALESFORCE_USERNAME !== undefined) return 'jwt_bearer';
  if (values.SALESFORCE_REFRESH_TOKEN !== undefined) return 'refresh_token';
  return 'client_credentials';
}

/** Where the token endpoint is for this mode. */
export function loginUrlFor(mode: AuthMode, values: SalesforceConfig): string {
  if (mode === 'client_credentials') return (values.SALESFORCE_LOGIN_URL ?? values.SALESFORCE_INSTANCE_URL)!;
  return values.SALESFORCE_LOGIN_URL ?? DEFAULT_LOGIN_URL;
}
