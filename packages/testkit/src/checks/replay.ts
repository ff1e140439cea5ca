import { resetNock, suiteInput, type ToolCase } from '../calls.js';
import type { TestRuntime } from '../harness.js';
import { mountReplies, repliesFor } from '../vendor.js';
import { missingFixture } from './examples.js';

/**
 * A write tool called twice with the same idempotencyKey and input: the first call writes, the
 * second answers the same data with `meta.idempotentReplay` and sends nothing.
 */
export async function checkReplay(kit: TestRuntime, tool: ToolCase, options: { baseUrl: string }): Promise<string[]> {
  if (!tool.fixture) return [missingFixture(tool)];
  const example = tool.examples[0] ?? {};
  const input = suiteInput({ ...example, idempotencyKey: `testkit-replay-${tool.action}` });
  const problems: string[] = [];
  mountReplies(options.baseUrl, repliesFor(tool.fixture, example, 0));
  try {
    const first = await kit.callTool(tool.name, input);
    if (!first.ok) return [`The first call answered ${first.error.code}: ${first.error.message}`];
    const sent = kit.requests.length;
    const repeat = await kit.callTool(tool.name, input);
    if (kit.requests.length > sent) problems.push(`The repeat with the same idempotencyKey sent ${kit.requests.length - sent} request(s); it must replay.`);
    if (!repeat.ok) problems.push(`The repeat answered ${repeat.error.code}: ${repeat.error.message}`);
    else {
      if (repeat.meta.idempotentReplay !== true) problems.push('The repeat does not say meta.idempotentReplay: true.');
      if (JSON.stringify(repeat.data) !== JSON.stringify(first.data)) problems.push('The repeat answered other data than the first call.');
    }
  } finally {
    resetNock();
  }
  return problems;
}
