import { codeChallengeS256, createCodeVerifier, createState } from './pkce.js';
import { listenForRedirect } from './loopback.js';
import { ConnectorError } from '../core/errors.js';
import { resolveOAuthUrl, resolveScopes, type OAuthLoginOptions, type OAuthLoginTarget, type StoredTokens } from '../definition/oauth-spec.js';
import { requestToken, toStoredTokens, type TokenClient, type TokenResponse } from './token-endpoint.js';
import type { OAuthTokenStore } from './token-store.js';

/** Where a login sends the browser, and the token endpoint that redeems the code. */
export interface CodeRequest {
  authorizeUrl: string;
  client: TokenClient;
  /** The scopes asked for, joined as the vendor wants them; empty asks for none. */
  scope: string;
  /** More authorize parameters (an audience, a login hint, the RFC 8707 resource). */
  params?: Record<string, string>;
}

/**
 * Authorization code + PKCE (S256) + state, with a loopback redirect on 127.0.0.1: the steps every
 * login shares. `prepare` gets the redirect URI (a dynamic registration needs it) and says where to
 * authorize. The verifier never leaves this function except to the token endpoint.
 */
export async function authorizeWithCode(
  store: Pick<OAuthLoginTarget, 'oauth' | 'vendor'>,
  options: OAuthLoginOptions,
  prepare: (redirectUri: string) => Promise<CodeRequest>,
): Promise<{ response: TokenResponse; client: TokenClient }> {
  const { oauth } = store;
  const verifier = createCodeVerifier();
  const state = createState();
  const listen = (port: number) =>
    listenForRedirect({
      port,
      path: oauth.redirectPath ?? '/callback',
      redirectHost: oauth.redirectHost ?? '127.0.0.1',
      state,
      vendor: store.vendor,
      timeoutMs: options.timeoutMs ?? 5 * 60_000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  const port = options.port ?? oauth.redirectPort ?? 0;
  const redirect = await listen(port).catch((error: unknown) => {
    // A busy fixed port is the most common login failure; vendors that take any loopback port get a free one.
    if (port !== 0 && options.port === undefined && oauth.redirectPortFallback && (error as ConnectorError).vendorCode === 'port_in_use') return listen(0);
    throw error;
  });
  try {
    const request = await prepare(redirect.redirectUri);
    const url = new URL(request.authorizeUrl);
    for (const [key, value] of Object.entries(request.params ?? {})) url.searchParams.set(key, value);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', request.client.clientId);
    url.searchParams.set('redirect_uri', redirect.redirectUri);
    if (request.scope) url.searchParams.set('scope', request.scope);
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', codeChallengeS256(verifier));
    url.searchParams.set('code_challenge_method', 'S256');
    await options.onAuthorizeUrl(url.toString(), redirect.redirectUri);

    const code = await redirect.code;
    const response = await requestToken(request.client, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirect.redirectUri,
      code_verifier: verifier,
    });
    return { response, client: request.client };
  } finally {
    await redirect.close();
  }
}

/** A login with the spec's own endpoints and client id (or the discovering login, for hosted MCP servers): gets tokens and saves them. */
export async function oauthLogin(store: OAuthTokenStore, options: OAuthLoginOptions): Promise<StoredTokens> {
  const { oauth, config } = store;
  if (oauth.discover) return oauth.discover.login(store, options);
  const scopes = resolveScopes(oauth, { config, readOnly: options.readOnly ?? false, ...(options.toolsets ? { toolsets: options.toolsets } : {}) });
  const { response, client } = await authorizeWithCode(store, options, async () => ({
    authorizeUrl: resolveOAuthUrl(oauth.authorizeUrl, config),
    client: store.tokenClient(),
    scope: scopes.join(oauth.scopeSeparator ?? ' '),
    // OpenID Connect's hint: the vendor offers that account (and skips its account chooser).
    params: { ...oauth.authorizeParams, ...(store.account ? { login_hint: store.account } : {}) },
  }));
  const tokens = toStoredTokens(response, { clientId: client.clientId, now: store.now(), requestedScopes: scopes });
  const account = store.account ? checkAccount(store.account, response.id_token, store.vendor) : undefined;
  await store.save(account ? { ...tokens, account } : tokens);
  return tokens;
}

/**
 * The account asked for must be the one that logged in: a browser signed in to another Google
 * account would otherwise save that one's tokens under this name. The ID token came straight from
 * the token endpoint over TLS, so its claims are read without checking its signature (OIDC Core
 * 3.1.3.7); without one, the name given is kept.
 */
function checkAccount(wanted: string, idToken: unknown, vendor: string): string {
  const email = emailOf(idToken);
  if (email && email.toLowerCase() !== wanted.trim().toLowerCase()) {
    throw new ConnectorError('invalid_input', `You logged in to ${vendor} as ${email}, not ${wanted}; nothing was saved.`, {
      hint: `Log in again and choose ${wanted} in the browser, or use --account ${email}.`,
    });
  }
  return email ?? wanted.trim();
}

function emailOf(idToken: unknown): string | undefined {
  if (typeof idToken !== 'string') return undefined;
  try {
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { email?: unknown };
    return typeof claims.email === 'string' ? claims.email : undefined;
  } catch {
    return undefined;
  }
}
