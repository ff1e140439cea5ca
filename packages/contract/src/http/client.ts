import { callEndedError, currentCallScope, UNKNOWN_OUTCOME_HINT, type CallScope } from '../core/call-scope.js';
import { ConcurrencyLimit } from './concurrency.js';
import { ConnectorError, isConnectorError, type ErrorCode, type ErrorInfo } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RateLimit } from '../core/envelope.js';

export type { RateLimit } from '../core/envelope.js';

export interface VendorResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body was JSON, the text otherwise, undefined when empty. */
  body: unknown;
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method?: HttpMethod;
  /** Path under the base URL (build it with `urlPath`), or an absolute URL on the base URL's origin. */
  path: string;
  query?: Record<string, string | number | boolean | undefined | (string | number)[]>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  /** Sent as is (an upload); give its content-type in `headers`. */
  body?: string | Uint8Array;
  /** `bytes`: a success body is returned as a Buffer, unparsed (downloads); errors are read as usual. */
  responseType?: 'bytes';
  /** Non-2xx statuses below 400 that are answers, not redirects (e.g. 308 Resume Incomplete of resumable uploads). */
  acceptStatus?: number[];
  headers?: Record<string, string | undefined>;
  /** Marks a non-GET request as safe to retry (e.g. a PUT, or a POST carrying a vendor idempotency key). */
  idempotent?: boolean;
  /** Skip the auth headers (token endpoints). */
  anonymous?: boolean;
  /** Largest answer to read for this request (a download), instead of the client's `maxResponseBytes`. */
  maxResponseBytes?: number;
  /** An extra signal; the call's own (cancel and deadline) always applies without being passed. */
  signal?: AbortSignal;
}

export interface HttpClientOptions {
  /** The vendor's base URL; may carry a path prefix. Tests and self-hosted vendors override it. */
  baseUrl: string;
  /** Name used in error messages, e.g. "Jira". */
  vendor: string;
  /** Auth and other headers, resolved per request (tokens may be fetched or refreshed lazily). */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  fetch?: typeof fetch;
  /** Longest wait for one attempt; the call's deadline bounds every attempt and wait together. */
  timeoutMs?: number;
  /**
   * Largest answer read, in bytes (default 16 MiB): past it the request is aborted and the call
   * answers that the answer was too large. Downloads may raise it per request.
   */
  maxResponseBytes?: number;
  /** Requests in flight to this vendor at once; more wait their turn (not failed). */
  maxConcurrent?: number;
  /** Where hook failures are reported. */
  log?: Logger;
  /**
   * Removes secrets from an error body before any hook or message sees it (the runtime passes its
   * redactor): a classifier that cuts the body short could otherwise cut a token in two, leaving a
   * prefix no later redaction recognises.
   */
  redact?: (text: string) => string;
  /** Retries of idempotent requests (and of any request answered 429). */
  maxRetries?: number;
  /** Total time the client may wait between retries; a longer Retry-After is returned as `rate_limited`. */
  maxRetryWaitMs?: number;
  /** Vendor hook: turn an error response into a message, vendor code, or a different code. */
  classifyError?: (response: VendorResponse) => Partial<ErrorInfo> | undefined;
  /** Vendor hook: read rate-limit headers (and sometimes the body). */
  parseRateLimit?: (response: VendorResponse) => RateLimit | undefined;
  /** Vendor hook: retry delay in ms from a 429/503 (defaults to the Retry-After header). */
  retryAfterMs?: (response: VendorResponse) => number | undefined;
  /** Called once on 401; resolve true after refreshing credentials to repeat the request once. */
  onUnauthorized?: () => Promise<boolean>;
  userAgent?: string;
  /** Where the client sleeps between retries; tests replace it. */
  sleep?: (ms: number) => Promise<void>;
}

/** A vendor answer larger than this is not read (a runaway page or an endless event stream would exhaust memory). */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

const IDEMPOTENT_METHODS = new Set<HttpMethod>(['GET', 'HEAD', 'PUT', 'DELETE']);
const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'timeout',
  409: 'conflict',
  410: 'not_found',
  412: 'conflict',
  422: 'invalid_input',
  429: 'rate_limited',
  502: 'upstream_unavailable',
  503: 'upstream_unavailable',
  504: 'timeout',
};
const HINTS: Partial<Record<ErrorCode, string>> = {
  unauthorized: 'Check the credentials in the server configuration; run the health tool to see which are in use.',
  forbidden: 'The credentials work but lack permission for this; grant access or scopes to the account, or use another account.',
  not_found: 'Check the id or key; it may also be hidden from this account.',
  rate_limited: 'Wait for retryAfterMs before calling again.',
  upstream_unavailable: 'The vendor is unavailable; try again shortly.',
  timeout: 'The vendor did not answer in time; try again, or narrow the request.',
  network_error: 'The vendor could not be reached; check the base URL and the network.',
};
/** Connection failures that mean the request never reached the vendor. */
const NOT_SENT = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/;

