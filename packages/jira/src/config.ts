import { envVar, z, type ConfigValues } from '@connectors/contract';

const CLOUD_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const config = {
  JIRA_BASE_URL: envVar.url('Your Jira Cloud site, e.g. https://your-domain.atlassian.net (with JIRA_ACCESS_TOKEN it replaces the api.atlassian.com gateway).', {
    example: 'https://your-domain.atlassian.net',
  }),
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
  JIRA_CLOUD_ID: envVar.string(
    'Cloud id of the site (https://your-domain.atlassian.net/_edge/tenant_info); requests then go through https://api.atlassian.com/ex/jira/{cloudId}. Needed for OAuth and for scoped API tokens.',
    { example: '11223344-a1b2-3b33-c444-def123456789', schema: z.string().regex(CLOUD_ID, 'must be a cloud id (a UUID)') },
  ),
};

export type JiraConfig = ConfigValues<typeof config>;

export type AuthMode = 'api_token' | 'scoped_api_token' | 'oauth';

export interface ResolvedAuth {
  mode: AuthMode;
  /** Where requests go: the site, or the api.atlassian.com gateway for the cloud id. */
  baseUrl: string;
  authorization: string;
  /** True when requests go through https://api.atlassian.com/ex/jira/{cloudId}. */
  viaGateway: boolean;
}

export const GATEWAY = 'https://api.atlassian.com';

/**
 * Which variables the configuration in force still needs. Two modes, never mixed:
 * API token (JIRA_EMAIL + JIRA_API_TOKEN, at JIRA_BASE_URL or through the gateway with JIRA_CLOUD_ID)
 * or OAuth (JIRA_ACCESS_TOKEN + JIRA_CLOUD_ID, or JIRA_BASE_URL to bypass the gateway).
 */
export function missingConfig(values: JiraConfig): string[] {
  const site = values.JIRA_BASE_URL !== undefined || values.JIRA_CLOUD_ID !== undefined;
  if (values.JIRA_API_TOKEN !== undefined && values.JIRA_ACCESS_TOKEN !== undefined) {
    return ['one auth mode only: unset JIRA_API_TOKEN (API token mode) or JIRA_ACCESS_TOKEN (OAuth mode)'];
  }
  if (values.JIRA_ACCESS_TOKEN !== undefined) return site ? [] : ['JIRA_CLOUD_ID (or JIRA_BASE_URL)'];
  if (values.JIRA_API_TOKEN === undefined && values.JIRA_EMAIL === undefined && values.JIRA_CLOUD_ID !== undefined && values.JIRA_BASE_URL === undefined) {
    return ['JIRA_ACCESS_TOKEN (or JIRA_EMAIL and JIRA_API_TOKEN)'];
  }
  const missing: string[] = [];
  if (!site) missing.push(values.JIRA_API_TOKEN === undefined && values.JIRA_EMAIL === undefined ? 'JIRA_BASE_URL' : 'JIRA_BASE_URL (or JIRA_CLOUD_ID)');
  if (values.JIRA_EMAIL === undefined) missing.push('JIRA_EMAIL');
  if (values.JIRA_API_TOKEN === undefined) missing.push('JIRA_API_TOKEN');
  // Bare names above, so `configure` writes a placeholder for each; the other mode as its own entry.
  if (values.JIRA_EMAIL === undefined && values.JIRA_API_TOKEN === undefined && !site) {
    missing.push('or, for OAuth, JIRA_ACCESS_TOKEN and JIRA_CLOUD_ID instead');
  }
  return missing;
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

/** The auth in force for a complete configuration (see missingConfig). */
export function resolveAuth(values: JiraConfig): ResolvedAuth {
  const gateway = values.JIRA_CLOUD_ID ? `${GATEWAY}/ex/jira/${encodeURIComponent(values.JIRA_CLOUD_ID)}` : undefined;
  if (values.JIRA_ACCESS_TOKEN !== undefined) {
    const baseUrl = values.JIRA_BASE_URL !== undefined ? siteUrl(values.JIRA_BASE_URL) : gateway!;
    return { mode: 'oauth', baseUrl, authorization: `Bearer ${values.JIRA_ACCESS_TOKEN}`, viaGateway: values.JIRA_BASE_URL === undefined };
  }
  const basic = `Basic ${Buffer.from(`${values.JIRA_EMAIL}:${values.JIRA_API_TOKEN}`, 'utf8').toString('base64')}`;
  if (values.JIRA_BASE_URL !== undefined) return { mode: 'api_token', baseUrl: siteUrl(values.JIRA_BASE_URL), authorization: basic, viaGateway: false };
  return { mode: 'scoped_api_token', baseUrl: gateway!, authorization: basic, viaGateway: true };
}
