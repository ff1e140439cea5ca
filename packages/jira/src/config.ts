import { envVar, z, type ConfigValues, type OAuthSpec, type Requirements } from '@connectors/contract';

const CLOUD_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const config = {
  JIRA_BASE_URL: envVar.url(
    'Your Jira Cloud site, e.g. https://your-domain.atlassian.net (with JIRA_ACCESS_TOKEN it replaces the api.atlassian.com gateway).',
    {
      example: 'https://your-domain.atlassian.net',
    },
  ),
  JIRA_EMAIL: envVar.string('Email of the Atlassian account the API token belongs to (API token mode).', {
    example: 'you@example.com',
    schema: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address'),
  }),
  JIRA_API_TOKEN: envVar.secret('API token from https://id.atlassian.com/manage-profile/security/api-tokens (API token mode, classic or scoped).', {
    example: 'ATATT3xFfGF0...',
  }),
  JIRA_ACCESS_TOKEN: envVar.secret('OAuth 2.0 (3LO) access token with Jira scopes (OAuth mode); sent as a Bearer token.', {
    example: 'eyJraWQiOi...',
  }),
  JIRA_OAUTH_CLIENT_ID: envVar.string(
    'Client id of your OAuth 2.0 (3LO) app in the Atlassian developer console, whose callback URL is http://localhost:8719/callback (OAuth login mode; then run `npx -y @connectors/jira auth login` once).',
    { example: 'aBcD1234efGH5678ijKL' },
  ),
  JIRA_OAUTH_CLIENT_SECRET: envVar.secret('Secret of that OAuth 2.0 (3LO) app (OAuth login mode).', { example: 'ATOA...' }),
  JIRA_CLOUD_ID: envVar.string(
    'Cloud id of the site (https://your-domain.atlassian.net/_edge/tenant_info); requests then go through https://api.atlassian.com/ex/jira/{cloudId}. Needed for OAuth and for scoped API tokens.',
    { example: '11223344-a1b2-3b33-c444-def123456789', schema: z.string().regex(CLOUD_ID, 'must be a cloud id (a UUID)') },
  ),
};

export type JiraConfig = ConfigValues<typeof config>;

/** `oauth`: a token you got elsewhere (JIRA_ACCESS_TOKEN); `oauth_login`: tokens from `auth login`, refreshed. */
export type AuthMode = 'api_token' | 'scoped_api_token' | 'oauth' | 'oauth_login';

/** The redirect Atlassian sends the browser back to; it must be registered exactly as the app's callback URL. */
export const OAUTH_REDIRECT_PORT = 8719;

/** Atlassian OAuth 2.0 (3LO): https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/ */
export const oauth: OAuthSpec<typeof config> = {
  authorizeUrl: 'https://auth.atlassian.com/authorize',
  tokenUrl: 'https://auth.atlassian.com/oauth/token',
  // offline_access: a refresh token, so the login lasts beyond the access token's hour.
  scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'offline_access'],
  clientIdEnv: 'JIRA_OAUTH_CLIENT_ID',
  clientSecretEnv: 'JIRA_OAUTH_CLIENT_SECRET',
  // An API token or access token instead needs no login.
  inUse: (values) => values.JIRA_OAUTH_CLIENT_ID !== undefined || values.JIRA_OAUTH_CLIENT_SECRET !== undefined,
  authorizeParams: { audience: 'api.atlassian.com', prompt: 'consent' },
  redirectPort: OAUTH_REDIRECT_PORT,
  redirectHost: 'localhost',
};

export interface ResolvedAuth {
  mode: AuthMode;
  /** Where requests go: the site, or the api.atlassian.com gateway for the cloud id. */
  baseUrl: string;
  /** The Authorization header, except in OAuth login mode, where the saved login supplies it per request. */
  authorization?: string;
  /** True when requests go through https://api.atlassian.com/ex/jira/{cloudId}. */
  viaGateway: boolean;
}

export const GATEWAY = 'https://api.atlassian.com';

const LOGIN = '`npx -y @connectors/jira auth login`';

/**
 * What the configuration in force still needs. Three modes, never mixed:
 * API token (JIRA_EMAIL + JIRA_API_TOKEN, at JIRA_BASE_URL or through the gateway with JIRA_CLOUD_ID),
 * OAuth login (JIRA_OAUTH_CLIENT_ID + JIRA_OAUTH_CLIENT_SECRET + JIRA_CLOUD_ID, then `auth login`), or
 * an OAuth access token from elsewhere (JIRA_ACCESS_TOKEN + JIRA_CLOUD_ID). JIRA_BASE_URL may stand in
 * for JIRA_CLOUD_ID in the OAuth modes to bypass the gateway (a proxy).
 */
