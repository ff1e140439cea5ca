import { codeChallengeS256, createCodeVerifier, createState } from './pkce.js';
import { listenForRedirect } from './loopback.js';
import type { ConnectorError } from '../errors.js';
import { resolveOAuthUrl, resolveScopes, type StoredTokens } from './spec.js';
import { requestToken, toStoredTokens } from './token-endpoint.js';
import type { OAuthTokenStore } from './token-store.js';

export interface OAuthLoginOptions {
  /** Overrides the spec's redirect port (0 = a free port). */
  port?: number;
  /** `auth login --read-only`: ask for the read-only scopes where the spec distinguishes them. */
  readOnly?: boolean;
  /** Called once the redirect listener is up: open a browser at `url`, or print it. */
  onAuthorizeUrl(url: string, redirectUri: string): void | Promise<void>;
  /** How long to wait for the browser to come back (default 5 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Authorization code + PKCE (S256) + state, with a loopback redirect on 127.0.0.1: gets tokens for the
 * store's connector and saves them. The verifier never leaves this function except to the token endpoint.
 */
export async function oauthLogin(store: OAuthTokenStore, options: OAuthLoginOptions): Promise<StoredTokens> {
  const { oauth, config } = store;
  const client = store.tokenClient();
  const verifier = createCodeVerifier();
  const state = createState();
  const scopes = resolveScopes(oauth, { config, readOnly: options.readOnly ?? false });
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
    const url = new URL(resolveOAuthUrl(oauth.authorizeUrl, config));
    for (const [key, value] of Object.entries(oauth.authorizeParams ?? {})) url.searchParams.set(key, value);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', client.clientId);
    url.searchParams.set('redirect_uri', redirect.redirectUri);
    if (scopes.length) url.searchParams.set('scope', scopes.join(oauth.scopeSeparator ?? ' '));
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', codeChallengeS256(verifier));
    url.searchParams.set('code_challenge_method', 'S256');
    await options.onAuthorizeUrl(url.toString(), redirect.redirectUri);

    const code = await redirect.code;
    const response = await requestToken(client, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirect.redirectUri,
      code_verifier: verifier,
    });
    const tokens = toStoredTokens(response, { clientId: client.clientId, now: store.now(), requestedScopes: scopes });
    await store.save(tokens);
    return tokens;
  } finally {
    await redirect.close();
  }
}
