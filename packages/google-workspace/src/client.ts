import { toolFor, type ClientDeps, type ErrorInfo, type HttpClient, type ToolContext, type VendorHttpOptions, type VendorResponse } from '@connectors/contract';
import pkg from '../package.json' with { type: 'json' };
import { authMode, serviceScopes, type config, type GoogleConfig } from './config.js';
import { readServiceAccountKey, ServiceAccountAuth } from './service-account.js';

/** All three APIs through one client: `/gmail/v1`, `/drive/v3`, `/calendar/v3` under GOOGLE_API_BASE_URL. */
export function createGoogleClient(values: GoogleConfig, deps: ClientDeps): HttpClient {
  return deps.http({
    vendor: 'Google',
    baseUrl: values.GOOGLE_API_BASE_URL!,
    userAgent: `@connectors/google-workspace/${pkg.version}`,
    ...auth(values, deps),
    classifyError: classifyGoogleError,
  });
}

/** The access token given; a service account's tokens, minted here; or the saved login (refreshed before it expires and once on a 401). */
function auth(values: GoogleConfig, deps: ClientDeps): Pick<VendorHttpOptions, 'headers' | 'onUnauthorized'> {
  const mode = authMode(values);
  if (mode === 'access_token') return { headers: () => ({ authorization: `Bearer ${values.GOOGLE_ACCESS_TOKEN}` }) };
  if (mode === 'service_account') {
    const key = readServiceAccountKey(values.GOOGLE_SERVICE_ACCOUNT_KEY_FILE!);
    return new ServiceAccountAuth(key, serviceScopes(values, deps.readOnly), values.GOOGLE_IMPERSONATE_USER, deps).httpAuth();
  }
  return deps.oauth!.httpAuth();
}

/** Every tool of this connector is made with it: `ctx.client` is the Google client, `ctx.config` its variables. */
export const googleTool = toolFor<HttpClient, typeof config>();
export type GoogleContext = ToolContext<HttpClient, typeof config>;

interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string; errors?: { reason?: string; message?: string }[] } | string;
  error_description?: string;
}

const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'dailyLimitExceeded', 'quotaExceeded']);

/**
 * Google answers `{ error: { code, message, status, errors: [{ reason }] } }`. Rate limits often come
 * as 403 with a rate reason, and a missing scope as 403 PERMISSION_DENIED naming the scopes.
 */
export function classifyGoogleError(response: VendorResponse): Partial<ErrorInfo> | undefined {
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as GoogleErrorBody;
  const error = typeof body.error === 'object' ? body.error : undefined;
  const reason = error?.errors?.find((e) => typeof e.reason === 'string')?.reason;
  const message =
    error?.message ?? (typeof body.error === 'string' ? `${body.error}${body.error_description ? `: ${body.error_description}` : ''}` : undefined);
  const vendorCode = reason ?? error?.status;
  const base = { ...(message ? { message: message.slice(0, 500) } : {}), ...(vendorCode ? { vendorCode } : {}) };
  if (reason && RATE_REASONS.has(reason)) return { ...base, code: 'rate_limited' };
  if (response.status === 403 && (reason === 'insufficientPermissions' || /insufficient authentication scopes/i.test(message ?? ''))) {
    return {
      ...base,
      code: 'forbidden',
      hint: 'The login lacks the scope this call needs: check GOOGLE_WORKSPACE_SERVICES and run `npx -y @connectors/google-workspace auth login` again (without --read-only for writes).',
    };
  }
  if (response.status === 401) return { ...base, hint: 'Run `npx -y @connectors/google-workspace auth login` again, or give a fresh GOOGLE_ACCESS_TOKEN.' };
  return message || vendorCode ? base : undefined;
}