/** Builds a URL path, encoding every interpolated value as one path segment. */
export function urlPath(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? pathSegment(values[i]!) : ''), '');
}

// Encoding leaves `.`, `..` and the empty string as they are, and each would change the endpoint
// (`/v1/tasks/..` is `/v1/`, `/v1/tasks/` is the list): refuse them rather than call another route.
function pathSegment(value: string | number): string {
  const text = String(value);
  if (text === '' || text === '.' || text === '..') {
    throw new ConnectorError('invalid_input', `${JSON.stringify(text)} is not a valid id.`, { hint: 'Pass the id exactly as a previous result gave it.' });
  }
  return encodeURIComponent(text);
}

export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export class HttpClient {
  readonly baseUrl: URL;
  /** The most recent rate-limit snapshot the vendor sent, on any call (health reports it). */
  lastRateLimit: RateLimit | undefined;
  private readonly options: HttpClientOptions;
  private readonly slots: ConcurrencyLimit;

  constructor(options: HttpClientOptions) {
    this.options = options;
    this.baseUrl = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.slots = new ConcurrencyLimit(options.maxConcurrent ?? 8);
  }

  /**
   * Resolves a path or absolute URL with the URL parser against the base URL; anything that lands on
   * another origin is refused, so tokens never leave it. Backslashes, control characters and
   * surrounding whitespace are refused outright: parsers disagree about them, and a link that needs
   * them is not one a vendor sends honestly.
   */
  resolve(pathOrUrl: string): URL {
    if (/[\\\u0000-\u001f\u007f]/.test(pathOrUrl) || pathOrUrl.trim() !== pathOrUrl) {
      throw new ConnectorError('upstream_error', `Refused a ${this.options.vendor} URL with a backslash, control character or surrounding space.`, {
        hint: 'Only plain URLs on the configured base URL are followed.',
      });
    }
    const absolute = /^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl) || pathOrUrl.startsWith('//');
    // A path is taken relative to the base URL's own path prefix (`/rest/api/3` + `/issue`).
    const url = new URL(absolute ? pathOrUrl : pathOrUrl.replace(/^\/+/, ''), this.baseUrl);
    if (url.origin !== this.baseUrl.origin) {
      throw new ConnectorError('upstream_error', `${this.options.vendor} returned a link to another origin (${url.origin}); it was not followed.`, {
        hint: 'Only URLs on the configured base URL are followed, so credentials are never sent elsewhere.',
      });
    }
    return url;
  }

  async request<T = unknown>(req: HttpRequest): Promise<{ status: number; headers: Headers; data: T }> {
    const method = req.method ?? 'GET';
    const url = this.resolve(req.path);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
      else url.searchParams.set(key, String(value));
    }
    const scope = currentCallScope();
    const signal = combine(scope?.signal, req.signal);
    const retriesAllowed = this.options.maxRetries ?? 2;
    const maxWait = this.options.maxRetryWaitMs ?? 10_000;
    const safeToRepeat = req.idempotent ?? IDEMPOTENT_METHODS.has(method);
    let waited = 0;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      let response: VendorResponse;
      try {
        response = await this.attempt({ method, url, req, scope, signal, safeToRepeat });
      } catch (error) {
        const failure = error as ConnectorError;
        // A timeout is not repeated: the call's deadline would run out waiting on a vendor that is already slow.
        const delay = backoff(attempt);
        if (
          safeToRepeat &&
          failure.retryable &&
          failure.code !== 'timeout' &&
          attempt < retriesAllowed &&
          waited + delay <= maxWait &&
          fitsDeadline(scope, delay)
        ) {
          waited += delay;
          await this.wait(delay, signal, scope);
          continue;
        }
        throw failure;
      }
      const rateLimit = this.hook('parseRateLimit', () => this.options.parseRateLimit?.(response));
      if (rateLimit) {
        this.lastRateLimit = rateLimit;
        if (scope) scope.rateLimit = rateLimit;
      }
      if (response.status < 300 || response.status === 304 || req.acceptStatus?.includes(response.status))
        return { status: response.status, headers: response.headers, data: response.body as T };
      if (response.status < 400) throw this.redirectError(response);

      if (response.status === 401 && !refreshed && this.options.onUnauthorized) {
        refreshed = true;
        if (await this.options.onUnauthorized()) continue;
      }
      const error = this.toError(response, safeToRepeat);
      // A 429 means the vendor did nothing, so any request may be repeated; other failures only when idempotent.
      const repeatable = response.status === 429 || (safeToRepeat && error.retryable);
      const delay = error.retryAfterMs ?? backoff(attempt);
      if (repeatable && attempt < retriesAllowed && waited + delay <= maxWait && fitsDeadline(scope, delay)) {
        waited += delay;
        await this.wait(delay, signal, scope);
        continue;
      }
      throw error;
    }
  }

  get<T = unknown>(path: string, query?: HttpRequest['query']): Promise<T> {
    return this.request<T>({ path, query }).then((r) => r.data);
  }

  /** A vendor hook that throws is the connector's bug, not the vendor's: log it and go on without it. */
  private hook<R>(name: string, run: () => R): R | undefined {
    try {
      return run();
    } catch (error) {
      this.options.log?.warn(`${this.options.vendor} ${name} hook failed: ${(error as Error)?.message ?? String(error)}`);
      return undefined;
    }
  }

  /** Sleeps between retries, ending early (with the call's error) when the call is cancelled or out of time. */
  private async wait(ms: number, signal: AbortSignal | undefined, scope: CallScope | undefined): Promise<void> {
    if (signal?.aborted) throw callEndedError(signal, scope, false);
    const sleep = this.options.sleep ?? ((delay: number) => new Promise<void>((resolve) => setTimeout(resolve, delay)));
    if (!signal) return sleep(ms);
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_resolve, reject) => {
      onAbort = () => reject(callEndedError(signal, scope, false));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([sleep(ms), aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort!);
    }
  }

  /** One attempt, holding a concurrency slot from before the request until the body is read. */
  private async attempt(sending: Sending): Promise<VendorResponse> {
    let release: () => void;
    try {
      release = await this.slots.acquire(sending.signal);
    } catch {
      throw callEndedError(sending.signal!, sending.scope, false);
    }
    try {
      return await this.send(sending);
    } finally {
      release();
    }
  }

  private async send({ method, url, req, scope, signal, safeToRepeat }: Sending): Promise<VendorResponse> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.options.userAgent ?? '@connectors' };
    if (!req.anonymous && this.options.headers) Object.assign(headers, await this.options.headers());
    let body: string | Uint8Array | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(req.form).toString();
    } else if (req.body !== undefined) {
      body = req.body;
    }
    for (const [key, value] of Object.entries(req.headers ?? {})) if (value !== undefined) headers[key.toLowerCase()] = value;

    const remaining = scope ? scope.deadline - Date.now() : Infinity;
    if (remaining <= 0) throw callEndedError(scope!.signal, scope, false);
    const timeoutMs = Math.min(this.options.timeoutMs ?? 30_000, remaining);
    const timeout = AbortSignal.timeout(timeoutMs);
    const vendor = this.options.vendor;
    // Once a write has left, a failure cannot say whether the vendor applied it.
    const unknown = safeToRepeat ? {} : { outcomeUnknown: true, retryable: false, hint: UNKNOWN_OUTCOME_HINT };
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, { method, headers, body, signal: combine(signal, timeout), redirect: 'manual' });
    } catch (error) {
      if (signal?.aborted) throw callEndedError(signal, scope, !safeToRepeat);
      if (timeout.aborted) {
        throw new ConnectorError('timeout', `${vendor} did not answer within ${timeoutMs} ms.`, { hint: HINTS.timeout, cause: error, ...unknown });
      }
      const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
      const reason = cause?.code ?? cause?.errors?.[0]?.code ?? (error as { code?: string }).code ?? (error as Error).message;
      // Refused or unresolvable: nothing reached the vendor, so even a write is safe to repeat.
      const neverSent = NOT_SENT.test(reason);
      throw new ConnectorError('network_error', `Could not reach ${vendor} (${reason}).`, {
        hint: HINTS.network_error,
        cause: error,
        ...(neverSent ? {} : unknown),
      });
    }
    const limit = req.maxResponseBytes ?? this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    let text = '';
    let bytes: Buffer | undefined;
    try {
      const read = await readLimited(response, limit);
      if (read === undefined) {
        throw new ConnectorError('upstream_error', `${vendor}'s answer was larger than ${limit} bytes; it was not read.`, {
          status: response.status,
          hint: 'Narrow the request (fewer items, fields or a smaller file).',
          ...unknown,
        });
      }
      if (req.responseType === 'bytes' && response.status < 300) bytes = read;
      else text = new TextDecoder().decode(read);
      if (response.status >= 300 && this.options.redact) text = this.options.redact(text);
    } catch (error) {
      if (isConnectorError(error)) throw error;
      // The timeout covers the body too: a vendor that stalls mid-response is a timeout, not a dropped connection.
      if (signal?.aborted) throw callEndedError(signal, scope, !safeToRepeat);
      if (timeout.aborted) {
        throw new ConnectorError('timeout', `${vendor} did not finish answering within ${timeoutMs} ms.`, { hint: HINTS.timeout, cause: error, ...unknown });
      }
      throw new ConnectorError('network_error', `${vendor} closed the connection mid-response.`, { hint: HINTS.network_error, cause: error, ...unknown });
    }
    const result: VendorResponse = { status: response.status, headers: response.headers, body: bytes };
    if (bytes) return result;
    if (text.length === 0) return result;
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json')) {
      try {
        result.body = JSON.parse(text);
      } catch {
        if (response.status < 400) {
          throw new ConnectorError('upstream_error', `${vendor} answered ${response.status} with malformed JSON.`, {
            retryable: true,
            status: response.status,
            hint: 'The vendor sent a broken response; try again.',
            ...unknown,
          });
        }
        result.body = text;
      }
    } else {
      result.body = text;
    }
    return result;
  }

  /** Redirects are not followed (the token could go elsewhere); one usually means a wrong base URL. */
  private redirectError(response: VendorResponse): ConnectorError {
    const location = response.headers.get('location');
    let target = 'another URL';
    try {
      // Origin and path only: a query string may carry codes or tokens.
      if (location) {
        const url = new URL(location, this.baseUrl);
        target = url.origin + url.pathname;
      }
    } catch {
      // An unparseable Location: say nothing about it.
    }
    return new ConnectorError('upstream_error', `${this.options.vendor} answered ${response.status} with a redirect to ${target}; it was not followed.`, {
      status: response.status,
      hint: 'Check the base URL: a redirect usually means a wrong or moved URL, or a login page instead of the API.',
    });
  }

  private toError(response: VendorResponse, safeToRepeat: boolean): ConnectorError {
    const vendor = this.options.vendor;
    const status = response.status;
    const code: ErrorCode = STATUS_CODES[status] ?? 'upstream_error';
    const classified = this.hook('classifyError', () => this.options.classifyError?.(response)) ?? {};
    const finalCode = classified.code ?? code;
    // A bare 5xx may be transient, so it is worth repeating when the request is safe to repeat; a
    // failed write may have been half applied, so it is not (and the caller is told to check).
    const unexplained5xx = status >= 500 && finalCode === 'upstream_error';
    // Any 5xx to a write leaves its outcome unknown (a gateway may time out after the vendor applied it).
    const outcomeUnknown = status >= 500 && !safeToRepeat;
    const retryable = outcomeUnknown ? false : (classified.retryable ?? (unexplained5xx ? safeToRepeat : undefined));
    const hint = outcomeUnknown ? UNKNOWN_OUTCOME_HINT : (classified.hint ?? HINTS[finalCode]);
    const retryAfterMs =
      classified.retryAfterMs ??
      this.hook('retryAfterMs', () => (this.options.retryAfterMs ?? ((r: VendorResponse) => parseRetryAfter(r.headers.get('retry-after'))))(response));
    const detail = classified.message ?? describeBody(response);
    const message = `${vendor} answered ${status}${detail ? `: ${detail}` : '.'}`;
    return new ConnectorError(finalCode, message, {
      status,
      ...(outcomeUnknown ? { outcomeUnknown } : {}),
      ...(retryable !== undefined ? { retryable } : {}),
      ...(retryAfterMs !== undefined && (finalCode === 'rate_limited' || status === 503) ? { retryAfterMs } : {}),
      ...(classified.vendorCode !== undefined ? { vendorCode: classified.vendorCode } : {}),
      ...(hint ? { hint } : {}),
    });
  }
}

