import { ConnectorError } from '../errors.js';
import { listenForRedirect } from './loopback.js';
import type { OAuthLoginOptions } from './login.js';
import { codeChallengeS256, createCodeVerifier, createState } from './pkce.js';
import { resolveOAuthUrl, resolveScopes, type StoredTokens } from './spec.js';
import { requestToken, toStoredTokens } from './token-endpoint.js';
import type { OAuthTokenStore } from './token-store.js';

/**
 * An MCP server's login (MCP authorization, 2025-06-18 and later): the server's protected-resource
 * metadata (RFC 9728) names its authorization server, whose metadata (RFC 8414) gives the
 * endpoints. The client registers by Client ID Metadata Document where the server supports it,
 * else dynamically (RFC 7591); then authorization code + PKCE with the RFC 8707 `resource`.
 */
export async function discoveredLogin(store: OAuthTokenStore, options: OAuthLoginOptions): Promise<StoredTokens> {
  const { oauth, config } = store;
  const discover = oauth.discover!;
  const fetchFn = store.fetchImpl;
  const resource = resolveOAuthUrl(discover.resource, config);
  const sdk = await import('@modelcontextprotocol/client');
  let info;
  try {
    info = await sdk.discoverOAuthServerInfo(resource, { fetchFn });
  } catch (error) {
    throw new ConnectorError('upstream_error', `Could not read ${store.vendor}'s OAuth metadata: ${(error as Error).message}`, { hint: 'Check the server URL.' });
  }
  const metadata = info.authorizationServerMetadata;
  if (!metadata) {
    throw new ConnectorError('upstream_error', `${store.vendor} publishes no OAuth authorization server metadata at ${info.authorizationServerUrl}.`, {
      hint: `Use a bearer token instead (see the connector's README).`,
    });
  }
  if (metadata.code_challenge_methods_supported && !metadata.code_challenge_methods_supported.includes('S256')) {
    throw new ConnectorError('upstream_error', `${store.vendor}'s authorization server does not support PKCE with S256, which MCP requires; nothing was sent.`);
  }
  const wanted = resolveScopes(oauth, { config, readOnly: options.readOnly ?? false, ...(options.toolsets ? { toolsets: options.toolsets } : {}) });
  // Ask only for what the server says it has, when it says.
  const offered = info.resourceMetadata?.scopes_supported ?? metadata.scopes_supported;
  const scopes = offered ? wanted.filter((scope) => offered.includes(scope)) : wanted;

  const state = createState();
  const redirect = await listenForRedirect({
    port: options.port ?? oauth.redirectPort ?? 0,
    path: oauth.redirectPath ?? '/callback',
    redirectHost: oauth.redirectHost ?? '127.0.0.1',
    state,
    vendor: store.vendor,
    timeoutMs: options.timeoutMs ?? 5 * 60_000,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    const client = await registration(store, metadata, info.authorizationServerUrl, redirect.redirectUri, scopes, sdk.registerClient);
    const verifier = createCodeVerifier();
    const url = new URL(metadata.authorization_endpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', client.clientId);
    url.searchParams.set('redirect_uri', redirect.redirectUri);
    if (scopes.length) url.searchParams.set('scope', scopes.join(' '));
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', codeChallengeS256(verifier));
    url.searchParams.set('code_challenge_method', 'S256');
    url.searchParams.set('resource', resource);
    await options.onAuthorizeUrl(url.toString(), redirect.redirectUri);

    const code = await redirect.code;
    const tokenClient = {
      tokenUrl: metadata.token_endpoint,
      clientId: client.clientId,
      ...(client.clientSecret ? { clientSecret: client.clientSecret } : {}),
      clientAuth: 'body' as const,
      extraParams: { resource },
      vendor: store.vendor,
      fetch: fetchFn,
      timeoutMs: 30_000,
    };
    const response = await requestToken(tokenClient, { grant_type: 'authorization_code', code, redirect_uri: redirect.redirectUri, code_verifier: verifier });
    const tokens: StoredTokens = {
      ...toStoredTokens(response, { clientId: client.clientId, now: store.now(), requestedScopes: scopes }),
      server: {
        issuer: metadata.issuer,
        resource,
        tokenUrl: metadata.token_endpoint,
        ...(revokeUrl(metadata) ? { revokeUrl: revokeUrl(metadata)! } : {}),
        registration: client.kind,
        ...(client.clientSecret ? { clientSecret: client.clientSecret } : {}),
      },
    };
    await store.save(tokens);
    return tokens;
  } finally {
    await redirect.close();
  }
}

interface Registered {
  clientId: string;
  clientSecret?: string;
  kind: 'metadata-document' | 'dynamic' | 'configured';
}

/** Client ID Metadata Document where supported, else dynamic registration, else a configured client id. */
async function registration(
  store: OAuthTokenStore,
  metadata: { client_id_metadata_document_supported?: boolean; registration_endpoint?: string } & Record<string, unknown>,
  authorizationServerUrl: string,
  redirectUri: string,
  scopes: string[],
  registerClient: typeof import('@modelcontextprotocol/client').registerClient,
): Promise<Registered> {
  const { oauth, config } = store;
  const discover = oauth.discover!;
  const configured = oauth.clientIdEnv ? config[oauth.clientIdEnv] : undefined;
  if (configured) return { clientId: configured, kind: 'configured' };
  if (metadata.client_id_metadata_document_supported && discover.clientMetadataUrl) return { clientId: discover.clientMetadataUrl, kind: 'metadata-document' };
  if (metadata.registration_endpoint) {
    try {
      const full = await registerClient(authorizationServerUrl, {
        metadata: metadata as never,
        clientMetadata: {
          client_name: discover.clientName,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          token_endpoint_auth_method: 'none',
          ...(scopes.length ? { scope: scopes.join(' ') } : {}),
        },
        fetchFn: store.fetchImpl,
      });
      store.addSecret(full.client_secret);
      return { clientId: full.client_id, ...(full.client_secret ? { clientSecret: full.client_secret } : {}), kind: 'dynamic' };
    } catch (error) {
      throw new ConnectorError('unauthorized', `${store.vendor} refused to register this client: ${(error as Error).message}`, {
        hint: oauth.clientIdEnv ? `Register an OAuth client with ${store.vendor} and set ${oauth.clientIdEnv}.` : 'Use a bearer token instead.',
      });
    }
  }
  throw new ConnectorError('not_configured', `${store.vendor}'s authorization server offers neither client metadata documents nor dynamic registration.`, {
    hint: oauth.clientIdEnv ? `Register an OAuth client with ${store.vendor} and set ${oauth.clientIdEnv}.` : 'Use a bearer token instead.',
  });
}

/** RFC 8414 names the RFC 7009 endpoint; the SDK's metadata type leaves it out. */
function revokeUrl(metadata: object): string | undefined {
  const url = (metadata as { revocation_endpoint?: unknown }).revocation_endpoint;
  return typeof url === 'string' ? url : undefined;
}
