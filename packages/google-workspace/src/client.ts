import { toolFor, type ClientDeps, type ErrorInfo, type HttpClient, type ToolContext, type VendorResponse } from '@connectors/contract';
import pkg from '../package.json' with { type: 'json' };
import type { config, GoogleConfig } from './config.js';

/** All three APIs through one client: `/gmail/v1`, `/drive/v3`, `/calendar/v3` under GOOGLE_API_BASE_URL. */
export function createGoogleClient(values: GoogleConfig, deps: ClientDeps): HttpClient {
  const token = values.GOOGLE_ACCESS_TOKEN;
  return deps.http({
    vendor: 'Google',
    baseUrl: values.GOOGLE_API_BASE_URL!,
    userAgent: `@connectors/google-workspace/${pkg.version}`,
    // The saved login (refreshed before it expires and once on a 401), or the access token given.
    ...(token ? { headers: () => ({ authorization: `Bearer ${token}` }) } : deps.oauth!.httpAuth()),
    classifyError: classifyGoogleError,
  });
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
  const message = error?.message ?? (typeof body.error === 'string' ? `${body.error}${body.error_description ? `: ${body.error_description}` : ''}` : undefined);
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
