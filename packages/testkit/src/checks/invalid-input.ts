import type { ToolDescriptor } from '@connectors/contract/server';
import { resetNock, watchUnmatched, type ToolCase } from '../calls.js';
import type { TestRuntime } from '../harness.js';
import { mountReplies, repliesFor } from '../vendor.js';
import { checkEnvelope } from './envelope.js';

type JsonSchema = Record<string, unknown>;

export interface InvalidInputCase {
  label: string;
  args: unknown;
}

const WRONG_TYPES: { types: string[]; value: unknown; label: string }[] = [
  { types: ['number', 'integer'], value: 12345, label: 'a number' },
  { types: ['string'], value: 'testkit-wrong-type', label: 'a string' },
  { types: ['boolean'], value: true, label: 'a boolean' },
  { types: ['object'], value: { testkit: true }, label: 'an object' },
  { types: ['array'], value: ['testkit'], label: 'an array' },
];

/**
 * Inputs the schema must reject, derived from the advertised inputSchema and the first example:
 * not an object, an unknown argument, and per property a wrong type, a value past its limit
 * (maxLength, maximum, maxItems), a value outside its enum, and a missing required property.
 */
export function invalidInputCases(descriptor: Pick<ToolDescriptor, 'inputSchema'>, example: Record<string, unknown> = {}): InvalidInputCase[] {
  const cases: InvalidInputCase[] = [
    { label: 'arguments that are not an object', args: ['not', 'an', 'object'] },
    { label: 'an unknown argument', args: { ...example, testkitUnknownArgument: 'surprise' } },
  ];
  const schema = descriptor.inputSchema;
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  for (const [key, property] of Object.entries(properties)) {
    if (!isObject(property)) continue;
    const branches = flatten(property);
    const accepted = new Set(branches.flatMap(typesOf));
    const enumValues = branches.flatMap((branch) => (Array.isArray(branch.enum) ? branch.enum : 'const' in branch ? [branch.const] : []));
    for (const value of enumValues) accepted.add(jsonType(value));
    const wrong = accepted.size ? WRONG_TYPES.find((candidate) => !candidate.types.some((type) => accepted.has(type))) : undefined;
    if (wrong) cases.push({ label: `${key}: ${wrong.label} instead of ${[...accepted].join(' or ')}`, args: { ...example, [key]: wrong.value } });

    for (const branch of branches) {
      if (typeof branch.maxLength === 'number' && branch.maxLength < 100_000) {
        cases.push({ label: `${key}: longer than maxLength ${branch.maxLength}`, args: { ...example, [key]: 'x'.repeat(branch.maxLength + 1) } });
      }
      const max = typeof branch.maximum === 'number' ? branch.maximum + 1 : typeof branch.exclusiveMaximum === 'number' ? branch.exclusiveMaximum : undefined;
      if (max !== undefined && Math.abs(max) < Number.MAX_SAFE_INTEGER)
        cases.push({ label: `${key}: ${max}, above its maximum`, args: { ...example, [key]: max } });
      if (typeof branch.maxItems === 'number' && branch.maxItems < 10_000) {
        const sample = Array.isArray(example[key]) && (example[key] as unknown[]).length ? (example[key] as unknown[])[0] : itemSample(branch.items);
        if (sample !== undefined) {
          cases.push({
            label: `${key}: more than maxItems ${branch.maxItems}`,
            args: { ...example, [key]: Array.from({ length: branch.maxItems + 1 }, () => sample) },
          });
        }
      }
    }
    if (enumValues.length && enumValues.every((value) => typeof value === 'string')) {
      cases.push({ label: `${key}: a value outside its enum`, args: { ...example, [key]: 'testkit-not-an-option' } });
    }
    if (required.includes(key) && !('default' in property) && key in example) {
      const { [key]: _omitted, ...rest } = example;
      cases.push({ label: `${key}: missing (required)`, args: rest });
    }
  }
  return cases;
}

export interface InvalidInputCheckOptions {
  baseUrl: string;
  /** More invalid argument sets for this tool (checked like the derived ones). */
  extra?: unknown[];
}

/**
 * Every invalid input answers `invalid_input` in a valid error envelope and sends no request:
 * the tool's fixture is mounted and must stay untouched, nock must see no other request, and the
 * injected fetch must not be called.
 */
export async function checkInvalidInput(kit: TestRuntime, tool: ToolCase, options: InvalidInputCheckOptions): Promise<string[]> {
  const example = tool.examples[0] ?? {};
  const cases = [...invalidInputCases(tool.descriptor, example), ...(options.extra ?? []).map((args, i) => ({ label: `custom invalid input ${i + 1}`, args }))];
  const problems: string[] = [];
  for (const { label, args } of cases) {
    const replies = tool.fixture ? repliesFor(tool.fixture, example, 0) : [];
    const scopes = mountReplies(options.baseUrl, replies, { persist: true });
    let answered = 0;
    for (const scope of scopes) scope.on('request', () => answered++);
    const unmatched = watchUnmatched();
    const sentBefore = kit.requests.length;
    try {
      const result = await kit.callToolResult(tool.name, args);
      const envelope = result.structuredContent;
      for (const problem of checkEnvelope(result, { descriptor: tool.descriptor })) problems.push(`${label}: ${problem}`);
      if (envelope.ok) problems.push(`${label}: accepted (${JSON.stringify(args).slice(0, 120)}).`);
      else if (envelope.error.code !== 'invalid_input')
        problems.push(`${label}: answered ${envelope.error.code} instead of invalid_input: ${envelope.error.message}`);
      const sent = kit.requests.length - sentBefore;
      if (answered || unmatched.requests.length || sent) {
        problems.push(
          `${label}: a request went out (${[...unmatched.requests, ...kit.requests.slice(sentBefore).map((r) => `${r.method} ${r.url}`)].join(', ') || `${answered} to the fixture`}); validate before calling the vendor.`,
        );
      }
    } finally {
      unmatched.stop();
      resetNock();
    }
  }
  return problems;
}

function flatten(schema: JsonSchema): JsonSchema[] {
  const out: JsonSchema[] = [schema];
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const branch of branches) if (isObject(branch)) out.push(...flatten(branch));
  }
  return out;
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type as string[];
  return typeof schema.type === 'string' ? [schema.type] : [];
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function itemSample(items: unknown): unknown {
  if (!isObject(items)) return undefined;
  if (Array.isArray(items.enum) && items.enum.length) return items.enum[0];
  if ('const' in items) return items.const;
  return undefined;
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
