import { HttpClient, type ClientDeps, type ConfigValues, type ToolContext, type VendorResponse } from '@connectors/contract';
import type { config } from './config.js';

/** Vendor HTTP details live here: base URL, auth, error and rate-limit headers. */
export function createStarterClient(values: ConfigValues<typeof config>, deps: ClientDeps): HttpClient {
  const http = new HttpClient({
    vendor: 'Starter',
    baseUrl: values.STARTER_API_URL!,
    fetch: deps.fetch,
    sleep: deps.sleep,
    timeoutMs: deps.timeoutMs,
    headers: () => ({ authorization: `Bearer ${values.STARTER_API_TOKEN}` }),
    classifyError,
    parseRateLimit,
  });
  deps.registerHttp(http);
  return http;
}

/** Starter errors look like `{ "error": { "type": "not_found", "message": "..." } }`. */
function classifyError(response: VendorResponse) {
  const error = (response.body as { error?: { type?: string; message?: string } } | undefined)?.error;
  if (!error || typeof error !== 'object') return undefined;
  return { message: error.message, vendorCode: error.type };
}

function parseRateLimit(response: VendorResponse) {
  const limit = response.headers.get('x-ratelimit-limit');
  const remaining = response.headers.get('x-ratelimit-remaining');
  const reset = response.headers.get('x-ratelimit-reset');
  if (limit === null && remaining === null) return undefined;
  return {
    ...(limit !== null ? { limit: Number(limit) } : {}),
    ...(remaining !== null ? { remaining: Number(remaining) } : {}),
    ...(reset !== null ? { resetAt: new Date(Number(reset) * 1000).toISOString() } : {}),
  };
}

export type StarterContext = ToolContext<HttpClient>;
