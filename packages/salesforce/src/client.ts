import {
  type HttpClient,
  type ClientDeps,
  type ErrorCode,
  type ErrorInfo,
  type HttpRequest,
  type RateLimit,
  type ToolContext,
  type VendorResponse,
  toolFor,
} from '@connectors/contract';
import pkg from '../package.json' with { type: 'json' };
import { SalesforceAuth, type Session } from './auth.js';
import { DEFAULT_API_VERSION, type AuthMode, type config, type SalesforceConfig } from './config.js';

/**
 * The Salesforce REST API of one org. The instance URL is known only after authenticating in the
 * OAuth modes, so the HTTP client for it is built on first use; everything goes through it.
 */
export class SalesforceClient {
  readonly auth: SalesforceAuth;
  readonly apiVersion: string;
  private readonly deps: ClientDeps;
  private api: { instanceUrl: string; http: HttpClient } | undefined;

  constructor(values: SalesforceConfig, deps: ClientDeps) {
    this.deps = deps;
    this.apiVersion = values.SALESFORCE_API_VERSION ?? DEFAULT_API_VERSION;
    this.auth = new SalesforceAuth(values, deps);
  }

  get authMode(): AuthMode {
    return this.auth.mode;
  }

  /** A path under the versioned REST API; `rest` comes from `urlPath` or is a constant. */
  dataPath(rest: string): string {
    return `/services/data/v${this.apiVersion}${rest}`;
  }

  session(): Promise<Session> {
    return this.auth.session();
  }

  /** The HTTP client for the org's instance, after authenticating. */
  async http(): Promise<HttpClient> {
    const session = await this.auth.session();
    if (this.api?.instanceUrl === session.instanceUrl) return this.api.http;
    const mode = this.auth.mode;
    const http = this.deps.http({
      vendor: 'Salesforce',
      baseUrl: session.instanceUrl,
      userAgent: `@connectors/salesforce/${pkg.version}`,
      headers: async () => ({ authorization: `Bearer ${(await this.auth.session()).accessToken}` }),
      classifyError: (response) => classifySalesforceError(response, mode),
      parseRateLimit: parseSalesforceRateLimit,
      ...(mode === 'access_token' ? {} : { onUnauthorized: () => this.auth.renew() }),
    });
    this.api = { instanceUrl: session.instanceUrl, http };
    return http;
  }

  async request<T = unknown>(req: HttpRequest): Promise<{ status: number; headers: Headers; data: T }> {
    return (await this.http()).request<T>(req);
  }

  async get<T = unknown>(path: string, query?: HttpRequest['query'], headers?: HttpRequest['headers']): Promise<T> {
    return (await this.request<T>({ path, query, ...(headers ? { headers } : {}) })).data;
  }
}

export function createSalesforceClient(values: SalesforceConfig, deps: ClientDeps): SalesforceClient {
  return new SalesforceClient(values, deps);
}

/** Every tool of this connector is made with it: `ctx.client` is a SalesforceClient, `ctx.config` Salesforce's variables. */
export const salesforceTool = toolFor<SalesforceClient, typeof config>();
export type SalesforceContext = ToolContext<SalesforceClient, typeof config>;

/** One entry of the error array the REST API answers with. */
interface SalesforceApiError {
  message?: unknown;
  errorCode?: unknown;
  fields?: unknown;
}

interface CodeRule {
  code?: ErrorCode;
  retryable?: boolean;
  hint?: string;
}

const QUERY_HINT = 'Check object and field API names with salesforce_describe_object (custom ones end in __c, relationships in __r).';
const WRITE_HINT = 'Fix the named fields; salesforce_describe_object lists required fields, types and picklist values.';

