/** Summaries of a tool's input JSON Schema (as advertised in tools/list) for the docs tables. */
import { code } from './markdown.mjs';

/** One row per top-level property: `{ name, type, required, limits, description }`. */
export function parameterRows(inputSchema) {
  const required = new Set(inputSchema.required ?? []);
  return Object.entries(inputSchema.properties ?? {}).map(([name, schema]) => {
    const { main, nullable } = unwrapNullable(schema);
    return {
      name,
      type: typeOf(main) + (nullable ? ' | null' : ''),
      required: required.has(name),
      limits: limitsOf(main),
      description: schema.description ?? main.description ?? '',
    };
  });
}

/** `anyOf: [X, {type: 'null'}]` (zod's `.nullable()`) reads better as "X | null". */
function unwrapNullable(schema) {
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches) return { main: schema, nullable: false };
  const rest = branches.filter((branch) => branch.type !== 'null');
  if (rest.length === 1) return { main: { ...rest[0], default: schema.default ?? rest[0].default }, nullable: rest.length < branches.length };
  return { main: schema, nullable: false };
}

function typeOf(schema) {
  if ('const' in schema) return JSON.stringify(schema.const);
  if (schema.anyOf ?? schema.oneOf) return (schema.anyOf ?? schema.oneOf).map(typeOf).join(' | ');
  if (schema.type === 'array') return schema.items ? `${typeOf(schema.items)}[]` : 'array';
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  return schema.type ?? 'any';
}

/** Human-readable limits, e.g. "1-100, default 10" or "one of: open, done". */
export function limitsOf(schema) {
  const parts = [];
  if (schema.enum) parts.push(`one of: ${schema.enum.map((v) => code(v)).join(', ')}`);
  parts.push(...rangeParts(schema, 'minimum', 'maximum', ''));
  if (schema.exclusiveMinimum !== undefined) parts.push(`> ${schema.exclusiveMinimum}`);
  if (schema.exclusiveMaximum !== undefined) parts.push(`< ${schema.exclusiveMaximum}`);
  parts.push(...rangeParts(schema, 'minLength', 'maxLength', ' chars'));
  parts.push(...rangeParts(schema, 'minItems', 'maxItems', ' items'));
  // A format (date, email, uri) says more than the long regex zod emits alongside it.
  if (schema.format) parts.push(`format ${schema.format}`);
  else if (schema.pattern) parts.push(`pattern ${code(schema.pattern)}`);
  if (schema.type === 'array' && schema.items) {
    const inner = limitsOf(schema.items);
    if (inner) parts.push(`each ${inner}`);
  }
  if (schema.default !== undefined) parts.push(`default ${code(JSON.stringify(schema.default))}`);
  return parts.join(', ');
}

function rangeParts(schema, minKey, maxKey, unit) {
  const min = schema[minKey];
  const max = schema[maxKey];
  const units = (n) => (n === 1 ? unit.replace(/s$/, '') : unit);
  if (min !== undefined && max !== undefined) return [min === max ? `exactly ${min}${units(min)}` : `${min}-${max}${unit}`];
  if (min !== undefined) return [`at least ${min}${units(min)}`];
  if (max !== undefined) return [`at most ${max}${units(max)}`];
  return [];
}
