/** The normalised error codes every connector answers with. */
export const ERROR_CODES = [
  'invalid_input',
  'not_configured',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'timeout',
  'upstream_unavailable',
  'upstream_error',
  'network_error',
  'not_permitted',
  'idempotency_conflict',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['rate_limited', 'timeout', 'upstream_unavailable', 'network_error']);

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  retryAfterMs?: number;
  vendorCode?: string;
  hint?: string;
}

// A marker rather than `instanceof`, so two installed copies of the contract still agree.
const MARKER = Symbol.for('@connectors/contract/ConnectorError');

export class ConnectorError extends Error {
  readonly [MARKER] = true;
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly vendorCode?: string;
  readonly hint?: string;
  /** HTTP status of the vendor response, when there was one. */
  readonly status?: number;
  /** A write failed after it was sent: the vendor may have applied it. Never retryable. */
  readonly outcomeUnknown?: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      retryable?: boolean;
      retryAfterMs?: number;
      vendorCode?: string;
      hint?: string;
      status?: number;
      outcomeUnknown?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectorError';
    this.code = code;
    this.retryable = options.outcomeUnknown ? false : (options.retryable ?? RETRYABLE.has(code));
    if (options.outcomeUnknown) this.outcomeUnknown = true;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.vendorCode !== undefined) this.vendorCode = options.vendorCode;
    if (options.hint !== undefined) this.hint = options.hint;
    if (options.status !== undefined) this.status = options.status;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.retryAfterMs !== undefined) info.retryAfterMs = this.retryAfterMs;
    if (this.vendorCode !== undefined) info.vendorCode = this.vendorCode;
    if (this.hint !== undefined) info.hint = this.hint;
    return info;
  }
}

export function isConnectorError(value: unknown): value is ConnectorError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
}

/** Anything thrown by a handler becomes a ConnectorError; unknown failures are `upstream_error`. */
export function toConnectorError(value: unknown): ConnectorError {
  if (isConnectorError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new ConnectorError('upstream_error', `Unexpected failure: ${message}`, { cause: value });
}
