import { z } from 'zod';
import { ERROR_CODES, type ErrorInfo } from './errors.js';

/** What a vendor's rate-limit headers said, as the envelope reports it. */
export interface RateLimit {
  limit?: number;
  remaining?: number;
  /** ISO 8601 time when the window resets. */
  resetAt?: string;
}

export interface Meta {
  requestId: string;
  durationMs: number;
  rateLimit?: RateLimit;
  /** True when an idempotencyKey replayed an earlier result instead of writing again. */
  idempotentReplay?: boolean;
}

export interface SuccessEnvelope<T = unknown> {
  ok: true;
  /** Absent on the wire only when the result was too large even after trimming (`warnings` says so). */
  data: T;
  meta: Meta;
  nextCursor?: string;
  warnings?: string[];
}

export interface ErrorEnvelope {
  ok: false;
  error: ErrorInfo;
  meta: Meta;
}

export type Envelope<T = unknown> = SuccessEnvelope<T> | ErrorEnvelope;

/** What a tools/call returns: the envelope as structuredContent, mirrored as compact JSON text. */
export interface ToolCallResult {
  content: { type: 'text'; text: string }[];
  structuredContent: Envelope;
  isError?: boolean;
}

const rateLimitSchema = z.object({ limit: z.number().optional(), remaining: z.number().optional(), resetAt: z.string().optional() });
const metaSchema = z.object({
  requestId: z.string(),
  durationMs: z.number(),
  rateLimit: rateLimitSchema.optional(),
  idempotentReplay: z.boolean().optional(),
});
const errorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  retryable: z.boolean(),
  retryAfterMs: z.number().optional(),
  vendorCode: z.string().optional(),
  hint: z.string().optional(),
});

/** Zod schema of either envelope around a tool's data schema (used by tests and the testkit). */
export function envelopeSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data, meta: metaSchema, nextCursor: z.string().optional(), warnings: z.array(z.string()).optional() }).strict(),
    z.object({ ok: z.literal(false), error: errorSchema, meta: metaSchema }).strict(),
  ]);
}

export type JsonSchema = Record<string, unknown>;

// Listed once per tool in tools/list, so kept to what a client needs to validate and a model to
// read: the full error and meta shapes are documented, not repeated on every tool.
const ERROR_JSON_SCHEMA: JsonSchema = {
  type: 'object',
  properties: { code: { type: 'string' }, message: { type: 'string' }, retryable: { type: 'boolean' } },
};

/**
 * The outputSchema advertised for a tool: one object covering success and error, kept flat so
 * clients that validate structuredContent accept both and the listing stays small.
 */
export function envelopeJsonSchema(data: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: {
      ok: { type: 'boolean' },
      data,
      meta: { type: 'object' },
      nextCursor: { type: 'string' },
      warnings: { type: 'array', items: { type: 'string' } },
      error: ERROR_JSON_SCHEMA,
    },
    required: ['ok', 'meta'],
  };
}

export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return portable(json);
}

/** Keywords whose value is one schema, and those whose value is a list or a map of schemas. */
const ONE_SCHEMA = ['items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else'];
const MANY_SCHEMAS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const NAMED_SCHEMAS = ['properties', 'patternProperties', '$defs', 'definitions'];

/**
 * The schema in the form every client reads: several MCP clients and model APIs (Gemini's function
 * declarations among them) take `type` as one string, so `type: ["string", "null"]` becomes
 * `anyOf` branches of one type each (a null that clears a field stays expressible); an empty
 * `additionalProperties: {}` (extra keys allowed, the default) is left out.
 */
function portable(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ONE_SCHEMA.includes(key) && isSchema(value)) {
      if (key === 'additionalProperties' && Object.keys(value).length === 0) continue;
      out[key] = portable(value);
    } else if (MANY_SCHEMAS.includes(key) && Array.isArray(value)) {
      out[key] = value.map((item) => (isSchema(item) ? portable(item) : item));
    } else if (NAMED_SCHEMAS.includes(key) && isSchema(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, item]) => [name, isSchema(item) ? portable(item) : item]));
    } else {
      out[key] = value;
    }
  }
  const types = out.type;
  if (Array.isArray(types)) {
    delete out.type;
    if (types.length === 1) out.type = types[0];
    else {
      const branches = types.map((type) => ({ type }));
      if (out.anyOf === undefined) out.anyOf = branches;
      else {
        // Both must hold: the schema's own anyOf and one of the types.
        out.allOf = [...((out.allOf as unknown[] | undefined) ?? []), { anyOf: out.anyOf }, { anyOf: branches }];
        delete out.anyOf;
      }
    }
  }
  return out;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
