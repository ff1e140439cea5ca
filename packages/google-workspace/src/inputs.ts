// Input pieces the services share, written so their JSON schemas stay short (zod's built-in email
// and ISO patterns are several hundred characters each, paid for in every tools/list).
import { z } from '@connectors/contract';

export const ADDRESS = /^[^\s@<>,;]+@[^\s@<>,;]+$/;

/** A bare address, ada@example.com. */
export const email = z.string().max(320).regex(ADDRESS, 'must be an address like ada@example.com');

const real = (value: string) => !Number.isNaN(Date.parse(value));

/** RFC 3339 with an offset: 2026-12-03T09:30:00+01:00 or ...Z. */
export const instant = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/, 'must be a time with an offset, like 2026-12-03T09:30:00+01:00')
  .refine(real, 'is not a real time');

/** An instant, or a date for all-day events. */
export const instantOrDate = z
  .string()
  .regex(/^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d))?$/, 'must be a time with an offset (2026-12-03T09:30:00+01:00) or a date (2026-12-03)')
  .refine(real, 'is not a real date');
