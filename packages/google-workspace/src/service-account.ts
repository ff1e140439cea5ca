// A service account with domain-wide delegation: a JWT signed with the account's key is exchanged
// for an access token that acts as one user of the Workspace domain (RFC 7523, Google's
// https://developers.google.com/identity/protocols/oauth2/service-account). Tokens are minted here,
// kept in memory only, and renewed before they expire.
import { sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConnectorError, type ClientDeps, type ErrorInfo, type HttpClient, type VendorResponse } from '@connectors/contract';

export interface ServiceAccountKey {
  client_email: string;
  client_id?: string;
  private_key: string;
  private_key_id?: string;
  token_uri: string;
}

const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/** The key file's fields, checked; its content never appears in an error. */
export function readServiceAccountKey(path: string): ServiceAccountKey {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConnectorError('not_configured', `GOOGLE_SERVICE_ACCOUNT_KEY_FILE: cannot read ${path} as a JSON key (${code ?? 'not JSON'}).`, {
      hint: 'Download a JSON key of the service account (IAM & Admin → Service accounts → Keys) and point the variable at it.',
    });
  }
  const text = (name: string) => (typeof parsed[name] === 'string' && parsed[name] ? (parsed[name] as string) : undefined);
  const clientEmail = text('client_email');
  const privateKey = text('private_key');
  if (parsed.type !== 'service_account' || !clientEmail || !privateKey?.includes('PRIVATE KEY')) {
    throw new ConnectorError(
      'not_configured',
      `GOOGLE_SERVICE_ACCOUNT_KEY_FILE: ${path} is not a service account key (type service_account, client_email, private_key).`,
    );
  }
  const tokenUri = text('token_uri') ?? GOOGLE_TOKEN_URI;
  if (!tokenUri.startsWith('https://')) throw new ConnectorError('not_configured', `GOOGLE_SERVICE_ACCOUNT_KEY_FILE: its token_uri must be an https URL.`);
  const clientId = text('client_id');
  const keyId = text('private_key_id');
  return {
    client_email: clientEmail,
    private_key: privateKey,
    token_uri: tokenUri,
    ...(clientId ? { client_id: clientId } : {}),
    ...(keyId ? { private_key_id: keyId } : {}),
  };
}

/** The signed assertion: who (iss), as whom (sub), for which scopes, for an hour at most. */
export function assertion(key: ServiceAccountKey, scopes: string[], subject: string | undefined, nowSeconds: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = part({ alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) });
  const claims = part({
    iss: key.client_email,
    ...(subject ? { sub: subject } : {}),
    scope: scopes.join(' '),
    aud: key.token_uri,
    iat: nowSeconds,
    exp: nowSeconds + 3600,
  });
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${claims}`), key.private_key).toString('base64url');
  return `${header}.${claims}.${signature}`;
}

/** Mints and renews the access tokens; one exchange at a time, shared by concurrent calls. */
export class ServiceAccountAuth {
  private token: { value: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly tokens: HttpClient;

  constructor(
    private readonly key: ServiceAccountKey,
    private readonly scopes: string[],
    private readonly subject: string | undefined,
    private readonly deps: Pick<ClientDeps, 'http' | 'addSecret'>,
  ) {
    this.tokens = deps.http({
      vendor: 'Google',
      baseUrl: new URL(key.token_uri).origin,
      classifyError: (response) => tokenError(response, key, scopes, subject),
    });
  }

  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - 60_000 > Date.now()) return this.token.value;
    this.pending ??= this.exchange().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Hooks for the Google client: the bearer token, renewed once on a 401. */
  httpAuth(): { headers: () => Promise<Record<string, string>>; onUnauthorized: () => Promise<boolean> } {
    return {
      headers: async () => ({ authorization: `Bearer ${await this.accessToken()}` }),
      onUnauthorized: async () => {
        this.token = undefined;
        try {
          await this.accessToken();
          return true;
        } catch {
          return false;
        }
      },
    };
  }

  private async exchange(): Promise<string> {
    const { data } = await this.tokens.request<{ access_token?: string; expires_in?: number }>({
      method: 'POST',
      path: this.key.token_uri,
      form: {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: assertion(this.key, this.scopes, this.subject, Math.floor(Date.now() / 1000)),
      },
      anonymous: true,
      // Minting a token changes nothing: safe to repeat.
      idempotent: true,
    });
    if (!data.access_token) throw new ConnectorError('upstream_error', 'Google answered the service account token request without an access token.');
    this.deps.addSecret(data.access_token);
    this.token = { value: data.access_token, expiresAt: Date.now() + (data.expires_in ?? 3600) * 1000 };
    return data.access_token;
  }
}

/** Google's token errors, with what to fix: the delegation in the Admin console, or the user. */
function tokenError(response: VendorResponse, key: ServiceAccountKey, scopes: string[], subject: string | undefined): Partial<ErrorInfo> | undefined {
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as { error?: string; error_description?: string };
  if (typeof body.error !== 'string') return undefined;
  const message = `${body.error}${body.error_description ? `: ${body.error_description}` : ''}`.slice(0, 300);
  if (body.error === 'unauthorized_client') {
    return {
      code: 'forbidden',
      message,
      vendorCode: body.error,
      hint: `In the Google Admin console (Security → Access and data control → API controls → Domain-wide delegation), allow client ID ${key.client_id ?? key.client_email} these scopes: ${scopes.join(',')}`,
    };
  }
  if (body.error === 'invalid_grant') {
    return {
      code: 'unauthorized',
      message,
      vendorCode: body.error,
      hint: subject
        ? `Check GOOGLE_IMPERSONATE_USER (${subject}): it must be a user of the Workspace domain. A deleted or disabled key, or a wrong clock, also gives this.`
        : 'The key may be deleted or disabled, or this machine’s clock is wrong.',
    };
  }
  return { code: 'unauthorized', message, vendorCode: body.error };
}
