import type { RateLimit } from '../core/envelope.js';

export interface RateLimitHeaderNames {
  limit?: string;
  remaining?: string;
  reset?: string;
}

const DEFAULT_NAMES: Required<RateLimitHeaderNames> = {
  limit: 'x-ratelimit-limit',
  remaining: 'x-ratelimit-remaining',
  reset: 'x-ratelimit-reset',
};

/**
 * A `parseRateLimit` hook for the common header shapes. The reset header may be an ISO date, epoch
 * seconds, epoch milliseconds or a delta in seconds; which one is read off the value itself, so a
 * vendor that changes its format does not break calls. Unreadable values are left out.
 */
export function rateLimitHeaders(names: RateLimitHeaderNames = {}, now: () => number = Date.now) {
  const header = { ...DEFAULT_NAMES, ...names };
  return (response: { headers: Headers }): RateLimit | undefined => {
    const limit = count(response.headers.get(header.limit));
    const remaining = count(response.headers.get(header.remaining));
    const resetAt = resetTime(response.headers.get(header.reset), now());
    if (limit === undefined && remaining === undefined) return undefined;
    return {
      ...(limit !== undefined ? { limit } : {}),
      ...(remaining !== undefined ? { remaining } : {}),
      ...(resetAt !== undefined ? { resetAt } : {}),
    };
  };
}

function count(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Epoch seconds are 10 digits until 2286, epoch ms 13; anything smaller than a year of seconds is a delta. */
export function resetTime(value: string | null, now: number = Date.now()): string | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  let ms: number;
  if (Number.isFinite(n)) {
    if (n < 0) return undefined;
    if (n >= 1e12) ms = n;
    else if (n >= 1e9) ms = n * 1000;
    else if (n < 366 * 24 * 3600) ms = now + n * 1000;
    else return undefined;
  } else {
    ms = Date.parse(value);
    if (Number.isNaN(ms)) return undefined;
  }
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
