// Held-out fault: a vendor page of about 300,000 items crashed the call with a bare JSON-RPC
// "Maximum call stack size exceeded" (the size cap spread a slice into push(...)). Trimming must
// work for any length, and anything thrown while shaping a result must become an error envelope.
import { describe, expect, it } from 'vitest';
import { defineConnector, defineTool, inputs, z } from '../src/index.js';
import { notesRuntime, success, failure } from './support/runtime.js';

function connectorAnswering(data: () => unknown) {
  const list = defineTool({
    action: 'list_items',
    title: 'List items',
    description: 'List items.',
    toolset: 'items',
    access: 'read',
    input: z.object({ cursor: inputs.cursor() }),
    output: z.unknown(),
    examples: [{}],
    handler: async () => ({ data: data() }),
  });
  return defineConnector({
    id: 'big',
    title: 'Big',
    version: '1.0.0',
    description: 'Large answers.',
    config: {},
    toolsets: { items: 'Items.' },
    client: () => ({}),
    health: async () => ({}),
    tools: [list],
  });
}

describe('results of any size', () => {
  it('trims a page of 300,000 items to the cap, with a cursor that continues after the last item returned', async () => {
    const items = Array.from({ length: 300_000 }, (_, i) => ({ id: i }));
    const { runtime } = notesRuntime(
      { env: {} },
      connectorAnswering(() => ({ items })),
    );
    const envelope = success<{ items: { id: number }[] }>(await runtime.callTool('big_list_items', {}));
    expect(envelope.data.items.length).toBeGreaterThan(1000);
    expect(envelope.data.items.length).toBeLessThan(300_000);
    expect(envelope.data.items.at(-1)!.id).toBe(envelope.data.items.length - 1);
    expect(envelope.nextCursor).toEqual(expect.any(String));
    expect(envelope.warnings?.[0]).toMatch(/Returned \d+ of 300000 items/);
  });

  it('answers an error envelope, and logs it, when the result cannot be serialised', async () => {
    const { runtime, logs } = notesRuntime(
      { env: {} },
      connectorAnswering(() => ({ count: 10n })),
    );
    const envelope = failure(await runtime.callTool('big_list_items', {}));
    expect(envelope.error.code).toBe('upstream_error');
    expect(envelope.error.message).toMatch(/could not be turned into a result/);
    expect(logs.join('\n')).toMatch(/big_list_items/);
  });

  it('answers an error envelope for a result with a cycle', async () => {
    const cyclic: Record<string, unknown> = { id: 1 };
    cyclic.self = cyclic;
    const { runtime } = notesRuntime(
      { env: {} },
      connectorAnswering(() => cyclic),
    );
    expect(failure(await runtime.callTool('big_list_items', {})).error.code).toBe('upstream_error');
  });
});
