import type { Envelope } from '../core/envelope.js';

/** Where the trimmed list sits in `data`: keys and indexes from the top. */
export type ListPath = (string | number)[];

/**
 * Makes the cursor that continues right after the first `kept` items of the list at `path`, so
 * following nextCursor still visits every item. Undefined when the tool takes no cursor.
 */
export type Resume = (kept: number, path: ListPath) => string | undefined;

/**
 * Serialises an envelope, trimming the largest array and then long strings in `data` until the
 * text fits, with a warning saying what was cut. Models pay for every byte of a result.
 */
export function capResult(envelope: Envelope, text: string, maxBytes: number, resume?: Resume): { text: string; trimmed: boolean } {
  if (Buffer.byteLength(text) <= maxBytes || !envelope.ok) return { text, trimmed: false };
  return { text: trim(envelope, maxBytes, resume), trimmed: true };
}

function trim(envelope: Envelope & { ok: true }, maxBytes: number, resume: Resume | undefined): string {
  let text = '';
  const data = structuredClone(envelope.data) as unknown;
  const found = largestArray(data, []);
  const warnings = [...(envelope.warnings ?? [])];
  let nextCursor = envelope.nextCursor;
  const fits = (candidate: unknown, extra: string[]) =>
    Buffer.byteLength((text = JSON.stringify({ ...envelope, data: candidate, ...(nextCursor ? { nextCursor } : {}), warnings: [...warnings, ...extra] }))) <=
    maxBytes;
  if (found && found.list.length > 1) {
    const { list, path } = found;
    const total = list.length;
    const cut = (keep: number) => {
      const continued = resume?.(keep, path);
      if (continued) nextCursor = continued;
      return continued
        ? `Returned ${keep} of ${total} items to stay under ${maxBytes} bytes; nextCursor continues with the next one.`
        : `Result cut to ${keep} of ${total} items to stay under ${maxBytes} bytes; ask for fewer items or fields.`;
    };
    let keep = total;
    while (keep > 1) {
      // Halve quickly, then grow back: return as many items as fit, not just a power of two.
      keep = Math.floor(keep / 2);
      list.length = keep;
      if (fits(data, [cut(keep)])) {
        keep = grow(keep, total, (n) => {
          takeFirst(list, found.original, n);
          return fits(data, [cut(n)]);
        });
        takeFirst(list, found.original, keep);
        fits(data, [cut(keep)]);
        return text;
      }
    }
    warnings.push(cut(1));
  }
  const note = `Long text values were shortened to stay under ${maxBytes} bytes.`;
  for (const limit of [2000, 500, 100]) {
    if (fits(shorten(data, limit), [note])) return text;
  }
  // Omitted rather than null: `data` is optional in the advertised outputSchema, so clients that
  // validate structuredContent still accept the result and the model reads the warning.
  const { data: _dropped, ...rest } = envelope;
  return JSON.stringify({ ...rest, warnings: [...warnings, `The result exceeded ${maxBytes} bytes and was dropped; narrow the request.`] });
}

/** Makes `list` the first `n` items of `original`, in place; a loop, as spreading a long slice into push() overflows the stack. */
function takeFirst(list: unknown[], original: unknown[], n: number): void {
  list.length = n;
  for (let i = 0; i < n; i++) list[i] = original[i];
}

/** The most items that fit, between `low` (known to fit) and `high` (known not to), by bisection. */
function grow(low: number, high: number, fitsWith: (n: number) => boolean): number {
  let fits = low;
  let fails = high;
  while (fails - fits > 1) {
    const mid = Math.floor((fits + fails) / 2);
    if (fitsWith(mid)) fits = mid;
    else fails = mid;
  }
  return fits;
}

function largestArray(value: unknown, path: ListPath, depth = 0): { list: unknown[]; original: unknown[]; path: ListPath } | undefined {
  if (Array.isArray(value)) return { list: value, original: value.slice(), path };
  if (!value || typeof value !== 'object' || depth > 2) return undefined;
  let best: { list: unknown[]; original: unknown[]; path: ListPath } | undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = largestArray(child, [...path, key], depth + 1);
    if (found && (!best || JSON.stringify(found.list).length > JSON.stringify(best.list).length)) best = found;
  }
  return best;
}

/** The array at `path` in `data`, if there is one there. */
export function listAt(data: unknown, path: ListPath): unknown[] | undefined {
  const node = valueAt(data, path);
  return Array.isArray(node) ? node : undefined;
}

/** The value at `path` in `data` (keys and indexes from the top), or undefined. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const key of path) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function shorten(value: unknown, limit: number): unknown {
  if (typeof value === 'string') return value.length > limit ? `${value.slice(0, limit)}…` : value;
  if (Array.isArray(value)) return value.map((item) => shorten(item, limit));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v, limit)]));
  return value;
}
