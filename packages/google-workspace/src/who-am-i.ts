import type { HttpClient } from '@connectors/contract';
import { authMode, enabledServices, type GoogleConfig } from './config.js';

/**
 * Whose credentials these are. A login and a token carry the `email` scope, so userinfo names the
 * account; a service account is granted only its services' scopes, so the first service tells.
 */
export async function whoAmI(client: HttpClient, values: GoogleConfig): Promise<string> {
  if (authMode(values) !== 'service_account') {
    const me = await client.get<{ email?: string; name?: string }>('/oauth2/v3/userinfo');
    return me.name && me.email ? `${me.name} <${me.email}>` : (me.email ?? me.name ?? 'unknown');
  }
  const service = enabledServices(values)[0];
  if (service === 'gmail') return (await client.get<{ emailAddress?: string }>('/gmail/v1/users/me/profile')).emailAddress ?? 'unknown';
  if (service === 'drive') {
    const about = await client.get<{ user?: { emailAddress?: string } }>('/drive/v3/about', { fields: 'user(emailAddress)' });
    return about.user?.emailAddress ?? 'unknown';
  }
  return (await client.get<{ id?: string }>('/calendar/v3/calendars/primary', { fields: 'id' })).id ?? 'unknown';
}
