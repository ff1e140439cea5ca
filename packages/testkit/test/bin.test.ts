import { describe, expect, it } from 'vitest';
import { checkBinStdio, checkBinWithClient } from '../src/index.js';

const bin = new URL('./fixtures/echo-bin.mjs', import.meta.url);
const env = { ECHO_API_KEY: 'canary-echo-key-1234', ECHO_API_URL: 'http://127.0.0.1:9' };
const tools = ['echo_health', 'echo_get_message'];

describe('checkBinStdio', () => {
  it('passes a bin that keeps stdout for JSON-RPC and survives garbage', { timeout: timeLimit(30_000) }, async () => {
    const run = await checkBinStdio({ path: bin }, env, tools);
    expect(run.problems).toEqual([]);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id?: number; error?: unknown });
    // initialize, the unknown method, the unknown tool and tools/list were answered; the garbage was not.
    expect(lines.map((m) => m.id).filter((id) => id !== undefined && id < 900)).toEqual([1, 2, 3, 4]);
  });

  it('reports anything on stdout that is not JSON-RPC', { timeout: timeLimit(30_000) }, async () => {
    const run = await checkBinStdio({ path: bin, env: { ECHO_BIN_MODE: 'noisy' } }, env, tools);
    expect(run.problems).toEqual(['stdout line 1 is not JSON (only JSON-RPC may go to stdout; log to stderr): echo server starting']);
  });

  it('reports a server that dies on garbage input', { timeout: timeLimit(30_000) }, async () => {
    const run = await checkBinStdio({ path: bin, env: { ECHO_BIN_MODE: 'fragile' } }, env, tools);
    expect(run.problems).toEqual([expect.stringMatching(/^the process exited \(code 3\) before answering initialize/)]);
  });

  it('reports tools the bin does not list, and a bin that does not start', { timeout: timeLimit(30_000) }, async () => {
    const run = await checkBinStdio({ path: bin }, env, [...tools, 'echo_send_message']);
    expect(run.problems).toEqual(['The bin does not list echo_send_message.']);
    const missing = await checkBinStdio({ path: new URL('./fixtures/no-such-bin.mjs', import.meta.url) }, env, tools);
    expect(missing.problems).toEqual([expect.stringMatching(/^the process exited \(code 1\) before answering initialize\. stderr: .*Cannot find module/s)]);
  });
});

describe('checkBinWithClient', () => {
  it('lists the tools and calls health through the official MCP client', { timeout: timeLimit(30_000) }, async () => {
    const run = await checkBinWithClient({ path: bin }, env, tools, 'echo_health');
    expect(run.problems).toEqual([]);
    const health = run.results[1] as { structuredContent: { ok: boolean; data: { status: string; error: { code: string } } } };
    // No vendor is reachable from the child: health reports the network error in a success envelope.
    expect(health.structuredContent.data).toMatchObject({ status: 'error', error: { code: 'network_error' } });
  });

  it('reports schemas that differ from the connector’s own (a stale precomputed tools/list)', { timeout: timeLimit(30_000) }, async () => {
    const { ConnectorRuntime } = await import('@connectors/contract/server');
    const { connector } = await import('./fixtures/echo-connector.mjs');
    const live = new ConnectorRuntime(connector, { env, logLevel: 'silent' }).listTools();
    expect((await checkBinWithClient({ path: bin }, env, tools, 'echo_health', live)).problems).toEqual([]);
    const stale = live.map((tool) => (tool.name === 'echo_get_message' ? { ...tool, inputSchema: { ...tool.inputSchema, description: 'stale' } } : tool));
    expect((await checkBinWithClient({ path: bin }, env, tools, 'echo_health', stale)).problems).toEqual([
      "The bin lists other schemas for echo_get_message than the connector's definition gives (a stale dist/tool-schemas.json? rebuild).",
    ]);
  });

  it('reports a bin the client cannot start', { timeout: timeLimit(30_000) }, async () => {
    const missing = new URL('./fixtures/no-such-bin.mjs', import.meta.url);
    const run = await checkBinWithClient({ path: missing, timeoutMs: 3000 }, env, tools, 'echo_health');
    expect(run.problems).toEqual([expect.stringContaining('Cannot find module')]);
  });
});
