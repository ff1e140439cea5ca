import { ConnectorError } from '@connectors/contract';
import { markdownToAdf } from './adf/markdown-to-adf.js';

/** `{ id }` for a numeric id, `{ key }`/`{ name }` otherwise: Jira takes either in a field value. */
export function ref(value: string, by: 'key' | 'name'): { id: string } | { key: string } | { name: string } {
  return /^\d+$/.test(value) ? { id: value } : by === 'key' ? { key: value } : { name: value };
}

/** Markdown to ADF; an empty description clears the field. */
export function richText(markdown: string) {
  return markdown.trim() === '' ? null : markdownToAdf(markdown);
}

/**
 * Merges the named inputs with `fields` (any other field by id), refusing a field given twice so
 * the caller never wonders which one Jira got.
 */
export function mergeFields(named: Record<string, unknown>, other: Record<string, unknown> | undefined): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(named)) if (value !== undefined) fields[id] = value;
  const twice = Object.keys(other ?? {}).filter((id) => id in fields);
  if (twice.length) {
    throw new ConnectorError('invalid_input', `Field${twice.length > 1 ? 's' : ''} ${twice.join(', ')} given twice: as an argument and in fields.`, {
      hint: 'Pass each field once; prefer the named argument (it converts Markdown and names for you).',
    });
  }
  for (const [id, value] of Object.entries(other ?? {})) fields[id] = markdownValue(value);
  return fields;
}

/** `{ "markdown": "..." }` in fields becomes rich text, for custom text areas that take ADF. */
function markdownValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const text = (value as { markdown?: unknown }).markdown;
  return keys.length === 1 && typeof text === 'string' ? richText(text) : value;
}