/** One request as it is sent: what was asked, and the call it belongs to. */
interface Sending {
  method: HttpMethod;
  url: URL;
  req: HttpRequest;
  scope: CallScope | undefined;
  signal: AbortSignal | undefined;
  safeToRepeat: boolean;
}

function combine(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  return present.length <= 1 ? present[0] : AbortSignal.any(present);
}

function fitsDeadline(scope: CallScope | undefined, delay: number): boolean {
  return !scope || Date.now() + delay < scope.deadline;
}

function backoff(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 2_000);
}

/**
 * The body, read until it ends or passes `limit` bytes (then cancelled: undefined). A declared
 * length over the limit is refused before reading.
 */
async function readLimited(response: Response, limit: number): Promise<Buffer | undefined> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
}

/** A short readable detail from an error body; HTML pages and long bodies are not echoed. */
function describeBody(response: VendorResponse): string | undefined {
  const body = response.body;
  if (body === undefined) return undefined;
  if (typeof body === 'string') {
    if (/^\s*</.test(body)) return 'an HTML error page instead of JSON';
    return body.length > 200 ? `${body.slice(0, 200)}…` : body;
  }
  if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    for (const key of ['message', 'error_description', 'error', 'detail', 'title']) {
      if (typeof record[key] === 'string') return record[key] as string;
    }
  }
  return undefined;
}
