import { rateLimitHeaders, toolFor, type ClientDeps, type ErrorInfo, type HttpClient, type ToolContext, type VendorResponse } from '@connectors/contract';
import pkg from '../package.json' with { type: 'json' };
import { cliSession } from './cli-session.js';
import type { CoderConfig, config } from './config.js';

type Credentials = { url: string; token: string; source: 'environment' | 'coder_cli' };
const resolved = new WeakMap<CoderConfig, Credentials>();

/** Where to reach Coder and as whom: the variables first, else the `coder` CLI's login (read once per configuration). */
export function credentials(values: CoderConfig): Credentials {
  let found = resolved.get(values);
  if (!found) {
    const session = values.CODER_URL && values.CODER_SESSION_TOKEN ? undefined : cliSession(values);
    found = {
      url: (values.CODER_URL ?? session?.url)!,
      token: (values.CODER_SESSION_TOKEN ?? session?.token)!,
      source: values.CODER_SESSION_TOKEN ? 'environment' : 'coder_cli',
    };
    resolved.set(values, found);
  }
  return found;
}

/** REST under `<deployment>/api/v2`, with the `Coder-Session-Token` header. */
export function createCoderClient(values: CoderConfig, deps: ClientDeps): HttpClient {
  const { url, token } = credentials(values);
  // A token read from the CLI's files is a secret like one given by variable.
  deps.addSecret(token);
  return deps.http({
    vendor: 'Coder',
    baseUrl: url,
    userAgent: `@connectors/coder/${pkg.version}`,
    headers: () => ({ 'coder-session-token': token }),
    classifyError: classifyCoderError,
    parseRateLimit: rateLimitHeaders(),
  });
}

export const coderTool = toolFor<HttpClient, typeof config>();
export type CoderContext = ToolContext<HttpClient, typeof config>;

interface CoderErrorBody {
  message?: string;
  detail?: string;
  validations?: { field?: string; detail?: string }[];
}

/** Coder answers `{ message, detail, validations: [{ field, detail }] }`; the fields are named in the message. */
export function classifyCoderError(response: VendorResponse): Partial<ErrorInfo> | undefined {
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as CoderErrorBody;
  if (typeof body.message !== 'string') return undefined;
  const fields = (body.validations ?? []).filter((v) => v.field).map((v) => `${v.field}: ${v.detail ?? 'invalid'}`);
  const message = [body.message, body.detail, fields.length ? fields.join('; ') : undefined].filter(Boolean).join(' — ').slice(0, 600);
  if (response.status === 401) {
    return { message, hint: 'Set CODER_SESSION_TOKEN to a valid token (`coder tokens create`), or log in again with `coder login`.' };
  }
  return { message, ...(fields.length && response.status === 400 ? { code: 'invalid_input' as const } : {}) };
}