const RULES: Record<string, CodeRule> = {
  MALFORMED_QUERY: { code: 'invalid_input', hint: QUERY_HINT },
  MALFORMED_SEARCH: {
    code: 'invalid_input',
    hint: 'Check the SOSL: FIND {terms} IN ALL FIELDS RETURNING Object(Field, ...); escape reserved characters with \\.',
  },
  INVALID_FIELD: { code: 'invalid_input', hint: QUERY_HINT },
  INVALID_TYPE: { code: 'invalid_input', hint: 'Check the object API name with salesforce_list_objects; the user may also lack access to it.' },
  INVALID_QUERY_FILTER_OPERATOR: { code: 'invalid_input', hint: QUERY_HINT },
  INVALID_QUERY_LOCATOR: {
    code: 'invalid_input',
    hint: 'The query cursor expired (Salesforce keeps it about 15 minutes): run the query again without cursor.',
  },
  QUERY_TOO_COMPLICATED: { code: 'invalid_input', hint: 'Select fewer fields or formula fields, or split the query.' },
  MALFORMED_ID: { code: 'invalid_input' },
  INVALID_ID_FIELD: { code: 'invalid_input' },
  JSON_PARSER_ERROR: { code: 'invalid_input', hint: WRITE_HINT },
  REQUIRED_FIELD_MISSING: { code: 'invalid_input', hint: WRITE_HINT },
  INVALID_FIELD_FOR_INSERT_UPDATE: { code: 'invalid_input', hint: WRITE_HINT },
  FIELD_CUSTOM_VALIDATION_EXCEPTION: { code: 'invalid_input', hint: 'A validation rule of the org refused the values; change them as the message says.' },
  FIELD_INTEGRITY_EXCEPTION: { code: 'invalid_input', hint: WRITE_HINT },
  STRING_TOO_LONG: { code: 'invalid_input', hint: WRITE_HINT },
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: { code: 'invalid_input', hint: WRITE_HINT },
  INVALID_TYPE_ON_FIELD_IN_RECORD: { code: 'invalid_input', hint: WRITE_HINT },
  NUMBER_OUTSIDE_VALID_RANGE: { code: 'invalid_input', hint: WRITE_HINT },
  INVALID_EMAIL_ADDRESS: { code: 'invalid_input', hint: WRITE_HINT },
  INVALID_CROSS_REFERENCE_KEY: { code: 'invalid_input', hint: 'A lookup field points at a record that does not exist or has the wrong type.' },
  NOT_FOUND: { code: 'not_found' },
  ENTITY_IS_DELETED: { code: 'not_found', hint: 'The record is deleted (it may still be in the Recycle Bin).' },
  INSUFFICIENT_ACCESS_OR_READONLY: { code: 'forbidden' },
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: { code: 'forbidden' },
  INSUFFICIENT_ACCESS: { code: 'forbidden' },
  API_DISABLED_FOR_ORG: { code: 'forbidden', hint: 'The org\'s edition or the user\'s profile has no API access ("API Enabled" permission).' },
  API_CURRENTLY_DISABLED: { code: 'forbidden', hint: 'The user lacks the "API Enabled" permission.' },
  FUNCTIONALITY_NOT_ENABLED: { code: 'forbidden' },
  DUPLICATE_VALUE: { code: 'conflict' },
  DUPLICATES_DETECTED: { code: 'conflict', hint: 'A duplicate rule matched an existing record; update that record instead, or change the values.' },
  ENTITY_IS_LOCKED: { code: 'conflict', hint: 'The record is locked (e.g. by an approval process).' },
  UNABLE_TO_LOCK_ROW: { code: 'conflict', retryable: true, hint: 'Another transaction holds the record; try again shortly.' },
  DELETE_FAILED: { code: 'conflict', hint: 'Other records depend on this one; remove or reassign them first.' },
  QUERY_TIMEOUT: {
    code: 'timeout',
    retryable: false,
    hint: 'Make the query selective: filter on indexed fields (Id, Name, OwnerId, lookups, external ids) and add a LIMIT.',
  },
  SERVER_UNAVAILABLE: { code: 'upstream_unavailable' },
  INVALID_AUTH_HEADER: { code: 'unauthorized' },
};

const SESSION_HINTS: Record<AuthMode, string> = {
  access_token:
    'SALESFORCE_ACCESS_TOKEN expired or was revoked (sessions time out): set a fresh one, or configure the refresh token, client credentials or JWT flow so the connector renews tokens itself.',
  client_credentials: "A freshly issued token was refused too: check the app's IP relaxation and session policies and the run-as user's access.",
  refresh_token: "A freshly refreshed token was refused too: check the app's IP relaxation and session policies and the user's access.",
  jwt_bearer: "A freshly issued token was refused too: check the app's IP relaxation and session policies and the user's access.",
};

/**
 * Salesforce answers errors as `[{ message, errorCode, fields }]`: they become one message, the
 * first errorCode as vendorCode, and the error code a caller can act on.
 */
export function classifySalesforceError(response: VendorResponse, mode: AuthMode): Partial<ErrorInfo> | undefined {
  const errors = (Array.isArray(response.body) ? response.body : []).filter(
    (entry): entry is SalesforceApiError => typeof entry === 'object' && entry !== null && typeof (entry as SalesforceApiError).message === 'string',
  );
  const unauthorized = response.status === 401 ? { hint: SESSION_HINTS[mode] } : {};
  if (errors.length === 0) return response.status === 401 ? unauthorized : undefined;

  const vendorCode = typeof errors[0]!.errorCode === 'string' ? errors[0]!.errorCode : undefined;
  const message = errors
    .slice(0, 5)
    .map((error) => {
      const fields = Array.isArray(error.fields) ? error.fields.filter((f): f is string => typeof f === 'string') : [];
      return `${String(error.message).trim()}${fields.length ? ` (fields: ${fields.join(', ')})` : ''}`;
    })
    .join('; ')
    .slice(0, 1500);
  const rule = (vendorCode && RULES[vendorCode]) || {};
  if (vendorCode === 'REQUEST_LIMIT_EXCEEDED') {
    const daily = /TotalRequests/i.test(message);
    return {
      code: 'rate_limited',
      message,
      vendorCode,
      retryable: !daily,
      hint: daily
        ? "The org's API request allowance for the last 24 hours is used up; meta.rateLimit and salesforce_health show the usage. Wait, or ask an admin to raise it."
        : 'Too many concurrent long-running requests in the org; try again shortly.',
    };
  }
  return {
    message,
    ...(vendorCode ? { vendorCode } : {}),
    ...(response.status === 401 ? { code: 'unauthorized' as const } : rule.code ? { code: rule.code } : {}),
    ...(rule.retryable !== undefined ? { retryable: rule.retryable } : {}),
    ...(response.status === 401 ? unauthorized : rule.hint ? { hint: rule.hint } : {}),
  };
}

/** `Sforce-Limit-Info: api-usage=25/15000` (calls in the last 24 hours / allowance) on every REST answer. */
export function parseSalesforceRateLimit(response: VendorResponse): RateLimit | undefined {
  const info = response.headers.get('sforce-limit-info');
  const match = info ? /api-usage=(\d+)\/(\d+)/.exec(info) : null;
  if (!match) return undefined;
  const used = Number(match[1]);
  const limit = Number(match[2]);
  return { limit, remaining: Math.max(0, limit - used) };
}
