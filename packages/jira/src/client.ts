import {
  HttpClient,
  parseRetryAfter,
  resetTime,
  type ClientDeps,
  type ErrorInfo,
  type HttpClientOptions,
  type RateLimit,
  type ToolContext,
  type VendorResponse,
  toolFor,
} from '@connectors/contract';
import pkg from '../package.json' with { type: 'json' };
import { GATEWAY, resolveAuth, type AuthMode, type config, type JiraConfig } from './config.js';

/** The Jira Cloud REST API v3 over the contract's HTTP client, plus what health and links need. */
export class JiraClient extends HttpClient {
  readonly authMode: AuthMode;
  readonly viaGateway: boolean;
  readonly cloudId: string | undefined;
  private site: Promise<SiteInfo> | undefined;

  constructor(options: HttpClientOptions, auth: { mode: AuthMode; viaGateway: boolean; cloudId: string | undefined }) {
    super(options);
    this.authMode = auth.mode;
    this.viaGateway = auth.viaGateway;
    this.cloudId = auth.cloudId;
  }

  /**
   * The site's own URL and name, for browse links and health. Known from the base URL, except
   * through the gateway, where it is asked once (OAuth: accessible-resources, which also gives
   * the granted scopes; API token: serverInfo).
   */
  siteInfo(): Promise<SiteInfo> {
    if (!this.viaGateway) return Promise.resolve({ url: this.baseUrl.href.replace(/\/+$/, '') });
    this.site ??= this.lookUpSite().catch(() => {
      this.site = undefined;
      return {};
    });
    return this.site;
  }

  private async lookUpSite(): Promise<SiteInfo> {
    if (this.authMode === 'oauth' || this.authMode === 'oauth_login') {
      const resources = await this.get<AccessibleResource[]>(`${GATEWAY}/oauth/token/accessible-resources`).catch(() => []);
      const mine = Array.isArray(resources) ? resources.find((resource) => resource.id === this.cloudId) : undefined;
      if (mine) return { url: mine.url, name: mine.name, scopes: mine.scopes };
    }
    const info = await this.get<{ baseUrl?: string; serverTitle?: string }>('/rest/api/3/serverInfo');
    return { ...(info.baseUrl ? { url: info.baseUrl } : {}), ...(info.serverTitle ? { name: info.serverTitle } : {}) };
  }
}

export interface SiteInfo {
  url?: string;
  name?: string;
  scopes?: string[];
}

interface AccessibleResource {
  id: string;
  url: string;
  name: string;
  scopes: string[];
}

export function createJiraClient(values: JiraConfig, deps: ClientDeps): JiraClient {
  const auth = resolveAuth(values);
  const { authorization } = auth;
  if (authorization) deps.addSecret(authorization.replace(/^\w+ /, ''));
  return deps.http(
    {
      vendor: 'Jira',
      baseUrl: auth.baseUrl,
      userAgent: `@connectors/jira/${pkg.version}`,
      // OAuth login: the saved login's bearer token, refreshed before it expires and once on a 401.
      ...(authorization ? { headers: () => ({ authorization }) } : deps.oauth!.httpAuth()),
      classifyError: classifyJiraError,
      parseRateLimit: parseJiraRateLimit,
    },
    (options) => new JiraClient(options, { mode: auth.mode, viaGateway: auth.viaGateway, cloudId: values.JIRA_CLOUD_ID }),
  );
}

/** Every tool of this connector is made with it: `ctx.client` is a JiraClient, `ctx.config` Jira's variables. */
export const jiraTool = toolFor<JiraClient, typeof config>();
export type JiraContext = ToolContext<JiraClient, typeof config>;

interface JiraErrorBody {
  errorMessages?: unknown;
  errors?: unknown;
  /** The api.atlassian.com gateway answers `{ code, message }`. */
  message?: unknown;
}

/**
 * Jira answers `{ errorMessages: string[], errors: { field: message } }`. Both become one message,
 * field errors named, and a vendorCode a caller can branch on.
 */
