// Input pieces the services share, written so their JSON schemas stay short (zod's built-in email
// and ISO patterns are several hundred characters each, paid for in every tools/list).
import { z } from '@connectors/contract';

export const ADDRESS = /^[^\s@<>,;]+@[^\s@<>,;]+$/;

/**
 * A string checked against a pattern that stays out of the JSON schema: the model acts on the
 * description and examples, the check still runs, and tools/list stays small.
 */
export const matching = (pattern: RegExp, message: string, max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => pattern.test(value), message);

/** A bare address, ada@example.com. */
export const email = matching(ADDRESS, 'must be an address like ada@example.com', 320);

const real = (value: string) => !Number.isNaN(Date.parse(value));

/** RFC 3339 with an offset: 2026-12-03T09:30:00+01:00 or ...Z. */
export const instant = matching(
  /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/,
  'must be a time with an offset, like 2026-12-03T09:30:00+01:00',
  40,
)
  .refine(real, 'is not a real time')
  .describe('RFC 3339 with offset');

/** An instant, or a date for all-day events. */
export const instantOrDate = matching(
  /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d))?$/,
  'must be a time with an offset (2026-12-03T09:30:00+01:00) or a date (2026-12-03)',
  40,
).refine(real, 'is not a real date');
