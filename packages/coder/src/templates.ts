import { ConnectorError, urlPath, z } from '@connectors/contract';
import type { CoderContext } from './client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const templateRef = z
  .string()
  .max(130)
  .refine((value) => UUID.test(value) || /^[a-zA-Z0-9_-]{1,64}$/.test(value), 'must be a template name or id')
  .describe('Template name or id');

export interface CoderTemplate {
  id: string;
  name: string;
  display_name?: string;
  description?: string;
  organization_name?: string;
  active_version_id: string;
  active_user_count?: number;
  deprecated?: boolean;
  deprecation_message?: string;
}

export interface RichParameter {
  name: string;
  display_name?: string;
  description_plaintext?: string;
  description?: string;
  type: 'string' | 'number' | 'bool' | 'list(string)';
  form_type?: string;
  mutable?: boolean;
  required?: boolean;
  default_value?: string;
  ephemeral?: boolean;
  options?: { name: string; value: string; description?: string }[];
  validation_regex?: string;
  validation_error?: string;
  validation_min?: number | null;
  validation_max?: number | null;
  validation_monotonic?: string;
}

export const parameter = z.object({
  name: z.string(),
  displayName: z.string().optional(),
  description: z.string().optional(),
  type: z.string(),
  required: z.boolean(),
  default: z.string().optional(),
  mutable: z.boolean().optional(),
  options: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  pattern: z.string().optional(),
});

export function projectParameter(p: RichParameter): z.infer<typeof parameter> {
  const description = (p.description_plaintext || p.description || '').trim();
  return {
    name: p.name,
    ...(p.display_name ? { displayName: p.display_name } : {}),
    ...(description ? { description: description.slice(0, 300) } : {}),
    type: p.type,
    required: Boolean(p.required),
    ...(p.default_value ? { default: p.default_value } : {}),
    ...(p.mutable !== undefined ? { mutable: p.mutable } : {}),
    ...(p.options?.length ? { options: p.options.map((o) => ({ name: o.name, value: o.value })) } : {}),
    ...(typeof p.validation_min === 'number' ? { min: p.validation_min } : {}),
    ...(typeof p.validation_max === 'number' ? { max: p.validation_max } : {}),
    ...(p.validation_regex ? { pattern: p.validation_regex } : {}),
  };
}

/** A template by id, or by name among those you can see (several organizations may share a name). */
export async function findTemplate(ref: string, ctx: CoderContext): Promise<CoderTemplate> {
  if (UUID.test(ref)) return ctx.client.get<CoderTemplate>(urlPath`/api/v2/templates/${ref}`);
  const all = await ctx.client.get<CoderTemplate[]>('/api/v2/templates');
  const matches = all.filter((t) => t.name === ref);
  if (!matches.length) throw new ConnectorError('not_found', `No template named "${ref}".`, { hint: 'coder_list_templates lists the templates you can use.' });
  if (matches.length > 1) {
    throw new ConnectorError(
      'invalid_input',
      `Several templates are named "${ref}" (${matches.map((t) => t.organization_name ?? t.id).join(', ')}): pass its id.`,
    );
  }
  return matches[0]!;
}

export function richParameters(ctx: CoderContext, template: CoderTemplate): Promise<RichParameter[]> {
  return ctx.client.get<RichParameter[]>(urlPath`/api/v2/templateversions/${template.active_version_id}/rich-parameters`);
}

/**
 * Checks values against the template's parameters as Coder would (names, required, type, options,
 * range, pattern) and answers the list Coder takes. Every problem is named at once.
 */
export function parameterValues(parameters: RichParameter[], given: Record<string, string | number | boolean>): { name: string; value: string }[] {
  const known = new Map(parameters.map((p) => [p.name, p]));
  const problems = Object.keys(given)
    .filter((name) => !known.has(name))
    .map((name) => `"${name}" is not a parameter of this template (it has ${parameters.map((p) => p.name).join(', ') || 'none'})`);
  const values: { name: string; value: string }[] = [];
  for (const p of parameters) {
    const raw = given[p.name];
    if (raw === undefined) {
      if (p.required && !p.default_value) problems.push(`"${p.name}" is required`);
      continue;
    }
    const value = String(raw);
    const problem = checkValue(p, value);
    if (problem) problems.push(`"${p.name}" ${problem}`);
    else values.push({ name: p.name, value });
  }
  if (problems.length)
    throw new ConnectorError('invalid_input', `Parameters do not fit the template: ${problems.join('; ')}.`, {
      hint: 'coder_get_template_parameters lists them with their types and options.',
    });
  return values;
}

function checkValue(p: RichParameter, value: string): string | undefined {
  if (p.type === 'number') {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) return 'must be a number';
    if (typeof p.validation_min === 'number' && n < p.validation_min) return `must be at least ${p.validation_min}`;
    if (typeof p.validation_max === 'number' && n > p.validation_max) return `must be at most ${p.validation_max}`;
  }
  if (p.type === 'bool' && value !== 'true' && value !== 'false') return 'must be true or false';
  if (p.type === 'list(string)') {
    try {
      const list = JSON.parse(value) as unknown;
      if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) return 'must be a JSON list of strings, e.g. ["a","b"]';
    } catch {
      return 'must be a JSON list of strings, e.g. ["a","b"]';
    }
  }
  if (p.options?.length && p.type !== 'list(string)' && !p.options.some((o) => o.value === value)) {
    return `must be one of ${p.options.map((o) => o.value).join(', ')}`;
  }
  if (p.validation_regex && p.type === 'string') {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(p.validation_regex);
    } catch {
      pattern = undefined; // A pattern JavaScript cannot read is left to Coder.
    }
    if (pattern && !pattern.test(value)) return p.validation_error || `must match ${p.validation_regex}`;
  }
  return undefined;
}
