import { envVar, z, type ConfigValues, type OAuthSpec, type Requirements } from '@connectors/contract';

export const SERVICES = ['gmail', 'drive', 'calendar'] as const;
export type Service = (typeof SERVICES)[number];

const services = z
  .string()
  .transform((value) => value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))
  .refine((list) => list.length > 0 && list.every((s) => (SERVICES as readonly string[]).includes(s)), `must be a comma-separated list of ${SERVICES.join(', ')}`)
  .transform((list) => [...new Set(list)].join(','));

export const config = {
  GOOGLE_CLIENT_ID: envVar.string('Client id of your OAuth client of type Desktop app (Google Cloud console → APIs & Services → Credentials); then run `npx -y @connectors/google-workspace auth login`.', {
    example: '1234567890-abc123.apps.googleusercontent.com',
  }),
  GOOGLE_CLIENT_SECRET: envVar.secret('Client secret of that Desktop-app OAuth client.', { example: 'GOCSPX-...' }),
  GOOGLE_ACCESS_TOKEN: envVar.secret('An OAuth access token instead of a login (CI, agents); it expires within an hour and is not renewed.', { example: 'ya29.a0Af...' }),
  GOOGLE_WORKSPACE_SERVICES: envVar.string(`The services to use and ask scopes for: ${SERVICES.join(', ')} (default all).`, {
    default: SERVICES.join(','),
    example: 'gmail,calendar',
    schema: services,
  }),
  GOOGLE_WORKSPACE_DOWNLOAD_DIR: envVar.string('Folder gmail_get_attachment saves into when no folder is given (default $XDG_DOWNLOAD_DIR, else ~/Downloads).', {
    example: '/home/you/Downloads',
    schema: z.string().refine((value) => value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value), 'must be an absolute path'),
  }),
  GOOGLE_API_BASE_URL: envVar.url('Where the Google APIs are (override for tests and mocks).', { default: 'https://www.googleapis.com' }),
};

export type GoogleConfig = ConfigValues<typeof config>;

/** OAuth login with a Desktop-app client, or an access token; never both. */
export function missingConfig(values: GoogleConfig): Requirements {
  const login = values.GOOGLE_CLIENT_ID !== undefined || values.GOOGLE_CLIENT_SECRET !== undefined;
  if (values.GOOGLE_ACCESS_TOKEN !== undefined) {
    return login ? { missing: [], problems: ['Use one auth mode only: GOOGLE_ACCESS_TOKEN, or GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET with `auth login`.'] } : { missing: [] };
  }
  const missing = (['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'] as const).filter((name) => values[name] === undefined);
  const problems = login ? [] : ['Then run `npx -y @connectors/google-workspace auth login` once. Or set GOOGLE_ACCESS_TOKEN instead (short-lived).'];
  return { missing, problems };
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

export function scopesFor(values: GoogleConfig, readOnly: boolean): string[] {
  return ['openid', 'email', ...enabledServices(values).map((service) => SCOPES[service][readOnly ? 'read' : 'write'])];
}

/** Google OAuth 2.0 for installed apps: https://developers.google.com/identity/protocols/oauth2/native-app */
export const oauth: OAuthSpec<typeof config> = {
  authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
  scopes: ({ config: values, readOnly }) => scopesFor(values, readOnly),
  clientIdEnv: 'GOOGLE_CLIENT_ID',
  clientSecretEnv: 'GOOGLE_CLIENT_SECRET',
  // A refresh token (offline), asked for again on every login (consent), keeping scopes granted before.
  authorizeParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
  redirectPort: 18765,
  // Desktop-app clients accept any loopback port: a busy 18765 must not stop the login.
  redirectPortFallback: true,
  refreshRefusedHint:
    'If the OAuth consent screen of your Google Cloud project is in Testing, Google ends its logins after seven days: publish the app (APIs & Services → OAuth consent screen) to keep them.',
};
