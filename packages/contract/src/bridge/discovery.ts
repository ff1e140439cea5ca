import { ConnectorError } from '../core/errors.js';
import { authorizeWithCode } from '../oauth/login.js';
import { resolveOAuthUrl, resolveScopes, type OAuthLoginOptions, type OAuthLoginTarget, type StoredTokens } from '../definition/oauth-spec.js';
import { toStoredTokens } from '../oauth/token-endpoint.js';

/**
 * An MCP server's login (MCP authorization, 2025-06-18 and later): the server's protected-resource
 * metadata (RFC 9728) names its authorization server, whose metadata (RFC 8414) gives the
 * endpoints. The client registers by Client ID Metadata Document where the server supports it,
 * else dynamically (RFC 7591); then authorization code + PKCE with the RFC 8707 `resource`.
 */
export async function discoveredLogin(store: OAuthLoginTarget, options: OAuthLoginOptions): Promise<StoredTokens> {
  const { oauth, config } = store;
  const discover = oauth.discover!;
  const resource = resolveOAuthUrl(discover.resource, config);
  const sdk = await import('@modelcontextprotocol/client');
  let info;
  try {
    info = await sdk.discoverOAuthServerInfo(resource, { fetchFn: store.fetchImpl });
  } catch (error) {
    throw new ConnectorError('upstream_error', `Could not read ${store.vendor}'s OAuth metadata: ${(error as Error).message}`, {
      hint: 'Check the server URL.',
    });
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

  let registered: Registered | undefined;
  const { response, client } = await authorizeWithCode(store, options, async (redirectUri) => {
    registered = await registration(store, metadata, info.authorizationServerUrl, redirectUri, scopes, sdk.registerClient);
    return {
      authorizeUrl: metadata.authorization_endpoint,
      client: {
        tokenUrl: metadata.token_endpoint,
        clientId: registered.clientId,
        ...(registered.clientSecret ? { clientSecret: registered.clientSecret } : {}),
        clientAuth: 'body',
        extraParams: { resource },
        vendor: store.vendor,
        fetch: store.fetchImpl,
        timeoutMs: 30_000,
      },
      scope: scopes.join(' '),
      params: { resource },
    };
  });
  const tokens: StoredTokens = {
    ...toStoredTokens(response, { clientId: client.clientId, now: store.now(), requestedScopes: scopes }),
    server: {
      issuer: metadata.issuer,
      resource,
      tokenUrl: metadata.token_endpoint,
      ...(revokeUrl(metadata) ? { revokeUrl: revokeUrl(metadata)! } : {}),
      registration: registered!.kind,
      ...(registered!.clientSecret ? { clientSecret: registered!.clientSecret } : {}),
    },
  };
  await store.save(tokens);
  return tokens;
}

interface Registered {
  clientId: string;
  clientSecret?: string;
  kind: 'metadata-document' | 'dynamic' | 'configured';
}

/** Client ID Metadata Document where supported, else dynamic registration, else a configured client id. */
async function registration(
  store: OAuthLoginTarget,
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
