// Writes against reads under load, through one runtime with the file-backed idempotency store the
// CLI uses: N concurrent calls of a read tool, then N of a keyed write, against a vendor answering
// in 20 ms. Every write claims its key in the store before the vendor request and records the result
// after it; a store that queues those file writes one by one made writes 3 to 50 times slower.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConnector, defineTool, inputs, z } from '@connectors/contract';
import { ConnectorRuntime } from '@connectors/contract/server';
import { FileIdempotencyBackend } from '@connectors/contract/state';
import { percentile } from './targets.mjs';

const VENDOR_MS = 20;

function tool(action, access) {
  return defineTool({
    action,
    title: action,
    description: `Bench ${access}.`,
    toolset: 'bench',
    access,
    input: z.object({ n: z.number().int(), ...(access === 'write' ? { idempotencyKey: inputs.idempotencyKey() } : {}) }),
    output: z.object({ n: z.number() }),
    examples: [{ n: 1 }],
    handler: async ({ n }) => {
      await new Promise((resolve) => setTimeout(resolve, VENDOR_MS));
      return { data: { n } };
    },
  });
}

const connector = defineConnector({
  id: 'bench',
  title: 'Bench',
  version: '1.0.0',
  description: 'Writes against reads.',
  config: {},
  toolsets: { bench: 'Bench.' },
  client: () => ({}),
  health: async () => ({}),
  tools: [tool('read', 'read'), tool('write', 'write')],
});

async function burst(runtime, name, calls, args) {
  const times = [];
  await Promise.all(
    Array.from({ length: calls }, async (_, i) => {
      const started = performance.now();
      const result = await runtime.callTool(name, args(i));
      if (result.isError) throw new Error(`bench ${name} failed: ${result.content[0].text}`);
      times.push(performance.now() - started);
    }),
  );
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) };
}

/** p50 and p99 of `calls` concurrent reads and of as many keyed writes, and writes' p50 over reads'. */
export async function measureWrites(calls) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-writes-'));
  try {
    const runtime = new ConnectorRuntime(connector, {
      env: {},
      logLevel: 'silent',
      callTimeoutMs: 600_000,
      idempotency: new FileIdempotencyBackend(join(dir, 'idempotency.json'), calls * 2),
    });
    await burst(runtime, 'bench_read', 20, (i) => ({ n: i }));
    const reads = await burst(runtime, 'bench_read', calls, (i) => ({ n: i }));
    const writes = await burst(runtime, 'bench_write', calls, (i) => ({ n: i, idempotencyKey: `bench-write-${i}` }));
    return { calls, vendorMs: VENDOR_MS, reads, writes, ratio: writes.p50Ms / reads.p50Ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
