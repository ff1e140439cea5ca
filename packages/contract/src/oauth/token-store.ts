import type { ConfigValues } from '../definition/config.js';
import { ConnectorError } from '../core/errors.js';
import { accountKey, tokenFilePath } from '../core/paths.js';
import { FileTokenStorage, type TokenStorage } from '../state/token-storage.js';
import { resolveOAuthUrl, type OAuthSpec, type StoredTokens } from '../definition/oauth-spec.js';
import { requestToken, revokeToken, toStoredTokens, type TokenClient } from './token-endpoint.js';

export interface OAuthTokenStoreOptions {
  /** The connector id: names the token directory and the `auth login` command in messages. */
  connectorId: string;
  oauth: OAuthSpec<any>;
  /** The connector's configuration values: the client id/secret and whatever URL functions read. */
  config: ConfigValues;
  /** Locates the token file (XDG_CONFIG_HOME, APPDATA, HOME); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Overrides the token file location. */
  file?: string;
  /** Keeps the tokens somewhere other than a file (Redis, shared by replicas). */
  storage?: TokenStorage;
  /** One of several accounts (the spec's `accountEnv`, or `auth login --account`): its own tokens. */
  account?: string;
  /** Keeps this login apart without naming an account (the spec's `loginKey`: one per upstream host). */
  loginKey?: string;
  /** The command that logs in, for messages (default `npx -y @connectors/<id> auth login`). */
  loginCommand?: string;
  /** Vendor name for messages; defaults to the connector id. */
  vendor?: string;
  fetch?: typeof fetch;
  /** Called with every token read or obtained, so the runtime can redact it (pass `deps.addSecret`). */
  onSecret?: (value: string | undefined) => void;
  /** Refresh this long before the recorded expiry (default 60 s). */
  refreshSkewMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

export interface OAuthStatus {
  loggedIn: boolean;
  file: string;
  scopes?: string[];
  expiresAt?: string;
  /** The access token is past (or within the skew of) its expiry. */
  expired: boolean;
  canRefresh: boolean;
  obtainedAt?: string;
  refreshedAt?: string;
}

/**
 * The OAuth tokens of one connector on this machine: reads them, refreshes them when they expire
 * (persisting a rotated refresh token), and hands out a valid access token. Tokens never appear in
 * its errors; the file is written atomically with mode 0600.
 */
export class OAuthTokenStore {
  /** Where the tokens are kept (a file path, or a description of the Redis key), for messages. */
  readonly file: string;
  private readonly storage: TokenStorage;
  private readonly options: OAuthTokenStoreOptions;
  private refreshing: Promise<StoredTokens> | undefined;

  constructor(options: OAuthTokenStoreOptions) {
    this.options = options;
    this.storage = storageFor(options);
    this.file = this.storage.location;
  }

  get oauth(): OAuthSpec<any> {
    return this.options.oauth;
  }

  get config(): ConfigValues {
    return this.options.config;
  }

  get vendor(): string {
    return this.options.vendor ?? this.options.connectorId;
  }

  get connectorId(): string {
    return this.options.connectorId;
  }

  get fetchImpl(): typeof fetch {
    return this.options.fetch ?? fetch;
  }

  /** Registers a secret obtained during login (a registered client's secret) for redaction. */
  addSecret(value: string | undefined): void {
    this.options.onSecret?.(value);
  }

  /** The account this store holds the login of, when the connector has several. */
  get account(): string | undefined {
    return this.options.account;
  }

  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** The scopes the saved login was granted, read without waiting where the storage allows; undefined when unknown. */
  savedScopesSync(): string[] | undefined {
    try {
      const text = this.storage.readSync?.();
      const scopes = text === undefined ? undefined : (JSON.parse(text) as Partial<StoredTokens>).scopes;
      return Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === 'string') : undefined;
    } catch {
      return undefined;
    }
  }

