// Loading a demo scenario and checking each step's outcome against what it expects.
import { readFileSync } from 'node:fs';

/** A problem the user can fix (unknown id, not built, bad scenario): printed without a stack. */
export class DemoError extends Error {}

const EXPECT_KEYS = ['ok', 'code', 'replay', 'vendorRequests', 'nextCursor', 'data'];

/** Reads and validates `<package>/demo/scenario.json`; problems are reported all at once. */
export function loadScenario(path) {
  let scenario;
  try {
    scenario = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DemoError(`Cannot read ${path}: ${error.message}`);
  }
  const problems = validateScenario(scenario);
  if (problems.length) throw new DemoError(`${path} is not a valid demo scenario:\n  - ${problems.join('\n  - ')}`);
  return scenario;
}

export function validateScenario(scenario) {
  const problems = [];
  const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isObject(scenario)) return ['the file must hold a JSON object'];
  if (scenario.env !== undefined && (!isObject(scenario.env) || Object.values(scenario.env).some((v) => typeof v !== 'string'))) {
    problems.push('env must map variable names to strings');
  }
  if (scenario.headers !== undefined && (!isObject(scenario.headers) || Object.values(scenario.headers).some((v) => typeof v !== 'string'))) {
    problems.push('headers must map header names to strings');
  }
  if (scenario.unmatched !== undefined && !isObject(scenario.unmatched)) problems.push('unmatched must be an object like a route');
  if (!Array.isArray(scenario.routes)) problems.push('routes must be an array');
  else {
    scenario.routes.forEach((route, i) => {
      if (!isObject(route) || typeof route.path !== 'string' || !route.path.startsWith('/')) {
        problems.push(`routes[${i}] needs a path starting with /`);
      } else if (route.query !== undefined && !isObject(route.query)) problems.push(`routes[${i}].query must be an object`);
    });
  }
  if (!Array.isArray(scenario.steps) || scenario.steps.length === 0) problems.push('steps must be a non-empty array');
  else {
    scenario.steps.forEach((step, i) => {
      const where = `steps[${i}]`;
      if (!isObject(step) || typeof step.tool !== 'string') return void problems.push(`${where} needs a tool name`);
      if (step.arguments !== undefined && !isObject(step.arguments)) problems.push(`${where}.arguments must be an object`);
      if (step.expect !== undefined && !isObject(step.expect)) problems.push(`${where}.expect must be an object`);
      const unknown = Object.keys(step.expect ?? {}).filter((key) => !EXPECT_KEYS.includes(key));
      if (unknown.length) problems.push(`${where}.expect has unknown keys ${unknown.join(', ')} (known: ${EXPECT_KEYS.join(', ')})`);
    });
  }
  return problems;
}

/**
 * What differs from the step's expectations (empty when all hold). Without `expect` a step must
 * succeed; `code` implies a failure with that error code.
 * @param {object | undefined} expect
 * @param {{ ok: boolean, data?: unknown, error?: { code: string, message: string }, meta?: { idempotentReplay?: boolean }, nextCursor?: string }} envelope
 * @param {number} vendorRequests
 */
export function checkOutcome(expect = { ok: true }, envelope, vendorRequests) {
  const problems = [];
  const got = envelope.ok ? 'ok' : `error ${envelope.error?.code} (${envelope.error?.message})`;
  const wantOk = expect.ok ?? (expect.code === undefined ? undefined : false);
  if (wantOk !== undefined && envelope.ok !== wantOk) problems.push(`expected ${wantOk ? 'ok' : 'an error'}, got ${got}`);
  if (expect.code !== undefined && !envelope.ok && envelope.error?.code !== expect.code) {
    problems.push(`expected error ${expect.code}, got ${got}`);
  }
  if (expect.replay !== undefined && Boolean(envelope.meta?.idempotentReplay) !== expect.replay) {
    problems.push(`expected meta.idempotentReplay ${expect.replay}, got ${envelope.meta?.idempotentReplay ?? 'none'}`);
  }
  if (expect.vendorRequests !== undefined && vendorRequests !== expect.vendorRequests) {
    problems.push(`expected ${expect.vendorRequests} vendor request(s), the vendor saw ${vendorRequests}`);
  }
  if (expect.nextCursor !== undefined && Boolean(envelope.nextCursor) !== expect.nextCursor) {
    problems.push(expect.nextCursor ? 'expected a nextCursor, got none' : 'expected no nextCursor, got one');
  }
  if (expect.data !== undefined && !contains(envelope.data, expect.data)) {
    problems.push(`expected data to include ${JSON.stringify(expect.data)}`);
  }
  return problems;
}

/** Deep "includes": every key of `subset` is in `value` with an equal (or including) value. */
export function contains(value, subset) {
  if (subset === null || typeof subset !== 'object') return Object.is(value, subset);
  if (value === null || typeof value !== 'object' || Array.isArray(value) !== Array.isArray(subset)) return false;
  if (Array.isArray(subset)) return subset.length === value.length && subset.every((item, i) => contains(value[i], item));
  return Object.entries(subset).every(([key, item]) => contains(value[key], item));
}

/** Names in `{{name}}` placeholders of a value that `vars` cannot fill. */
export function unfilled(value, vars) {
  const names = [...JSON.stringify(value ?? null).matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]);
  return names.filter((name) => name.split('.').reduce((node, key) => (node == null ? undefined : node[key]), vars) == null);
}
