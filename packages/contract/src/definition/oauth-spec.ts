import type { ConfigSpec, ConfigValues } from './config.js';

/** A URL, or a function of the connector's configuration (for vendors whose auth server depends on a site or region). */
export type OAuthUrl<S extends ConfigSpec = ConfigSpec> = string | { bivarianceHack(config: ConfigValues<S>): string }['bivarianceHack'];

/**
 * How a connector logs in with OAuth 2.0 (authorization code + PKCE, RFC 7636 / RFC 8252).
 * The client id and secret are read from configuration variables the connector declares, so they are
 * documented, redacted and written by `configure` like any other variable.
 */
export interface OAuthSpec<S extends ConfigSpec = ConfigSpec> {
  /** Required unless `discover` finds the endpoints. */
  authorizeUrl?: OAuthUrl<S>;
  /**
   * Whether this configuration logs in with OAuth (default: always), for connectors with other auth
   * modes too: `configure` then names `auth login` only when the mode written needs it.
   */
  inUse?: { bivarianceHack(config: ConfigValues<S>): boolean }['bivarianceHack'];
  /** Required unless `discover` finds the endpoints. */
  tokenUrl?: OAuthUrl<S>;
  /**
   * Find the endpoints and register the client at login, as MCP servers expect (see discovery.ts):
   * for a connector whose vendor is a hosted MCP server. The login records where it came from.
   */
  discover?: OAuthDiscovery<S>;
  /**
   * Which saved login this configuration uses, when the user does not choose (no `accountEnv`):
   * e.g. one per upstream host, so a token is only ever sent back to the server that issued it.
   */
  loginKey?: { bivarianceHack(config: ConfigValues<S>): string }['bivarianceHack'];
  /** RFC 7009 revocation endpoint; `auth logout` revokes the refresh token there when set. */
  revokeUrl?: OAuthUrl<S>;
  /**
   * Scopes to ask for: a list, or a function of the configuration and of read-only mode (`auth
   * login --read-only`), for vendors whose scopes follow the services enabled.
   */
  scopes: string[] | { bivarianceHack(context: ScopeContext<S>): string[] }['bivarianceHack'];
  /** Joins scopes in the authorize request (default a space; a few vendors use commas). */
  scopeSeparator?: string;
  /** Configuration variable holding the client id (must be declared in `config`); optional with `discover`, which registers one. */
  clientIdEnv?: string;
  /** Configuration variable holding the client secret of a confidential client (a declared secret; `auth login` requires it). */
  clientSecretEnv?: string;
  /** How the client secret is sent to the token endpoint: form body (default) or HTTP Basic. */
  clientAuth?: 'body' | 'basic';
  /** Extra authorize parameters, e.g. `{ access_type: 'offline', prompt: 'consent' }`. */
  authorizeParams?: Record<string, string>;
  /** Extra token-request parameters, e.g. an `audience`. */
  tokenParams?: Record<string, string>;
  /** Loopback port to listen on; set it when the vendor needs the exact redirect URI registered. Default: a free port. */
  redirectPort?: number;
  /**
   * When `redirectPort` is taken, listen on a free port instead of failing: for vendors that accept
   * any loopback port (RFC 8252 §7.3, e.g. Google's Desktop-app clients).
   */
  redirectPortFallback?: boolean;
  /** Path of the redirect URI (default `/callback`). */
  redirectPath?: string;
  /** Said after the login command when the vendor refuses the refresh token (a vendor-specific cause, e.g. Google's seven-day limit for apps in Testing). */
  refreshRefusedHint?: string;
  /** Host name in the redirect URI. The listener is always on 127.0.0.1; some vendors only accept `localhost`. */
  redirectHost?: '127.0.0.1' | 'localhost';
  /**
   * Configuration variable naming the account whose saved login the server uses, for vendors where
   * one person has several (Google). `auth login --account <email>` logs that account in (with a
   * `login_hint`) and keeps its tokens apart from the others'; without one, the default login is used.
   */
  accountEnv?: string;
}

export interface OAuthDiscovery<S extends ConfigSpec = ConfigSpec> {
  /** The protected resource: the MCP server's URL. */
  resource: OAuthUrl<S>;
  /**
   * The login that discovers and registers (`defineBridge` passes the contract's): named here so
   * only connectors that discover carry it, and the MCP client SDK it loads, in their bundle.
   */
  login: (store: OAuthLoginTarget, options: OAuthLoginOptions) => Promise<StoredTokens>;
  /** An https URL serving this client's Client ID Metadata Document, used where the server supports them. */
  clientMetadataUrl?: string;
  /** Shown by the authorization server when the client registers dynamically. */
  clientName: string;
}

