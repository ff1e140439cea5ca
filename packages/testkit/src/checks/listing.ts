import { PORTABLE_NAME, toolName } from '@connectors/contract';
import type { ToolDescriptor } from '@connectors/contract/server';

type JsonSchema = Record<string, unknown>;

/** Names clients accept (`^[a-zA-Z0-9_-]{1,64}$`), each once. */
export function checkToolNames(tools: readonly Pick<ToolDescriptor, 'name'>[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { name } of tools) {
    if (!PORTABLE_NAME.test(name))
      problems.push(`"${name}" does not match ${PORTABLE_NAME}; Claude, OpenAI and Anthropic APIs reject it (and hide every tool of the server).`);
    if (seen.has(name)) problems.push(`"${name}" is listed twice.`);
    seen.add(name);
  }
  return problems;
}

/** Every tool has a description, an object input schema and an object output schema. */
export function checkToolDescriptors(tools: readonly ToolDescriptor[]): string[] {
  const problems: string[] = [];
  for (const tool of tools) {
    if (typeof tool.description !== 'string' || !tool.description.trim()) problems.push(`${tool.name} has no description.`);
    if (!isObject(tool.inputSchema) || tool.inputSchema.type !== 'object') problems.push(`${tool.name} has no object inputSchema.`);
    if (!isObject(tool.outputSchema) || tool.outputSchema.type !== 'object') problems.push(`${tool.name} has no object outputSchema.`);
  }
  return problems;
}

/** `<id>_health` is registered (the contract adds it; a custom runtime might not). */
export function checkHealthTool(tools: readonly Pick<ToolDescriptor, 'name'>[], connectorId: string): string[] {
  const expected = toolName(connectorId, 'health');
  return tools.some((tool) => tool.name === expected) ? [] : [`${expected} is missing from tools/list.`];
}

/**
 * Every string, array and number a caller can send has a limit, so a model cannot send a
 * megabyte by mistake: strings need maxLength, pattern, format or enum; arrays maxItems;
 * numbers maximum (the safe-integer bound of a bare `.int()` does not count) or enum.
 */
export function findUnboundedInputs(tool: Pick<ToolDescriptor, 'name' | 'inputSchema'>): string[] {
  const problems: string[] = [];
  const root = tool.inputSchema;
  const seenRefs = new Set<string>();
  const walk = (schema: unknown, path: string): void => {
    if (!isObject(schema)) return;
    if (typeof schema.$ref === 'string') {
      if (seenRefs.has(schema.$ref)) return;
      seenRefs.add(schema.$ref);
      walk(resolveRef(root, schema.$ref), path);
      return;
    }
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const branches = schema[key];
      if (Array.isArray(branches)) for (const branch of branches) walk(branch, path);
    }
    if ('enum' in schema || 'const' in schema) return;
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
    const where = path || '(input)';
    for (const type of types) {
      if (type === 'string' && !('maxLength' in schema || 'pattern' in schema || 'format' in schema)) {
        problems.push(`${tool.name}: ${where} (string) has no maxLength, pattern, format or enum.`);
      }
      if ((type === 'number' || type === 'integer') && !hasMaximum(schema)) {
        problems.push(
          `${tool.name}: ${where} (${type}) has no maximum or enum${type === 'integer' ? ' (.int() alone only bounds it to the safe-integer range)' : ''}.`,
        );
      }
      if (type === 'array' && typeof schema.maxItems !== 'number') problems.push(`${tool.name}: ${where} (array) has no maxItems.`);
    }
    if (isObject(schema.properties)) {
      for (const [key, child] of Object.entries(schema.properties)) walk(child, path ? `${path}.${key}` : key);
    }
    if (isObject(schema.additionalProperties)) walk(schema.additionalProperties, `${path || '(input)'}.*`);
    if (isObject(schema.patternProperties)) for (const child of Object.values(schema.patternProperties)) walk(child, `${path || '(input)'}.*`);
    if (isObject(schema.items)) walk(schema.items, `${path}[]`);
    if (Array.isArray(schema.prefixItems)) for (const [i, child] of schema.prefixItems.entries()) walk(child, `${path}[${i}]`);
  };
  walk(root, '');
  return problems;
}

export function checkInputLimits(tools: readonly Pick<ToolDescriptor, 'name' | 'inputSchema'>[]): string[] {
  return tools.flatMap(findUnboundedInputs);
}

export interface ToolsListSize {
  /** Bytes of the JSON text of the tools/list result `{ tools }`. */
  bytes: number;
  /** Bytes per tool, largest first. */
  perTool: { name: string; bytes: number }[];
}

export function measureToolsList(tools: readonly ToolDescriptor[]): ToolsListSize {
  const bytes = Buffer.byteLength(JSON.stringify({ tools }));
  const perTool = tools.map((tool) => ({ name: tool.name, bytes: Buffer.byteLength(JSON.stringify(tool)) })).sort((a, b) => b.bytes - a.bytes);
  return { bytes, perTool };
}

/** Default budget: about 10k tokens of context before the user has typed anything. */
export const DEFAULT_TOOLS_LIST_BUDGET = 40_000;

export function checkToolsListSize(tools: readonly ToolDescriptor[], budgetBytes = DEFAULT_TOOLS_LIST_BUDGET): string[] {
  const size = measureToolsList(tools);
  if (size.bytes <= budgetBytes) return [];
  const largest = size.perTool
    .slice(0, 5)
    .map((t) => `${t.name} ${formatBytes(t.bytes)}`)
    .join(', ');
  return [
    `tools/list is ${formatBytes(size.bytes)} for ${tools.length} tools, over the budget of ${formatBytes(budgetBytes)}. Largest: ${largest}. Shorten descriptions, trim output schemas, or raise the budget deliberately.`,
  ];
}

export function formatBytes(bytes: number): string {
  return bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(1)} kB`;
}

function hasMaximum(schema: JsonSchema): boolean {
  for (const key of ['maximum', 'exclusiveMaximum']) {
    const value = schema[key];
    if (typeof value === 'number' && Math.abs(value) < Number.MAX_SAFE_INTEGER) return true;
  }
  return false;
}

function resolveRef(root: JsonSchema, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  return ref
    .slice(1)
    .split('/')
    .filter(Boolean)
    .reduce<unknown>((node, part) => (isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), root);
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
