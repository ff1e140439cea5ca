/**
 * Compact list rows: a list is for finding things, the get tool for reading them. Long text fields
 * are left out of rows, and a nested person or object is reduced to its name; everything else
 * Coconut sends is kept as it is, so a field it adds is not lost.
 */
const LONG_TEXT = new Set(['description', 'content', 'body', 'instructions']);

export function compactRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (LONG_TEXT.has(key) || value === null || value === undefined) continue;
    if (typeof value === 'object' && !Array.isArray(value)) {
      const named = value as { name?: unknown; email?: unknown; id?: unknown };
      const label = named.name ?? named.email ?? named.id;
      if (typeof label === 'string') out[key] = label;
      continue;
    }
    out[key] = value;
  }
  return out;
}

/**
 * `{ [key]: rows }` with each row compact, typed as the tool's output rows (`Row`, inferred where
 * it is used): the runtime checks every result against the tool's output schema, so a row Coconut
 * sends without an id becomes a clear upstream_error.
 */
export function compactList<K extends string, Row = Record<string, unknown>>(key: K) {
  return (data: Record<K, Record<string, unknown>[]>) => ({ [key]: (data[key] ?? []).map(compactRow) }) as Record<K, Row[]>;
}