/** Where a discovered login's tokens came from, kept with them for refresh and logout. */
export interface TokenServer {
  issuer: string;
  /** The resource the tokens are for (RFC 8707): sent again on refresh. */
  resource: string;
  tokenUrl: string;
  revokeUrl?: string;
  registration: 'metadata-document' | 'dynamic' | 'configured';
  /** A dynamically registered confidential client's secret. */
  clientSecret?: string;
}

/** Tokens as stored in `tokens.json` (mode 0600). */
export interface StoredTokens {
  version: 1;
  accessToken: string;
  tokenType: string;
  refreshToken?: string;
  /** Granted scopes when the vendor reported them, else the requested ones. */
  scopes?: string[];
  /** ISO 8601 expiry of the access token; absent when the vendor did not say. */
  expiresAt?: string;
  obtainedAt: string;
  refreshedAt?: string;
  /** The client the tokens were issued to; a refresh with another client would fail. */
  clientId: string;
  /** Other fields of the token response (e.g. Salesforce `instance_url`). */
  extra?: Record<string, unknown>;
  /** The account logged in (`auth login --account`), as its ID token names it when there is one. */
  account?: string;
  /** A discovered login's authorization server. */
  server?: TokenServer;
}

export interface ScopeContext<S extends ConfigSpec = ConfigSpec> {
  config: ConfigValues<S>;
  readOnly: boolean;
  /** `auth login --toolsets a,b`: ask only for the scopes these toolsets need. */
  toolsets?: string[];
}

/** The account whose saved login this configuration uses (the spec's `accountEnv`), if any. */
export function configuredAccount(oauth: Pick<OAuthSpec, 'accountEnv'>, values: ConfigValues): string | undefined {
  const value = oauth.accountEnv ? values[oauth.accountEnv] : undefined;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** The scopes a login asks for with this configuration. */
export function resolveScopes<S extends ConfigSpec>(oauth: Pick<OAuthSpec<S>, 'scopes'>, context: ScopeContext<S>): string[] {
  return typeof oauth.scopes === 'function' ? oauth.scopes(context) : oauth.scopes;
}

export function resolveOAuthUrl<S extends ConfigSpec>(url: OAuthUrl<S> | undefined, config: ConfigValues<S>): string {
  if (url === undefined) throw new Error('This OAuth spec has no such endpoint.');
  return typeof url === 'function' ? url(config) : url;
}

/** Where this configuration's login is kept: the account it names, else the spec's own key (per upstream host). */
export function loginFor(oauth: Pick<OAuthSpec, 'accountEnv' | 'loginKey'>, values: ConfigValues): { account?: string; loginKey?: string } {
  const account = configuredAccount(oauth, values);
  if (account) return { account };
  const loginKey = oauth.loginKey?.(values);
  return loginKey ? { loginKey } : {};
}

export interface OAuthLoginOptions {
  /** Overrides the spec's redirect port (0 = a free port). */
  port?: number;
  /** `auth login --read-only`: ask for the read-only scopes where the spec distinguishes them. */
  readOnly?: boolean;
  /** `auth login --toolsets a,b`: only the scopes these toolsets need, where the spec says which. */
  toolsets?: string[];
  /** Called once the redirect listener is up: open a browser at `url`, or print it. */
  onAuthorizeUrl(url: string, redirectUri: string): void | Promise<void>;
  /** How long to wait for the browser to come back (default 5 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * The saved login as a login flow sees it (the oauth layer's OAuthTokenStore): declared here so a
 * spec can name its discovering login without this layer importing the one above it.
 */
export interface OAuthLoginTarget {
  readonly oauth: OAuthSpec<any>;
  readonly config: ConfigValues;
  readonly vendor: string;
  readonly account: string | undefined;
  readonly fetchImpl: typeof fetch;
  now(): number;
  save(tokens: StoredTokens): Promise<void>;
  addSecret(value: string | undefined): void;
}

/** What a connector's client gets as `deps.oauth` (the oauth layer's OAuthTokenStore). */
export interface OAuthSession {
  /**
   * Hooks for `HttpClient`: `{ ...deps.oauth.httpAuth(), baseUrl, vendor }` sends the bearer token,
   * refreshes it when it expires, and on a 401 refreshes once and repeats the request.
   */
  httpAuth(): { headers: () => Promise<Record<string, string>>; onUnauthorized: () => Promise<boolean> };
  /** A valid access token, refreshed first when it has expired; `not_configured` when nobody logged in. */
  getAccessToken(): Promise<string>;
}
