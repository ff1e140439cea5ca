import { resetNock, suiteInput, type ToolCase } from '../calls.js';
import type { OutputRecord, RecordedRequest, TestRuntime } from '../harness.js';
import { mountReplies, repliesFor, replyOrigin } from '../vendor.js';
import { FAULTS, checkFault } from './faults.js';

/**
 * Where a secret shows up in output, in any of the forms it commonly leaks in: as is,
 * URL-encoded, JSON-escaped, or base64 (Basic auth, debug dumps). Each source and secret is
 * reported once, with the secret replaced by its variable name.
 */
export function findSecretLeaks(output: readonly OutputRecord[], canaries: Record<string, string>): string[] {
  const problems: string[] = [];
  const forms = Object.entries(canaries)
    .filter(([, value]) => value.length >= 4)
    .flatMap(([name, value]) => uniqueForms(value).map(([form, text]) => ({ name, form, text })));
  const seen = new Set<string>();
  for (const record of output) {
    for (const { name, form, text } of forms) {
      const at = record.text.indexOf(text);
      if (at < 0 || seen.has(`${record.source}\u0000${name}`)) continue;
      seen.add(`${record.source}\u0000${name}`);
      const excerpt = record.text
        .slice(Math.max(0, at - 60), at + text.length + 60)
        .split(text)
        .join(`<${name}>`);
      problems.push(`${record.source} contains ${name}${form === 'as is' ? '' : ` (${form})`}: …${excerpt.replace(/\s+/g, ' ')}…`);
    }
  }
  return problems;
}

/** Canaries too short to be redacted or searched for are a test setup mistake. */
export function checkCanaryValues(canaries: Record<string, string>): string[] {
  const problems: string[] = [];
  const values = Object.entries(canaries);
  for (const [name, value] of values) {
    if (value.length < 8) problems.push(`The test value of ${name} is too short to serve as a canary; use a unique value of 8+ characters.`);
    if (values.some(([other, v]) => other !== name && v === value))
      problems.push(`${name} shares its test value with another secret; give each a unique value.`);
  }
  return problems;
}

export interface CanaryCheckOptions {
  baseUrl: string;
}

/**
 * Adds its own exposure to whatever the suite already collected (tools/list; per tool, vendor 401
 * and 500 bodies echoing the secrets and a normal call, logged at debug level), then searches
 * everything the runtime and the bin printed. It also proves the canaries were in use: some
 * request must carry one.
 */
export async function checkSecretCanary(kit: TestRuntime, tools: readonly ToolCase[], options: CanaryCheckOptions): Promise<string[]> {
  if (Object.keys(kit.canaries).length === 0) return [];
  const problems = checkCanaryValues(kit.canaries);
  kit.listTools();
  const base = new URL(options.baseUrl).origin;
  for (const tool of tools) {
    if (!tool.fixture) continue;
    const example = tool.examples[0] ?? {};
    const replies = repliesFor(tool.fixture, example, 0);
    if (replies.some((reply) => replyOrigin(options.baseUrl, reply) === base)) {
      for (const fault of FAULTS.filter((f) => f.name === '401' || f.name === '500')) {
        // Only the output matters here; the fault matrix judges the codes.
        await checkFault(kit, tool, fault, { baseUrl: options.baseUrl });
      }
    }
    mountReplies(options.baseUrl, replies);
    try {
      await kit.callToolResult(tool.name, suiteInput(example));
    } finally {
      resetNock();
    }
  }
  const values = Object.values(kit.canaries);
  const carried = kit.requests.some((request) => {
    const text = requestText(request);
    return values.some((value) => text.includes(value) || text.includes(encodeURIComponent(value)));
  });
  if (kit.requests.length > 0 && !carried) {
    problems.push(
      'No request carried any secret canary, so this check proves little: is the connector configured from these variables (and does it send them through deps.fetch)?',
    );
  }
  problems.push(...findSecretLeaks(kit.output, kit.canaries));
  return problems;
}

function uniqueForms(value: string): [string, string][] {
  const forms: [string, string][] = [
    ['as is', value],
    ['URL-encoded', encodeURIComponent(value)],
    ['JSON-escaped', JSON.stringify(value).slice(1, -1)],
    ['base64', Buffer.from(value).toString('base64').replace(/=+$/, '')],
    ['base64url', Buffer.from(value).toString('base64url')],
  ];
  const seen = new Set<string>();
  return forms.filter(([, text]) => text.length >= 4 && !seen.has(text) && seen.add(text));
}

/** The request as text, with Basic credentials decoded (they carry the secret base64-encoded). */
function requestText(request: RecordedRequest): string {
  const basic = /^basic\s+(\S+)/i.exec(request.headers.authorization ?? '');
  return JSON.stringify(request) + (basic ? Buffer.from(basic[1]!, 'base64').toString('utf8') : '');
}
