import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConnectorError, type ClientDeps, type HttpClient, type ErrorInfo, type VendorResponse } from '@connectors/contract';
import { authMode, loginUrlFor, type AuthMode, type SalesforceConfig } from './config.js';

/** What the connector holds after authenticating: the token and where to use it. */
export interface Session {
  accessToken: string;
  /** The org's API origin, e.g. https://acme.my.salesforce.com. */
  instanceUrl: string;
  /** https://login.salesforce.com/id/<org id>/<user id>, from the token response. */
  identityUrl?: string;
  scopes?: string[];
  issuedAt?: string;
  expiresAt?: string;
}

/** The body of a successful POST /services/oauth2/token. */
interface TokenResponse {
  access_token?: unknown;
  instance_url?: unknown;
  id?: unknown;
  token_type?: unknown;
  issued_at?: unknown;
  scope?: unknown;
  refresh_token?: unknown;
  /** Not sent by Salesforce's classic flows; honoured when an app policy adds it. */
  expires_in?: unknown;
}

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Salesforce accepts a JWT assertion that expires at most 3 minutes ahead. */
const JWT_LIFETIME_SECONDS = 180;

/**
 * Credentials for the configured mode. OAuth tokens are obtained on first use, shared by
 * concurrent callers, cached, and renewed only when the API answers 401 (the HttpClient asks
 * once per request, so a token that is refused again is reported, never renewed in a loop).
 */
export class SalesforceAuth {
  readonly mode: AuthMode;
  /** Token endpoint host (OAuth modes). */
  readonly loginUrl: string | undefined;
  private readonly values: SalesforceConfig;
  private readonly deps: ClientDeps;
  private readonly tokenHttp: HttpClient | undefined;
  private readonly privateKey: KeyObject | undefined;
  private refreshToken: string | undefined;
  private current: Session | undefined;
  private pending: Promise<Session> | undefined;

  constructor(values: SalesforceConfig, deps: ClientDeps) {
    this.values = values;
    this.deps = deps;
    this.mode = authMode(values);
    if (this.mode === 'access_token') {
      this.loginUrl = undefined;
      this.current = { accessToken: values.SALESFORCE_ACCESS_TOKEN!, instanceUrl: values.SALESFORCE_INSTANCE_URL! };
      return;
    }
    this.loginUrl = loginUrlFor(this.mode, values);
    this.refreshToken = values.SALESFORCE_REFRESH_TOKEN;
    if (this.mode === 'jwt_bearer') this.privateKey = loadPrivateKey(values, deps);
    this.tokenHttp = deps.http({
      vendor: 'Salesforce login',
      baseUrl: this.loginUrl,
      userAgent: '@connectors/salesforce',
      classifyError: (response) => classifyTokenError(response, this.mode),
    });
  }

  /** The session in force; OAuth modes get a token on first use. */
  session(): Promise<Session> {
    return this.current ? Promise.resolve(this.current) : this.obtain();
  }

  /** Called by the HttpClient on a 401: get a new token so the request is repeated once. */
  async renew(): Promise<boolean> {
    if (this.mode === 'access_token') return false;
    this.current = undefined;
    await this.obtain();
    return true;
  }

