import { AsyncLocalStorage } from 'node:async_hooks';
import { ConnectorError } from './errors.js';
import type { RateLimit } from './envelope.js';

/**
 * What one tool call carries through every await: its id, the signal that ends it (client cancel or
 * the call's deadline), and what its own vendor responses said about rate limits. The HTTP client
 * reads and writes it, so a connector never forwards a signal or a deadline by hand, and one call
 * never reports another call's numbers.
 */
export interface CallScope {
  readonly requestId: string;
  /** Aborts on the client's cancel and at the deadline. */
  readonly signal: AbortSignal;
  /** Epoch ms by which the whole call, every attempt and wait included, must be done. */
  readonly deadline: number;
  /** The latest rate-limit reading from this call's own vendor responses. */
  rateLimit?: RateLimit;
}

const storage = new AsyncLocalStorage<CallScope>();

export function runInCallScope<T>(scope: CallScope, fn: () => Promise<T>): Promise<T> {
  return storage.run(scope, fn);
}

/** Runs outside any call: work that must not end with the call that started it (telling a vendor the call was cancelled). */
export function outsideCallScope<T>(fn: () => T): T {
  return storage.exit(fn);
}

export const UNKNOWN_OUTCOME_HINT = 'The write may have been applied: check with a read tool before repeating it.';

/**
 * Why a call's signal ended it: its deadline passed (or a timeout signal fired), or the client
 * cancelled. A write that may have been sent has an unknown outcome and is never retryable.
 */
export function callEndedError(signal: AbortSignal, scope: CallScope | undefined, writeMayHaveGone: boolean): ConnectorError {
  const unknown = writeMayHaveGone ? { outcomeUnknown: true, hint: UNKNOWN_OUTCOME_HINT } : {};
  const timedOut = (scope !== undefined && Date.now() >= scope.deadline - 5) || (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
  if (timedOut) return new ConnectorError('timeout', 'The call ran out of time.', { hint: 'Try again, or narrow the request.', ...unknown });
  return new ConnectorError('timeout', 'The call was cancelled.', { retryable: false, ...unknown });
}

/** The scope of the tool call in progress, or undefined outside one (CLI health, tests of the client). */
export function currentCallScope(): CallScope | undefined {
  return storage.getStore();
}
