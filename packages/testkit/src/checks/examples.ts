import type { Envelope } from '@connectors/contract';
import { resetNock, suiteInput, watchUnmatched, type ToolCase } from '../calls.js';
import type { TestRuntime } from '../harness.js';
import { mountReplies, repliesFor } from '../vendor.js';
import { checkEnvelope } from './envelope.js';

/**
 * Every example of the tool, answered by its fixture, gives a success envelope that matches the
 * contract, the tool's output schema and the advertised outputSchema; every non-optional fixture
 * request is made, through the injected fetch, and nothing else is requested.
 */
export async function checkExamples(kit: TestRuntime, tool: ToolCase, baseUrl: string): Promise<string[]> {
  if (!tool.fixture) return [missingFixture(tool)];
  const problems: string[] = [];
  for (const [index, example] of tool.examples.entries()) {
    const label = tool.examples.length > 1 ? `example ${index + 1}` : 'the example';
    const replies = repliesFor(tool.fixture, example, index);
    const scopes = mountReplies(baseUrl, replies);
    const unmatched = watchUnmatched();
    const sentBefore = kit.requests.length;
    try {
      const result = await kit.callToolResult(tool.name, suiteInput(example));
      const envelope = result.structuredContent;
      for (const problem of checkEnvelope(result, { descriptor: tool.descriptor, data: tool.output })) problems.push(`${label}: ${problem}`);
      const failure = describeFailure(tool, envelope);
      if (failure) problems.push(`${label} ${JSON.stringify(example)}: ${failure}`);
      for (const request of unmatched.requests) problems.push(`${label}: requested ${request}, which no fixture answers (check the path, method and baseUrl).`);
      const pending = scopes.flatMap((scope) => scope.pendingMocks());
      if (pending.length) problems.push(`${label}: the fixture expects requests that were not made: ${pending.join(', ')}.`);
      const consumed = replies.length - pending.length;
      if (consumed > 0 && kit.requests.length === sentBefore) {
        problems.push(`${label}: requests bypassed the injected fetch; pass deps.fetch to the connector's HttpClient.`);
      }
    } finally {
      unmatched.stop();
      resetNock();
    }
  }
  return problems;
}

export function missingFixture(tool: ToolCase): string {
  return `No fixture for ${tool.name}: add fixtures.${tool.action} = { method, path, reply: [200, body] } (or [] if it sends no request).`;
}

function describeFailure(tool: ToolCase, envelope: Envelope): string | undefined {
  if (!envelope.ok) return `answered ${envelope.error.code}: ${envelope.error.message}`;
  if (tool.isHealth) {
    const data = envelope.data as { status?: string; error?: { code?: string; message?: string }; missing?: string[]; problems?: string[] };
    if (data.status === 'not_configured') {
      return `health says not_configured (${[...(data.missing?.length ? [`missing ${data.missing.join(', ')}`] : []), ...(data.problems ?? [])].join('; ')}); fix env.`;
    }
    if (data.status !== 'ok') return `health says ${data.status}: ${data.error?.code} ${data.error?.message}`;
  }
  return undefined;
}