  /** The token request in flight, if any, is shared: concurrent calls cause one token request. */
  private obtain(): Promise<Session> {
    this.pending ??= this.requestToken()
      .then((session) => {
        this.current = session;
        return session;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  private async requestToken(): Promise<Session> {
    const { data } = await this.tokenHttp!.request<TokenResponse>({
      method: 'POST',
      path: 'services/oauth2/token',
      form: this.grant(),
      anonymous: true,
      // A refresh with rotation may spend the old refresh token: never repeated blindly.
      idempotent: this.mode !== 'refresh_token',
    });
    const session = this.toSession(data);
    this.deps.log.debug(`Salesforce: got an access token (${this.mode}) for ${session.instanceUrl}`);
    return session;
  }

  private grant(): Record<string, string> {
    const v = this.values;
    switch (this.mode) {
      case 'client_credentials':
        return { grant_type: 'client_credentials', client_id: v.SALESFORCE_CLIENT_ID!, client_secret: v.SALESFORCE_CLIENT_SECRET! };
      case 'refresh_token':
        return {
          grant_type: 'refresh_token',
          client_id: v.SALESFORCE_CLIENT_ID!,
          ...(v.SALESFORCE_CLIENT_SECRET ? { client_secret: v.SALESFORCE_CLIENT_SECRET } : {}),
          refresh_token: this.refreshToken!,
        };
      default:
        return { grant_type: JWT_GRANT, assertion: jwtAssertion(v.SALESFORCE_CLIENT_ID!, v.SALESFORCE_USERNAME!, this.loginUrl!, this.privateKey!) };
    }
  }

  private toSession(body: TokenResponse | undefined): Session {
    const token = body?.access_token;
    const instance = typeof body?.instance_url === 'string' && URL.canParse(body.instance_url) ? new URL(body.instance_url) : undefined;
    if (typeof token !== 'string' || token.length === 0 || !instance) {
      throw new ConnectorError('upstream_error', 'Salesforce login answered without an access_token and instance_url.', {
        hint: 'Check SALESFORCE_LOGIN_URL: it must be the Salesforce login host or your My Domain.',
      });
    }
    // The token goes wherever instance_url points: only over https (plain http only when the login host is too, as in local tests).
    const loginProtocol = new URL(this.loginUrl!).protocol;
    if (instance.protocol !== 'https:' && !(instance.protocol === 'http:' && loginProtocol === 'http:')) {
      throw new ConnectorError('upstream_error', `Salesforce login returned an instance_url that is not https (${instance.origin}); it was not used.`);
    }
    this.deps.addSecret(token);
    if (typeof body?.refresh_token === 'string') {
      // Refresh token rotation: the new one replaces the old for the rest of this process.
      this.deps.addSecret(body.refresh_token);
      this.refreshToken = body.refresh_token;
    }
    const issuedMs = typeof body?.issued_at === 'string' && /^\d+$/.test(body.issued_at) ? Number(body.issued_at) : Date.now();
    const expiresIn = Number(body?.expires_in);
    return {
      accessToken: token,
      instanceUrl: instance.origin,
      ...(typeof body?.id === 'string' ? { identityUrl: body.id } : {}),
      ...(typeof body?.scope === 'string' ? { scopes: body.scope.split(/\s+/).filter(Boolean) } : {}),
      issuedAt: new Date(issuedMs).toISOString(),
      ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: new Date(issuedMs + expiresIn * 1000).toISOString() } : {}),
    };
  }
}

/** A JWT for the bearer flow, signed RS256 with the app's certificate key. */
export function jwtAssertion(clientId: string, username: string, audience: string, key: KeyObject, nowMs = Date.now()): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  const claims = { iss: clientId, sub: username, aud: audience, exp: Math.floor(nowMs / 1000) + JWT_LIFETIME_SECONDS };
  const signingInput = `${encode({ alg: 'RS256' })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key).toString('base64url');
  return `${signingInput}.${signature}`;
}

function loadPrivateKey(values: SalesforceConfig, deps: ClientDeps): KeyObject {
  let pem = values.SALESFORCE_PRIVATE_KEY;
  const file = values.SALESFORCE_PRIVATE_KEY_FILE;
  if (pem === undefined && file !== undefined) {
    try {
      pem = readFileSync(file, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new ConnectorError('not_configured', `SALESFORCE_PRIVATE_KEY_FILE could not be read (${reason}): ${file}.`, {
        hint: 'Point it at the PEM private key whose certificate is uploaded to the Salesforce app, readable by this process.',
      });
    }
  }
  deps.addSecret(pem);
  const name = values.SALESFORCE_PRIVATE_KEY !== undefined ? 'SALESFORCE_PRIVATE_KEY' : 'SALESFORCE_PRIVATE_KEY_FILE';
  let key: KeyObject;
  try {
    key = createPrivateKey(pem!);
  } catch {
    throw new ConnectorError('not_configured', `${name} is not a readable PEM private key.`, {
      hint: 'Use an unencrypted PEM key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----); decrypt one with `openssl pkey -in key.pem -out server.key`.',
    });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new ConnectorError('not_configured', `${name} is a ${key.asymmetricKeyType} key; Salesforce's JWT bearer flow needs an RSA key (RS256).`);
  }
  return key;
}

const TOKEN_HINTS: Record<AuthMode, string> = {
  access_token: '',
  client_credentials:
    'Check SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET, that the app enables the client credentials flow with a run-as user, and that SALESFORCE_LOGIN_URL is your My Domain.',
  refresh_token:
    "Check SALESFORCE_CLIENT_ID (and SALESFORCE_CLIENT_SECRET if the app requires it); the refresh token may be revoked or expired by the app's refresh token policy: authorise again to get a new one.",
  jwt_bearer:
    'Check SALESFORCE_CLIENT_ID and SALESFORCE_USERNAME, that the certificate of this key is uploaded to the app, that the user is pre-authorised (admin approved, via profile or permission set), and that SALESFORCE_LOGIN_URL matches the org (test.salesforce.com for sandboxes).',
};

/** OAuth errors are `{ error, error_description }`; every one of them means the credentials, not the input, are wrong. */
export function classifyTokenError(response: VendorResponse, mode: AuthMode): Partial<ErrorInfo> | undefined {
  const body = typeof response.body === 'object' && response.body !== null ? (response.body as { error?: unknown; error_description?: unknown }) : {};
  const error = typeof body.error === 'string' ? body.error : undefined;
  const description = typeof body.error_description === 'string' ? body.error_description : undefined;
  if ((response.status >= 500 || response.status === 429) && !error) return undefined;
  const hint =
    description === 'request not supported on this domain'
      ? 'The client credentials flow must use your My Domain (https://<domain>.my.salesforce.com) as SALESFORCE_LOGIN_URL.'
      : description === 'no client credentials user enabled'
        ? "Choose a run-as user in the app's OAuth policies (Client Credentials Flow → Run As)."
        : TOKEN_HINTS[mode];
  const flow = mode.replace(/_/g, ' ');
  return {
    ...([400, 401, 403].includes(response.status) ? { code: 'unauthorized' as const } : {}),
    message: `no access token from the ${flow} flow${error ? `: ${error}` : ''}${description ? ` (${description})` : ''}.`,
    ...(error ? { vendorCode: error } : {}),
    hint,
  };
}
