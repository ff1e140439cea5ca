// ctx.progress: a long call tells the client it is still going (notifications/progress), only when
// the client asked with a progress token, always increasing, never after the call has answered.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorRuntime, serveHttp, type ProgressUpdate } from '../src/server.js';
import { defineConnector, defineTool, z, type ToolContext } from '../src/index.js';

let late: ToolContext['progress'] | undefined;

const build = defineTool({
  action: 'wait_for_build',
  title: 'Wait for build',
  description: 'Waits for a build, reporting as it goes.',
  toolset: 'builds',
  access: 'read',
  input: z.object({ steps: z.number().int().min(1).max(5) }),
  output: z.object({ waited: z.number() }),
  examples: [{ steps: 2 }],
  handler: async (input, ctx) => {
    for (let step = 1; step <= input.steps; step++) {
      ctx.progress(`build running (${step * 2} s)`, step * 2, input.steps * 2);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // A value that does not grow is bumped: progress must only ever increase.
    ctx.progress('finishing');
    late = ctx.progress;
    return { data: { waited: input.steps } };
  },
});

const connector = defineConnector({
  id: 'builds',
  title: 'Builds',
  version: '1.0.0',
  description: 'Builds for tests.',
  config: {},
  toolsets: { builds: 'Builds.' },
  client: () => ({}),
  health: async () => ({ user: 'me' }),
  tools: [build],
});

describe('ctx.progress in process', () => {
  it('reports increasing values with the total, and nothing once the call has answered', async () => {
    const updates: ProgressUpdate[] = [];
    const runtime = new ConnectorRuntime(connector, { env: {}, logLevel: 'silent' });
    const result = await runtime.callTool('builds_wait_for_build', { steps: 3 }, undefined, (update) => updates.push(update));
    expect(result.isError).toBeFalsy();
    expect(updates).toEqual([
      { progress: 2, total: 6, message: 'build running (2 s)' },
      { progress: 4, total: 6, message: 'build running (4 s)' },
      { progress: 6, total: 6, message: 'build running (6 s)' },
      { progress: 7, message: 'finishing' },
    ]);
    late?.('after the answer');
    expect(updates).toHaveLength(4);
  });

  it('is a no-op when nobody listens', async () => {
    const runtime = new ConnectorRuntime(connector, { env: {}, logLevel: 'silent' });
    expect((await runtime.callTool('builds_wait_for_build', { steps: 1 })).isError).toBeFalsy();
  });
});

describe('notifications/progress over Streamable HTTP', () => {
  let server: Awaited<ReturnType<typeof serveHttp>>;
  beforeAll(async () => {
    server = await serveHttp(new ConnectorRuntime(connector, { env: {}, logLevel: 'silent' }), { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => server?.close());

  it.each([
    ['2025-era', 'legacy' as const],
    ['2026-07-28', 'auto' as const],
  ])('%s: the client that asks hears each step before the result', async (_label, mode) => {
    const client = new Client({ name: 'progress-test', version: '1.0.0' }, { versionNegotiation: { mode } });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    try {
      const heard: { progress: number; total?: number; message?: string }[] = [];
      const result = await client.callTool({ name: 'builds_wait_for_build', arguments: { steps: 2 } }, { onprogress: (progress) => void heard.push(progress) });
      expect(result.structuredContent).toMatchObject({ ok: true, data: { waited: 2 } });
      expect(heard).toEqual([
        { progress: 2, total: 4, message: 'build running (2 s)' },
        { progress: 4, total: 4, message: 'build running (4 s)' },
        { progress: 5, message: 'finishing' },
      ]);
    } finally {
      await client.close();
    }
  });
});