export function classifyJiraError(response: VendorResponse): Partial<ErrorInfo> | undefined {
  const { status, headers } = response;
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as JiraErrorBody;
  const messages = Array.isArray(body.errorMessages) ? body.errorMessages.filter((m): m is string => typeof m === 'string' && m.trim() !== '') : [];
  const fieldErrors =
    typeof body.errors === 'object' && body.errors !== null
      ? Object.entries(body.errors as Record<string, unknown>).filter(([, m]) => typeof m === 'string' && m.trim() !== '')
      : [];
  const parts = [...messages, ...fieldErrors.map(([field, message]) => `${field}: ${message as string}`)];
  if (parts.length === 0 && typeof body.message === 'string') parts.push(body.message);
  const text = typeof response.body === 'string' && !/^\s*</.test(response.body) ? response.body.trim() : '';
  const message = parts.length ? joinSentences(parts) : text ? text.slice(0, 300) : undefined;
  const all = `${message ?? ''}`;

  const loginReason = headers.get('x-seraph-loginreason') ?? '';
  if (status === 401 || status === 403) {
    if (/AUTHENTICATION_DENIED/i.test(loginReason)) {
      return {
        code: 'unauthorized',
        message: 'Jira requires a CAPTCHA for this account after failed logins.',
        vendorCode: 'captcha_required',
        hint: 'Log in to Jira once in a browser to clear the CAPTCHA, then check JIRA_EMAIL and JIRA_API_TOKEN.',
      };
    }
    if (/scope does not match/i.test(all)) {
      return {
        message: message ?? 'scope does not match',
        vendorCode: 'scope_mismatch',
        hint: 'The token lacks a scope this call needs; add it to the OAuth app or scoped token and authorise again.',
      };
    }
    if (status === 401) {
      return {
        ...(message ? { message } : {}),
        vendorCode: loginReason ? loginReason.toLowerCase() : 'unauthorized',
        hint: 'Check JIRA_EMAIL and JIRA_API_TOKEN, or JIRA_ACCESS_TOKEN (it expires after an hour), or run `npx -y @connectors/jira auth login` again (OAuth login); jira_health shows the auth mode in use.',
      };
    }
  }
  if (status === 429) {
    const reason = headers.get('ratelimit-reason') ?? undefined;
    return { message: `rate limited${reason ? ` (${reason})` : ''}${message ? `: ${message}` : ''}`, ...(reason ? { vendorCode: reason } : {}) };
  }
  if (status === 410 && /search\/jql|has been removed/i.test(all)) {
    return { ...(message ? { message } : {}), vendorCode: 'api_removed' };
  }
  if (status === 400 && /\bJQL\b|unbounded/i.test(all)) {
    return {
      ...(message ? { message } : {}),
      vendorCode: 'jql_invalid',
      hint: 'Fix the JQL: quote values with spaces ("In Progress"), use field names or ids that exist, and bound the query (e.g. project = KEY).',
    };
  }
  if (fieldErrors.length) {
    return {
      ...(message ? { message } : {}),
      vendorCode: `field_errors:${fieldErrors.map(([field]) => field).join(',')}`.slice(0, 200),
      hint: 'Fix the named fields; jira_get_create_fields lists required fields and allowed values.',
    };
  }
  if (message === undefined) return undefined;
  return { message };
}

/** One message from several: each ends like a sentence so they read apart. */
function joinSentences(parts: string[]): string {
  const trimmed = parts.map((part) => part.trim());
  if (trimmed.length === 1) return trimmed[0]!.slice(0, 1000);
  return trimmed
    .map((part) => (/[.!?;:)]$/.test(part) ? part : `${part}.`))
    .join(' ')
    .slice(0, 1000);
}

/**
 * Jira Cloud sends X-RateLimit-Limit/-Remaining/-Reset (reset as an ISO time) near its limits, and
 * newer RateLimit-* or `RateLimit: "policy";r=..;t=..` headers; any of them fills meta.rateLimit.
 */
export function parseJiraRateLimit(response: VendorResponse): RateLimit | undefined {
  const h = response.headers;
  let limit = number(h.get('x-ratelimit-limit') ?? h.get('ratelimit-limit'));
  let remaining = number(h.get('x-ratelimit-remaining') ?? h.get('ratelimit-remaining'));
  let resetAt = resetTime(h.get('x-ratelimit-reset') ?? h.get('ratelimit-reset'));
  const structured = h.get('ratelimit');
  if (structured) {
    const field = (name: string) => new RegExp(`(?:^|[;,\\s])${name}=("?)([^;,"\\s]+)\\1`).exec(structured)?.[2];
    remaining ??= number(field('r') ?? field('remaining') ?? null);
    resetAt ??= resetTime(field('t') ?? field('reset') ?? null);
    limit ??= number(field('limit') ?? null);
  }
  const policy = h.get('ratelimit-policy');
  if (policy && limit === undefined) limit = number(/(?:^|;)\s*q=(\d+)/.exec(policy)?.[1] ?? /^(\d+)/.exec(policy.trim())?.[1] ?? null);
  if (limit === undefined && remaining === undefined && resetAt === undefined) {
    if (response.status !== 429) return undefined;
    const wait = parseRetryAfter(h.get('retry-after'));
    return { remaining: 0, ...(wait !== undefined ? { resetAt: new Date(Date.now() + wait).toISOString() } : {}) };
  }
  return { ...(limit !== undefined ? { limit } : {}), ...(remaining !== undefined ? { remaining } : {}), ...(resetAt ? { resetAt } : {}) };
}

function number(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
