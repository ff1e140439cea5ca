import { randomBytes } from 'node:crypto';
import { z, type ConnectorDefinition, type ToolDefinition } from '@connectors/contract';
import type { ToolDescriptor } from '@connectors/contract/server';
import nock from 'nock';
import type { TestRuntime } from './harness.js';
import type { ToolFixture } from './vendor.js';

/** One advertised tool with what the suite needs to call it. */
export interface ToolCase {
  /** Rendered name, e.g. `starter_list_tasks`. */
  name: string;
  action: string;
  descriptor: ToolDescriptor;
  /** The tool's `examples` (health: `[{}]`). */
  examples: Record<string, unknown>[];
  /** Zod schema of `data` on success. */
  output: z.ZodType;
  isHealth: boolean;
  /** The tool's definition (undefined for health, which the contract builds). */
  definition: ToolDefinition | undefined;
  /** Undefined when the options give none. */
  fixture: ToolFixture | undefined;
}

/** What `<id>_health` returns: the contract builds it, so only its stable core is checked here. */
export const healthData = z.looseObject({
  status: z.enum(['ok', 'not_configured', 'error']),
  connector: z.string(),
  version: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).loose().optional(),
});

/** The tools the runtime advertises, matched with their definitions and fixtures (keyed by action or name). */
export function toolCases(kit: TestRuntime, fixtures: Record<string, ToolFixture | undefined> = {}): ToolCase[] {
  const connector: ConnectorDefinition = kit.connector;
  const byName = new Map(connector.tools.map((tool) => [kit.toolName(tool.action), tool]));
  return kit.runtime.listTools().map((descriptor) => {
    const definition = byName.get(descriptor.name);
    const action = definition?.action ?? 'health';
    return {
      name: descriptor.name,
      action,
      descriptor,
      examples: (definition?.examples ?? [{}]) as Record<string, unknown>[],
      output: definition?.output ?? healthData,
      isHealth: !definition,
      definition,
      fixture: fixtures[action] ?? fixtures[descriptor.name],
    };
  });
}

/** Fixture keys that name no advertised tool (a typo would otherwise silently skip a tool). */
export function unknownFixtureKeys(cases: readonly ToolCase[], fixtures: Record<string, unknown>, connectorId: string): string[] {
  // The portable form too, when the kit renders dotted names (`notes.get_note` → `notes_get_note`).
  const known = new Set(cases.flatMap((tool) => [tool.action, tool.name, tool.name.replace('.', '_'), `${connectorId}_${tool.action}`]));
  return Object.keys(fixtures).filter((key) => !known.has(key));
}

let keyCounter = 0;

/**
 * The input for a suite call: a fresh idempotencyKey when the example has one, so the runtime's
 * replay store never answers in place of the vendor.
 */
export function suiteInput(example: Record<string, unknown>): Record<string, unknown> {
  if (typeof example.idempotencyKey !== 'string') return { ...example };
  return { ...example, idempotencyKey: `testkit-${++keyCounter}-${randomBytes(4).toString('hex')}` };
}

/** Collects requests nock had no interceptor for, until `stop()`. */
export function watchUnmatched(): { requests: string[]; stop(): void } {
  const requests: string[] = [];
  // nock reports either the request options or its ClientRequest (options under `.options`).
  type Seen = { method?: string; href?: string; path?: string; host?: string; options?: { href?: string; host?: string } };
  const listener = (req: Seen) => {
    const url = req.href ?? req.options?.href ?? `${req.options?.host ?? req.host ?? ''}${req.path ?? ''}`;
    const line = `${req.method ?? '?'} ${url}`;
    if (!requests.includes(line)) requests.push(line);
  };
  nock.emitter.on('no match', listener);
  return { requests, stop: () => void nock.emitter.removeListener('no match', listener) };
}

/** Forgets every interceptor and drops replies still held back. */
export function resetNock(): void {
  nock.abortPendingRequests();
  nock.cleanAll();
}