export function missingConfig(values: JiraConfig): Requirements {
  const set = (name: keyof JiraConfig) => values[name] !== undefined;
  const site = set('JIRA_BASE_URL') || set('JIRA_CLOUD_ID');
  const login = set('JIRA_OAUTH_CLIENT_ID') || set('JIRA_OAUTH_CLIENT_SECRET');
  const modes = [
    set('JIRA_API_TOKEN') && 'JIRA_API_TOKEN (API token)',
    set('JIRA_ACCESS_TOKEN') && 'JIRA_ACCESS_TOKEN (access token)',
    login && 'JIRA_OAUTH_CLIENT_ID (OAuth login)',
  ];
  const chosen = modes.filter((mode): mode is string => typeof mode === 'string');
  if (chosen.length > 1) return { missing: [], problems: [`Use one auth mode only; set now: ${chosen.join(', ')}`] };

  if (login) {
    const missing = (['JIRA_OAUTH_CLIENT_ID', 'JIRA_OAUTH_CLIENT_SECRET'] as const).filter((name) => !set(name));
    return { missing: site ? missing : [...missing, 'JIRA_CLOUD_ID'], problems: [] };
  }
  if (set('JIRA_ACCESS_TOKEN')) return { missing: site ? [] : ['JIRA_CLOUD_ID'] };

  const missing: string[] = [];
  if (!site) missing.push('JIRA_BASE_URL');
  if (!set('JIRA_EMAIL')) missing.push('JIRA_EMAIL');
  if (!set('JIRA_API_TOKEN')) missing.push('JIRA_API_TOKEN');
  const problems: string[] = [];
  if (!site && (set('JIRA_EMAIL') || set('JIRA_API_TOKEN')))
    problems.push('Or set JIRA_CLOUD_ID instead of JIRA_BASE_URL (scoped API tokens go through the gateway).');
  if (!set('JIRA_EMAIL') && !set('JIRA_API_TOKEN')) {
    problems.push(`Or, to log in with OAuth instead, set JIRA_OAUTH_CLIENT_ID, JIRA_OAUTH_CLIENT_SECRET and JIRA_CLOUD_ID, then run ${LOGIN}.`);
  }
  return { missing, problems };
}

/**
 * A Jira Cloud site is its origin: a pasted board or issue link (`https://acme.atlassian.net/jira/software/...`)
 * or API URL (`.../rest/api/3`) still means the site. Other hosts (proxies, tests) keep their path.
 */
export function siteUrl(value: string): string {
  const url = new URL(value);
  if (url.hostname.endsWith('.atlassian.net')) return url.origin;
  return value.replace(/\/rest\/api\/\d+\/?$/, '').replace(/\/+$/, '');
}

/** The auth in force for a complete configuration (see missingConfig); OAuth login sends the saved login's token. */
export function resolveAuth(values: JiraConfig): ResolvedAuth {
  const gateway = values.JIRA_CLOUD_ID ? `${GATEWAY}/ex/jira/${encodeURIComponent(values.JIRA_CLOUD_ID)}` : undefined;
  const oauthBase = () => (values.JIRA_BASE_URL !== undefined ? siteUrl(values.JIRA_BASE_URL) : gateway!);
  if (values.JIRA_OAUTH_CLIENT_ID !== undefined) return { mode: 'oauth_login', baseUrl: oauthBase(), viaGateway: values.JIRA_BASE_URL === undefined };
  if (values.JIRA_ACCESS_TOKEN !== undefined) {
    return { mode: 'oauth', baseUrl: oauthBase(), authorization: `Bearer ${values.JIRA_ACCESS_TOKEN}`, viaGateway: values.JIRA_BASE_URL === undefined };
  }
  const basic = `Basic ${Buffer.from(`${values.JIRA_EMAIL}:${values.JIRA_API_TOKEN}`, 'utf8').toString('base64')}`;
  if (values.JIRA_BASE_URL !== undefined) return { mode: 'api_token', baseUrl: siteUrl(values.JIRA_BASE_URL), authorization: basic, viaGateway: false };
  return { mode: 'scoped_api_token', baseUrl: gateway!, authorization: basic, viaGateway: true };
}
