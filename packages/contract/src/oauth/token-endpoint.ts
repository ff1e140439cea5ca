import { ConnectorError } from '../core/errors.js';
import { Redactor } from '../core/redact.js';
import type { StoredTokens } from '../definition/oauth-spec.js';

/** What a token request needs besides its grant parameters. */
export interface TokenClient {
  tokenUrl: string;
  clientId: string;
  clientSecret?: string;
  clientAuth: 'body' | 'basic';
  extraParams?: Record<string, string>;
  vendor: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

export interface TokenResponse {
  access_token: string;
  token_type?: string;
  expires_in?: number | string;
  refresh_token?: string;
  scope?: string | string[];
  [key: string]: unknown;
}

const KNOWN_FIELDS = new Set(['access_token', 'token_type', 'expires_in', 'refresh_token', 'scope']);
// Never copied into `extra`: they are credentials too.
const SECRET_FIELDS = new Set(['id_token']);

/** POSTs a grant to the token endpoint (RFC 6749 §4.1.3, §6) and returns the parsed response. */
export async function requestToken(client: TokenClient, grant: Record<string, string>): Promise<TokenResponse> {
  const redactor = new Redactor();
  redactor.add(client.clientSecret, grant.code, grant.code_verifier, grant.refresh_token);
  const params = new URLSearchParams({ ...client.extraParams, ...grant });
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': '@connectors',
  };
  authenticate(client, params, headers);
  const endpoint = `${client.vendor} token endpoint`;
  let response: Response;
  let text: string;
  try {
    response = await client.fetch(client.tokenUrl, {
      method: 'POST',
      headers,
      body: params.toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(client.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new ConnectorError('timeout', `The ${endpoint} did not answer within ${client.timeoutMs} ms.`);
    }
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error)?.message ?? 'unknown error';
    throw new ConnectorError('network_error', redactor.redact(`Could not reach the ${endpoint} (${cause}).`), {
      hint: 'Check the network and the token URL.',
    });
  }
  const body = parseBody(text, response.headers.get('content-type') ?? '');
  if (response.ok && body && typeof body.access_token === 'string' && body.access_token) return body as TokenResponse;

  const code = typeof body?.error === 'string' ? body.error : undefined;
  const description = typeof body?.error_description === 'string' ? body.error_description.slice(0, 200) : undefined;
  if (response.ok) {
    throw new ConnectorError('upstream_error', `The ${endpoint} answered ${response.status} without an access token.`, { status: response.status });
  }
  const detail = code ? `${code}${description ? ` (${description})` : ''}` : `HTTP ${response.status}`;
  const message = redactor.redact(`The ${endpoint} refused the request: ${detail}.`);
  if (response.status === 429) throw new ConnectorError('rate_limited', message, { status: 429 });
  if (response.status >= 500) throw new ConnectorError('upstream_unavailable', message, { status: response.status });
  throw new ConnectorError('unauthorized', message, {
    status: response.status,
    ...(code ? { vendorCode: code } : {}),
    hint: code === 'invalid_client' ? 'Check the OAuth client id and secret in the configuration.' : 'Run `auth login` again to get new tokens.',
  });
}

/** Client authentication (RFC 6749 §2.3.1): HTTP Basic, or the id (and secret) in the form body. */
function authenticate(client: TokenClient, params: URLSearchParams, headers: Record<string, string>): void {
  if (client.clientAuth === 'basic' && client.clientSecret !== undefined) {
    const pair = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    return;
  }
  params.set('client_id', client.clientId);
  if (client.clientSecret !== undefined) params.set('client_secret', client.clientSecret);
}

function parseBody(text: string, type: string): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    // Some vendors (GitHub without an Accept header) answer form-encoded.
    if (type.includes('x-www-form-urlencoded') || /^[\w.-]+=/.test(text)) return Object.fromEntries(new URLSearchParams(text));
    return undefined;
  }
}

/** Turns a token response into what is stored; a response without a new refresh token keeps the old one. */
export function toStoredTokens(
  response: TokenResponse,
  context: { clientId: string; now: number; requestedScopes: string[]; previous?: StoredTokens },
): StoredTokens {
  const now = new Date(context.now).toISOString();
  const expiresIn = Number(response.expires_in);
  const scope = Array.isArray(response.scope)
    ? response.scope.map(String)
    : typeof response.scope === 'string'
      ? response.scope.split(/[\s,]+/).filter(Boolean)
      : undefined;
  const extra: Record<string, unknown> = { ...context.previous?.extra };
  for (const [key, value] of Object.entries(response)) if (!KNOWN_FIELDS.has(key) && !SECRET_FIELDS.has(key)) extra[key] = value;
  const refreshToken = typeof response.refresh_token === 'string' && response.refresh_token ? response.refresh_token : context.previous?.refreshToken;
  const scopes = scope ?? context.previous?.scopes ?? (context.requestedScopes.length ? context.requestedScopes : undefined);
  return {
    version: 1,
    accessToken: response.access_token,
    tokenType: typeof response.token_type === 'string' ? response.token_type : 'Bearer',
    ...(refreshToken ? { refreshToken } : {}),
    ...(scopes ? { scopes } : {}),
    ...(response.expires_in !== undefined && Number.isFinite(expiresIn) && expiresIn > 0
      ? { expiresAt: new Date(context.now + expiresIn * 1000).toISOString() }
      : {}),
    obtainedAt: context.previous?.obtainedAt ?? now,
    ...(context.previous ? { refreshedAt: now } : {}),
    clientId: context.clientId,
    ...(Object.keys(extra).length ? { extra } : {}),
  };
}

/** RFC 7009 revocation; best effort, resolves whether the server accepted it. */
export async function revokeToken(client: TokenClient & { revokeUrl: string }, token: string, hint: 'refresh_token' | 'access_token'): Promise<boolean> {
  const params = new URLSearchParams({ token, token_type_hint: hint });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': '@connectors' };
  authenticate(client, params, headers);
  try {
    const response = await client.fetch(client.revokeUrl, {
      method: 'POST',
      headers,
      body: params.toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(client.timeoutMs),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
