import { envVar, z, type ConfigValues, type OAuthSpec, type Requirements } from '@connectors/contract';
import { readServiceAccountKey } from './service-account.js';

export const SERVICES = ['gmail', 'drive', 'calendar'] as const;
export type Service = (typeof SERVICES)[number];

const services = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  )
  .refine(
    (list) => list.length > 0 && list.every((s) => (SERVICES as readonly string[]).includes(s)),
    `must be a comma-separated list of ${SERVICES.join(', ')}`,
  )
  .transform((list) => [...new Set(list)].join(','));

const absolutePath = z.string().refine((value) => value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value), 'must be an absolute path');

export const config = {
  GOOGLE_CLIENT_ID: envVar.string(
    'Client id of your OAuth client of type Desktop app (Google Cloud console → APIs & Services → Credentials); then run `npx -y @connectors/google-workspace auth login`.',
    {
      example: '1234567890-abc123.apps.googleusercontent.com',
    },
  ),
  GOOGLE_CLIENT_SECRET: envVar.secret('Client secret of that Desktop-app OAuth client.', { example: 'GOCSPX-...' }),
  GOOGLE_ACCESS_TOKEN: envVar.secret('An OAuth access token instead of a login (CI, agents); it expires within an hour and is not renewed.', {
    example: 'ya29.a0Af...',
  }),
  GOOGLE_ACCOUNT: envVar.string(
    'Which saved login to use when you logged in several accounts (`auth login --account you@example.com`); default the one logged in without --account.',
    {
      example: 'mia@example.com',
      schema: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address'),
    },
  ),
  GOOGLE_SERVICE_ACCOUNT_KEY_FILE: envVar.string(
    'A service account’s JSON key file, for Workspace domains that allow it domain-wide delegation (instead of a login).',
    {
      example: '/etc/connectors/google-sa.json',
      schema: absolutePath,
    },
  ),
  GOOGLE_IMPERSONATE_USER: envVar.string('With a service account: the user of your domain it acts as (required for Gmail).', {
    example: 'mia@example.com',
    schema: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address'),
  }),
  GOOGLE_WORKSPACE_SERVICES: envVar.string(`The services to use and ask scopes for: ${SERVICES.join(', ')} (default all).`, {
    default: SERVICES.join(','),
    example: 'gmail,calendar',
    schema: services,
  }),
  GOOGLE_WORKSPACE_DOWNLOAD_DIR: envVar.string(
    'The download folder: gmail_get_attachment saves into it or its subfolders only (default $XDG_DOWNLOAD_DIR, else ~/Downloads).',
    {
      example: '/home/you/Downloads',
      schema: absolutePath,
    },
  ),
  GOOGLE_API_BASE_URL: envVar.url('Where the Google APIs are (override for tests and mocks).', { default: 'https://www.googleapis.com' }),
};

export type GoogleConfig = ConfigValues<typeof config>;

const LOGIN_STEP =
  'Then run `npx -y @connectors/google-workspace auth login` once. Or set GOOGLE_ACCESS_TOKEN instead (short-lived), or GOOGLE_SERVICE_ACCOUNT_KEY_FILE with GOOGLE_IMPERSONATE_USER (Workspace domain-wide delegation).';

export type AuthMode = 'access_token' | 'service_account' | 'oauth_login';

/** The auth mode a configuration asks for: a token, a service account key, or else a login. */
export function authMode(values: GoogleConfig): AuthMode {
  if (values.GOOGLE_ACCESS_TOKEN !== undefined) return 'access_token';
  if (values.GOOGLE_SERVICE_ACCOUNT_KEY_FILE !== undefined) return 'service_account';
  return 'oauth_login';
}

