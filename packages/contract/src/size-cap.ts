import type { Envelope } from './envelope.js';

/**
 * Serialises an envelope, trimming the largest array and then long strings in `data` until the
 * text fits, with a warning saying what was cut. Models pay for every byte of a result.
 */
export function capResult(envelope: Envelope, text: string, maxBytes: number): { text: string; trimmed: boolean } {
  if (Buffer.byteLength(text) <= maxBytes || !envelope.ok) return { text, trimmed: false };
  return { text: trim(envelope, maxBytes), trimmed: true };
}

function trim(envelope: Envelope & { ok: true }, maxBytes: number): string {
  let text = '';
  const data = structuredClone(envelope.data) as unknown;
  const list = largestArray(data);
  const warnings = [...(envelope.warnings ?? [])];
  const fits = (candidate: unknown, extra: string[]) =>
    Buffer.byteLength((text = JSON.stringify({ ...envelope, data: candidate, warnings: [...warnings, ...extra] }))) <= maxBytes;
  if (list && list.length > 1) {
    const total = list.length;
    let keep = total;
    while (keep > 1) {
      keep = Math.floor(keep / 2);
      list.length = keep;
      const note = `Result cut to ${keep} of ${total} items to stay under ${maxBytes} bytes; ask for fewer items or fields.`;
      if (fits(data, [note])) return text;
    }
    warnings.push(`Result cut to 1 of ${total} items to stay under ${maxBytes} bytes; ask for fewer items or fields.`);
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

function largestArray(value: unknown, depth = 0): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (!value || typeof value !== 'object' || depth > 2) return undefined;
  let best: unknown[] | undefined;
  for (const child of Object.values(value)) {
    const found = largestArray(child, depth + 1);
    if (found && (!best || JSON.stringify(found).length > JSON.stringify(best).length)) best = found;
  }
  return best;
}

function shorten(value: unknown, limit: number): unknown {
  if (typeof value === 'string') return value.length > limit ? value.slice(0, limit) + '…' : value;
  if (Array.isArray(value)) return value.map((item) => shorten(item, limit));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v, limit)]));
  return value;
}
