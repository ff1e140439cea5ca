import { rateLimitHeaders, type ClientDeps, type ConfigValues, type HttpClient, type ToolContext, type VendorResponse, toolFor } from '@connectors/contract';
import type { config } from './config.js';

/** Vendor HTTP details live here: base URL, auth, error and rate-limit headers. */
export function createStarterClient(values: ConfigValues<typeof config>, deps: ClientDeps): HttpClient {
  // The runtime wires fetch, timeouts, the call's cancel signal and deadline, and rate-limit
  // reporting; the connector says only what is particular to the vendor.
  return deps.http({
    vendor: 'Starter',
    baseUrl: values.STARTER_API_URL!,
    headers: () => ({ authorization: `Bearer ${values.STARTER_API_TOKEN}` }),
    classifyError,
    // Starter sends X-RateLimit-Limit/-Remaining/-Reset (reset in epoch seconds).
    parseRateLimit: rateLimitHeaders(),
  });
}

/** Starter errors look like `{ "error": { "type": "not_found", "message": "..." } }`. */
function classifyError(response: VendorResponse) {
  const error = (response.body as { error?: { type?: string; message?: string } } | undefined)?.error;
  if (!error || typeof error !== 'object') return undefined;
  return { message: error.message, vendorCode: error.type };
}

/** Every tool of this connector is made with it: `ctx.client` is the client above, `ctx.config` its variables. */
export const starterTool = toolFor<HttpClient, typeof config>();
export type StarterContext = ToolContext<HttpClient, typeof config>;