/** One auth mode: an OAuth login with a Desktop-app client, an access token, or a service account. */
export function missingConfig(values: GoogleConfig): Requirements {
  const login = values.GOOGLE_CLIENT_ID !== undefined || values.GOOGLE_CLIENT_SECRET !== undefined;
  const modes = [values.GOOGLE_ACCESS_TOKEN !== undefined, values.GOOGLE_SERVICE_ACCOUNT_KEY_FILE !== undefined, login].filter(Boolean).length;
  if (modes > 1) {
    return {
      missing: [],
      problems: [
        'Use one auth mode only: GOOGLE_ACCESS_TOKEN; or GOOGLE_SERVICE_ACCOUNT_KEY_FILE (with GOOGLE_IMPERSONATE_USER); or GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET with `auth login`.',
      ],
    };
  }
  if (values.GOOGLE_ACCESS_TOKEN !== undefined) return { missing: [] };
  if (values.GOOGLE_SERVICE_ACCOUNT_KEY_FILE !== undefined) {
    // A service account has no mailbox of its own: Gmail needs a user to act as.
    const needsUser = values.GOOGLE_IMPERSONATE_USER === undefined && enabledServices(values).includes('gmail');
    const problems = needsUser
      ? ['A service account reads Gmail only as a user of your domain: set GOOGLE_IMPERSONATE_USER (or leave gmail out of GOOGLE_WORKSPACE_SERVICES).']
      : [];
    try {
      readServiceAccountKey(values.GOOGLE_SERVICE_ACCOUNT_KEY_FILE);
    } catch (error) {
      problems.push((error as Error).message);
    }
    return { missing: needsUser ? ['GOOGLE_IMPERSONATE_USER'] : [], problems };
  }
  const missing = (['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'] as const).filter((name) => values[name] === undefined);
  return { missing, problems: login ? [] : [LOGIN_STEP] };
}

export function enabledServices(values: GoogleConfig): Service[] {
  return (values.GOOGLE_WORKSPACE_SERVICES ?? SERVICES.join(',')).split(',') as Service[];
}

const SCOPE = 'https://www.googleapis.com/auth/';
/** Per service: the scope for read-only mode and the one for everything its tools do. */
const SCOPES: Record<Service, { read: string; write: string }> = {
  // gmail.modify reads, labels, trashes, drafts and sends; it cannot delete for good.
  gmail: { read: `${SCOPE}gmail.readonly`, write: `${SCOPE}gmail.modify` },
  drive: { read: `${SCOPE}drive.readonly`, write: `${SCOPE}drive` },
  calendar: { read: `${SCOPE}calendar.readonly`, write: `${SCOPE}calendar` },
};

/** The scopes of the enabled services (read-only ones in read-only mode), of those in `only` when given. */
export function serviceScopes(values: GoogleConfig, readOnly: boolean, only?: string[]): string[] {
  return enabledServices(values)
    .filter((service) => !only || only.includes(service))
    .map((service) => SCOPES[service][readOnly ? 'read' : 'write']);
}

/** A login also asks for openid and email, to name the account (and check it is the one asked for). */
export function scopesFor(values: GoogleConfig, readOnly: boolean, only?: string[]): string[] {
  return ['openid', 'email', ...serviceScopes(values, readOnly, only)];
}

/** Google OAuth 2.0 for installed apps: https://developers.google.com/identity/protocols/oauth2/native-app */
export const oauth: OAuthSpec<typeof config> = {
  authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
  // `auth login --services gmail` asks Gmail's scope only; include_granted_scopes keeps the others granted before.
  scopes: ({ config: values, readOnly, toolsets }) => scopesFor(values, readOnly, toolsets),
  clientIdEnv: 'GOOGLE_CLIENT_ID',
  clientSecretEnv: 'GOOGLE_CLIENT_SECRET',
  inUse: (values) => authMode(values) === 'oauth_login',
  // A refresh token (offline), asked for again on every login (consent), keeping scopes granted before.
  authorizeParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
  redirectPort: 18765,
  // Desktop-app clients accept any loopback port: a busy 18765 must not stop the login.
  redirectPortFallback: true,
  // One person, several Google accounts: `auth login --account`, GOOGLE_ACCOUNT picks one.
  accountEnv: 'GOOGLE_ACCOUNT',
  refreshRefusedHint:
    'If the OAuth consent screen of your Google Cloud project is in Testing, Google ends its logins after seven days: publish the app (APIs & Services → OAuth consent screen) to keep them.',
};
