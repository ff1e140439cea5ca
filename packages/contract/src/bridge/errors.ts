import { ConnectorError, type ErrorCode, type ErrorInfo } from '../core/errors.js';
import type { VendorResponse } from '../http/client.js';

/** What a bridge says about failures in its upstream's own words. */
export interface UpstreamErrorHints {
  /** The sentence that says how to sign in again (the login command, or the token variable). */
  signIn: () => string;
  /** Turns an upstream tool's error text into a code, for servers that say "not found" in words. */
  classifyToolError?: (text: string) => ErrorCode | undefined;
}

/**
 * The HttpClient hook for the upstream's HTTP failures. A 403 with
 * `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` (RFC 6750 §3.1, as MCP
 * servers answer) names the scope the token lacks; a 401 says how to sign in.
 */
export function classifyUpstreamHttp(response: VendorResponse, vendor: string, hints: UpstreamErrorHints): Partial<ErrorInfo> | undefined {
  const challenge = bearerChallenge(response.headers.get('www-authenticate'));
  if (response.status === 401) {
    const reason = challenge.error_description ?? challenge.error;
    return {
      message: `${vendor} refused the credentials${reason ? ` (${clip(reason)})` : ''}.`,
      hint: hints.signIn(),
      ...(challenge.error ? { vendorCode: clip(challenge.error) } : {}),
    };
  }
  if (response.status === 403 && challenge.error === 'insufficient_scope') {
    const scope = challenge.scope ? clip(challenge.scope) : undefined;
    return {
      code: 'forbidden',
      vendorCode: 'insufficient_scope',
      message: scope
        ? `${vendor} needs the scope "${scope}" for this, which the token was not granted.`
        : `${vendor} needs a scope for this that the token was not granted.`,
      hint: scope ? `Sign in again granting ${scope}. ${hints.signIn()}` : hints.signIn(),
    };
  }
  return undefined;
}

/** An upstream tool's own error (a result with isError): its text, as one of our codes. */
export function toolResultError(content: unknown, vendor: string, hints: UpstreamErrorHints): ConnectorError {
  const text = textOf(content) ?? 'no detail';
  const code = hints.classifyToolError?.(text) ?? 'upstream_error';
  return new ConnectorError(code, `${vendor}: ${clip(text, 300)}`, {
    // The upstream refused this call on its merits: repeating it unchanged would be refused again.
    retryable: false,
    ...(code === 'upstream_error' ? { hint: 'The upstream tool reported an error; read its message, fix the arguments or try later.', status: 200 } : {}),
  });
}

/** Our error for a JSON-RPC error, an SDK failure or anything else the MCP client threw. */
export function protocolError(error: unknown, vendor: string): ConnectorError {
  const { code, message, data } = (error ?? {}) as { code?: unknown; message?: unknown; data?: { status?: unknown } };
  const text = typeof message === 'string' ? clip(message, 300) : 'unknown failure';
  const status = typeof data?.status === 'number' ? data.status : undefined;
  if (status === 404) {
    return new ConnectorError('not_found', `${vendor} has no MCP endpoint at the configured URL (404).`, { status, hint: 'Check the server URL variable.' });
  }
  if (status !== undefined)
    return new ConnectorError(status >= 500 ? 'upstream_unavailable' : 'upstream_error', `${vendor} answered ${status}: ${text}`, { status });
  switch (code) {
    case -32602:
      return new ConnectorError('invalid_input', `${vendor} refused the arguments: ${text}`, { hint: 'Fix the arguments and call again.' });
    case -32601:
      return new ConnectorError('upstream_error', `${vendor} does not offer this: ${text}`, {
        retryable: false,
        status: 200,
        hint: 'The upstream server may have changed; run the health tool.',
      });
    case 'REQUEST_TIMEOUT':
      return new ConnectorError('timeout', `${vendor} did not answer in time.`, { hint: 'Try again, or narrow the request.' });
    case 'CONNECTION_CLOSED':
    case 'NOT_CONNECTED':
    case 'SEND_FAILED':
      return new ConnectorError('network_error', `The connection to ${vendor} closed: ${text}`, { hint: 'Try again; the next call reconnects.' });
    case 'ERA_NEGOTIATION_FAILED':
      return new ConnectorError('upstream_unavailable', `${vendor} could not be reached to start an MCP session: ${text}`);
    default:
      return new ConnectorError('upstream_error', `${vendor} MCP failure: ${text}`, { status: 200 });
  }
}

/** The parameters of a `Bearer` challenge: `error`, `scope`, `error_description`, `resource_metadata`. */
export function bearerChallenge(header: string | null): Record<string, string> {
  const params: Record<string, string> = {};
  if (!header || !/^\s*bearer\b/i.test(header)) return params;
  for (const match of header.matchAll(/([a-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/gi)) {
    params[match[1]!.toLowerCase()] = (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1');
  }
  return params;
}

function textOf(content: unknown): string | undefined {
  if (!Array.isArray(content)) return undefined;
  const texts = content.filter((block): block is { type: 'text'; text: string } => block?.type === 'text' && typeof block.text === 'string').map((b) => b.text);
  return texts.length ? texts.join(' ') : undefined;
}

function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
