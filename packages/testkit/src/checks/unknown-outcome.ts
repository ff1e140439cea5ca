import nock from 'nock';
import { resetNock, suiteInput, type ToolCase } from '../calls.js';
import type { TestRuntime } from '../harness.js';
import { mountReplies, repliesFor, replyOrigin } from '../vendor.js';
import { FAULTS, mountFault, mountFaultOn, secretText, type FaultName } from './faults.js';
import { missingFixture } from './examples.js';

/** Faults after which a write may or may not have been applied. */
export const UNKNOWN_OUTCOME_FAULTS: readonly FaultName[] = ['connection_reset', '500', 'timeout', 'malformed_json'];

/** Methods a vendor does not deduplicate: a second one is a second write. */
const UNSAFE = ['POST', 'PATCH'] as const;

/**
 * A write tool's first attempt meets the fault on every POST/PATCH (reads get their fixture). Its
 * error must not be retryable and no POST/PATCH may be repeated; then the same call with the same
 * idempotencyKey, against a vendor that would answer normally, must send no POST/PATCH at all
 * (unless the tool declares that the vendor deduplicates by the key, or a recover lookup).
 */
export async function checkUnknownOutcome(
  kit: TestRuntime,
  tool: ToolCase,
  faultName: FaultName,
  options: { baseUrl: string; timeoutMs?: number },
): Promise<string[]> {
  if (!tool.fixture) return [missingFixture(tool)];
  const spec = FAULTS.find((f) => f.name === faultName)!;
  const example = tool.examples[0] ?? {};
  // Always with a key: the guarantee is about repeats with the same one.
  const input = suiteInput({ ...example, idempotencyKey: 'testkit-unknown-outcome' });
  const replies = repliesFor(tool.fixture, example, 0);
  const base = new URL(options.baseUrl).origin;
  const problems: string[] = [];
  const isWrite = (reply: (typeof replies)[number]) =>
    reply.write ?? (UNSAFE.includes((reply.method ?? 'GET') as (typeof UNSAFE)[number]) && replyOrigin(options.baseUrl, reply) === base);
  const reads = replies.filter((reply) => !isWrite(reply));
  // Where the fixture says which requests write, the fault meets those; else every POST/PATCH.
  const declared = replies.some((reply) => reply.write !== undefined);
  const fault = (name: FaultName) => {
    const faultSpec = FAULTS.find((f) => f.name === name)!;
    if (declared) mountFaultOn(options.baseUrl, replies.filter(isWrite), faultSpec, secretText(kit), hangMs, () => writes++);
    else mountFault(base, faultSpec, secretText(kit), hangMs, UNSAFE, () => writes++);
  };
  const hangMs = Math.max(2000, (options.timeoutMs ?? 1000) * 10);

  // A vendor that deduplicates by the key makes repeats safe, retries included.
  const native = tool.definition?.nativeIdempotencyKey === true;
  const trusted = native || tool.definition?.recover !== undefined;
  let writes = 0;
  mountReplies(options.baseUrl, reads, { persist: true, optional: true });
  fault(faultName);
  try {
    const first = (await kit.callToolResult(tool.name, input)).structuredContent;
    if (writes === 0 || native) return []; // PUT/DELETE only, or deduplicated by the vendor: safe to repeat.
    if (first.ok) problems.push(`After ${spec.title} on the write, the tool answered success.`);
    else if (first.error.retryable) problems.push(`After ${spec.title} on the write, the error says retryable: true; the write may have been applied.`);
    if (writes > 1) problems.push(`After ${spec.title}, the write was sent ${writes} times.`);
  } finally {
    resetNock();
  }

  writes = 0;
  mountReplies(options.baseUrl, reads, { persist: true, optional: true });
  fault('500');
  try {
    const repeat = (await kit.callToolResult(tool.name, input)).structuredContent;
    if (!trusted && writes > 0) problems.push(`Repeating the call with the same idempotencyKey after ${spec.title} sent the write again (${writes}×).`);
    if (!trusted && repeat.ok) problems.push(`Repeating after ${spec.title} answered success without the vendor confirming the write.`);
  } finally {
    resetNock();
    nock.abortPendingRequests();
  }
  return problems;
}