  /** The stored tokens, or undefined when not logged in. */
  async read(): Promise<StoredTokens | undefined> {
    let text: string | undefined;
    try {
      text = await this.storage.read();
    } catch (error) {
      throw new ConnectorError('unauthorized', `Could not read the saved tokens at ${this.file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, {
        hint: this.loginHint(),
      });
    }
    if (text === undefined) return undefined;
    let tokens: StoredTokens;
    try {
      tokens = JSON.parse(text) as StoredTokens;
    } catch {
      throw this.damaged();
    }
    if (typeof tokens !== 'object' || tokens === null || typeof tokens.accessToken !== 'string' || !tokens.accessToken) throw this.damaged();
    this.options.onSecret?.(tokens.accessToken);
    this.options.onSecret?.(tokens.refreshToken);
    return tokens;
  }

  async save(tokens: StoredTokens): Promise<void> {
    this.options.onSecret?.(tokens.accessToken);
    this.options.onSecret?.(tokens.refreshToken);
    await this.storage.write(`${JSON.stringify(tokens, null, 2)}\n`);
  }

  /** Deletes the token file; resolves whether there was one. */
  async clear(): Promise<boolean> {
    const existed = (await this.read().catch(() => 'damaged')) !== undefined;
    await this.storage.remove();
    return existed;
  }

  /** Whether the access token is expired or expires within the skew. Unknown expiry counts as valid (a 401 then triggers a refresh). */
  isExpiring(tokens: StoredTokens): boolean {
    if (!tokens.expiresAt) return false;
    return Date.parse(tokens.expiresAt) - (this.options.refreshSkewMs ?? 60_000) <= this.now();
  }

  /** A valid access token, refreshed first when it has expired. Throws `not_configured` when not logged in. */
  async getAccessToken(): Promise<string> {
    const tokens = await this.read();
    if (!tokens) throw this.notLoggedIn();
    if (!this.isExpiring(tokens)) return tokens.accessToken;
    return (await this.refresh(tokens.accessToken)).accessToken;
  }

  /**
   * Exchanges the refresh token for new tokens and persists them (including a rotated refresh token).
   * `staleAccessToken` is the token that just failed or expired: if the file already holds a different,
   * valid one (another process refreshed first), that one is used instead of spending the refresh token.
   * Concurrent calls share one request.
   */
  refresh(staleAccessToken?: string): Promise<StoredTokens> {
    this.refreshing ??= this.doRefresh(staleAccessToken).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(staleAccessToken?: string): Promise<StoredTokens> {
    const current = await this.read();
    if (!current) throw this.notLoggedIn();
    if (staleAccessToken !== undefined && current.accessToken !== staleAccessToken && !this.isExpiring(current)) return current;
    if (!current.refreshToken) {
      throw new ConnectorError('unauthorized', `The ${this.vendor} access token has expired and there is no refresh token.`, { hint: this.loginHint() });
    }
    const client = this.tokenClient(current);
    if (client.clientId !== current.clientId) {
      throw new ConnectorError('unauthorized', `The saved ${this.vendor} login belongs to another OAuth client id than the one configured now.`, {
        hint: this.loginHint(),
      });
    }
    let response;
    try {
      response = await requestToken(client, { grant_type: 'refresh_token', refresh_token: current.refreshToken });
    } catch (error) {
      // With rotation, another process may have used this refresh token a moment ago: take its result.
      const latest = await this.read().catch(() => undefined);
      if (latest && latest.refreshToken !== current.refreshToken && !this.isExpiring(latest)) return latest;
      if ((error as ConnectorError).code === 'unauthorized') {
        throw new ConnectorError('unauthorized', `The saved ${this.vendor} login has expired or was revoked: ${(error as Error).message}`, {
          hint: [this.loginHint(), this.oauth.refreshRefusedHint].filter(Boolean).join(' '),
        });
      }
      throw error;
    }
    // A refresh keeps the scopes of the login (the previous record), whatever they were computed from.
    const next = toStoredTokens(response, { clientId: client.clientId, now: this.now(), requestedScopes: current.scopes ?? [], previous: current });
    if (current.server) next.server = current.server;
    await this.save(next);
    return next;
  }

  async status(): Promise<OAuthStatus> {
    const tokens = await this.read();
    if (!tokens) return { loggedIn: false, file: this.file, expired: false, canRefresh: false };
    return {
      loggedIn: true,
      file: this.file,
      ...(tokens.scopes ? { scopes: tokens.scopes } : {}),
      ...(tokens.expiresAt ? { expiresAt: tokens.expiresAt } : {}),
      expired: this.isExpiring(tokens),
      canRefresh: Boolean(tokens.refreshToken),
      obtainedAt: tokens.obtainedAt,
      ...(tokens.refreshedAt ? { refreshedAt: tokens.refreshedAt } : {}),
    };
  }

  /** Revokes the refresh token when the vendor has a revocation endpoint (best effort), then deletes the file. */
  async logout(): Promise<{ removed: boolean; revoked?: boolean }> {
    const tokens = await this.read().catch(() => undefined);
    let revoked: boolean | undefined;
    const revokeUrl = tokens?.server ? tokens.server.revokeUrl : this.oauth.revokeUrl && resolveOAuthUrl(this.oauth.revokeUrl, this.config);
    if (tokens && revokeUrl) {
      const token = tokens.refreshToken ?? tokens.accessToken;
      const clientId = tokens.server ? tokens.clientId : this.oauth.clientIdEnv && this.config[this.oauth.clientIdEnv];
      if (clientId) {
        revoked = await revokeToken({ ...this.tokenClient(tokens), revokeUrl }, token, tokens.refreshToken ? 'refresh_token' : 'access_token');
      }
    }
    const removed = await this.clear();
    return revoked === undefined ? { removed } : { removed, revoked };
  }

  /**
   * Hooks for `HttpClient`: `{ ...store.httpAuth(), baseUrl, vendor }` sends the bearer token, refreshes
   * it when it expires, and on a 401 refreshes once and repeats the request.
   */
  httpAuth(): { headers: () => Promise<Record<string, string>>; onUnauthorized: () => Promise<boolean> } {
    let lastToken: string | undefined;
    return {
      headers: async () => {
        lastToken = await this.getAccessToken();
        return { authorization: `Bearer ${lastToken}` };
      },
      onUnauthorized: async () => {
        try {
          await this.refresh(lastToken ?? '');
          return true;
        } catch {
          return false;
        }
      },
    };
  }

  /** The token-endpoint client for this connector's configuration, or for where a discovered login came from. */
  tokenClient(tokens?: StoredTokens): TokenClient {
    const { oauth, config } = this;
    const server = tokens?.server;
    if (server) {
      this.options.onSecret?.(server.clientSecret);
      return {
        tokenUrl: server.tokenUrl,
        clientId: tokens.clientId,
        ...(server.clientSecret ? { clientSecret: server.clientSecret } : {}),
        clientAuth: 'body',
        extraParams: { resource: server.resource },
        vendor: this.vendor,
        fetch: this.fetchImpl,
        timeoutMs: this.options.timeoutMs ?? 30_000,
      };
    }
    const clientId = oauth.clientIdEnv ? config[oauth.clientIdEnv] : undefined;
    if (!clientId) {
      throw new ConnectorError('not_configured', `Configuration incomplete: missing ${oauth.clientIdEnv}.`, {
        hint: `Set ${oauth.clientIdEnv}${oauth.clientSecretEnv ? ` and ${oauth.clientSecretEnv}` : ''} to the OAuth client of your ${this.vendor} app.`,
      });
    }
    const clientSecret = oauth.clientSecretEnv ? config[oauth.clientSecretEnv] : undefined;
    this.options.onSecret?.(clientSecret);
    return {
      tokenUrl: resolveOAuthUrl(oauth.tokenUrl, config),
      clientId,
      ...(clientSecret ? { clientSecret } : {}),
      clientAuth: oauth.clientAuth ?? 'body',
      ...(oauth.tokenParams ? { extraParams: oauth.tokenParams } : {}),
      vendor: this.vendor,
      fetch: this.fetchImpl,
      timeoutMs: this.options.timeoutMs ?? 30_000,
    };
  }

  loginHint(): string {
    const command = this.options.loginCommand ?? `npx -y @connectors/${this.connectorId} auth login`;
    return `Run \`${command}${this.account ? ` --account ${this.account}` : ''}\` to log in.`;
  }

  /** Nobody has logged in yet: a setup step, like a variable to set, not a refused credential. */
  private notLoggedIn(): ConnectorError {
    const who = this.account ? ` as ${this.account}` : '';
    return new ConnectorError('not_configured', `Not logged in to ${this.vendor}${who}: no saved OAuth tokens (${this.file}).`, { hint: this.loginHint() });
  }

  private damaged(): ConnectorError {
    return new ConnectorError('unauthorized', `The token file ${this.file} is damaged.`, { hint: this.loginHint() });
  }
}

/** The default login's storage, or one account's: a file next to the default one, or the storage's own per-account kind. */
function storageFor(options: OAuthTokenStoreOptions): TokenStorage {
  const { storage } = options;
  const account = options.account ?? options.loginKey;
  if (account === undefined) return storage ?? new FileTokenStorage(options.file ?? tokenFilePath(options.connectorId, options.env ?? process.env));
  try {
    accountKey(account);
  } catch (error) {
    throw new ConnectorError('invalid_input', (error as Error).message);
  }
  if (storage) {
    if (!storage.forAccount)
      throw new ConnectorError('not_configured', `This token storage (${storage.location}) keeps one login only; it cannot hold the account ${account}.`);
    return storage.forAccount(account);
  }
  return new FileTokenStorage(tokenFilePath(options.connectorId, options.env ?? process.env, process.platform, account));
}
