// The Coconut side of the tests, on the testkit's harness (`connectorHarness`). The tool tests talk
// to the hosted MCP server's URL, answered by nock (`upstream`: JSON-RPC over Streamable HTTP, the
// 2026-07-28 era); the bridge, OAuth and resource tests start a real fake server on 127.0.0.1
// (fake-coconut.ts) and make each runtime with its URL and token (`runtimeFor`). What Coconut
// answers is in test/fixtures/*.json; `fixture(name)` loads a fresh copy.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@connectors/contract';
import type { RuntimeOptions } from '@connectors/contract/server';
import { connectorHarness, mcpUpstreamReplies, mountReplies, type McpToolCall, type TestRuntime } from '@connectors/testkit';
import { connector } from '../src/connector.js';
import type { FakeCoconut } from './fake-coconut.js';

export const BASE_URL = 'https://app.coconut.dev';
export const MCP_URL = `${BASE_URL}/mcp`;
/** A recognisable token: it must reach the hosted server and never any output. */
export const TOKEN = 'cnt_canary_3f9a1c7e5b20';
export const PLATFORM = 'cn_01J9ZK4M2Q';
/** The tools the hosted server lists (tools/list): the ones the connector maps. */
export const UPSTREAM_TOOLS = [
  'coconuts_list',
  'coconuts_health_list',
  'tasks_list',
  'tasks_get',
  'tasks_create',
  'task_update',
  'knowledge_search',
  'knowledge_get',
  'knowledge_create',
  'knowledge_update',
  'context_get',
  'jobs_list',
  'jobs_get',
  'connectors_catalog_list',
];

export const { call, createRuntime, expectError, expectOk, fixture, tool } = connectorHarness(connector, {
  packageDir: new URL('..', import.meta.url),
  origin: BASE_URL,
  env: { COCONUT_MCP_URL: MCP_URL, COCONUT_TOKEN: TOKEN },
  // The bridge speaks MCP (the SDK's client) to the server: more than the default second on a busy machine.
  runtime: { timeoutMs: 10_000 },
});

/** The hosted server answers these tool calls (and a new session's server/discover), each once. */
export function upstream(calls: readonly McpToolCall[]): void {
  mountReplies(BASE_URL, mcpUpstreamReplies(calls));
}

/** A tool of the hosted server answering an error, as Coconut does: `isError` with its message as text. */
export const toolError = (tool: string, text: string): McpToolCall => ({ tool, result: { content: [{ type: 'text', text }], isError: true } });

/** The Coconut list a coconutId (an id or a name) is looked up in: coconuts_list, before the tool's own call. */
export const lookup = (): McpToolCall => ({ tool: 'coconuts_list', data: fixture('coconuts'), write: false });

/** The tool calls a runtime sent to the hosted server, in order: the upstream tool and its arguments. */
export function upstreamCalls(runtime: TestRuntime): { tool: string; arguments: Record<string, unknown> }[] {
  return runtime.requests.flatMap((request) => {
    const message = request.body
      ? (JSON.parse(request.body) as { method?: string; params?: { name: string; arguments?: Record<string, unknown> } })
      : undefined;
    return message?.method === 'tools/call' && message.params ? [{ tool: message.params.name, arguments: message.params.arguments ?? {} }] : [];
  });
}

/** A runtime configured by `env` alone (a fake server's URL and token, a home folder), as a user's would be. */
export function runtimeFor(env: Record<string, string | undefined>, options: Omit<RuntimeOptions, 'env'> = {}): TestRuntime {
  return createRuntime({ ...options, env, replaceEnv: true });
}

/** The tools/call requests the fake got, by upstream tool name. */
export function calls(fake: FakeCoconut, tool?: string) {
  return fake.requests.filter((r) => r.rpc === 'tools/call' && (!tool || r.tool === tool));
}

/** A config dir of its own, as a user's machine would have. */
export function homeEnv(): { HOME: string; XDG_CONFIG_HOME: string } {
  const home = mkdtempSync(join(tmpdir(), 'coconut-home-'));
  return { HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
}

/**
 * `auth login`, with a browser that approves at once: it opens the authorize URL, and follows the
 * authorization server's redirect back to the loopback listener.
 */
export async function login(env: Record<string, string | undefined>, argv: string[] = []): Promise<{ exitCode: number; output: string; authorize: URL }> {
  let output = '';
  let authorize: URL | undefined;
  const exitCode = await runCli(connector, {
    argv: ['auth', 'login', ...argv],
    env: env as NodeJS.ProcessEnv,
    out: (text) => void (output += text),
    err: (text) => void (output += text),
    openUrl: async (url) => {
      authorize = new URL(url);
      const consent = await fetch(url, { redirect: 'manual' });
      const back = consent.headers.get('location');
      if (!back) throw new Error(`the authorization server refused: ${consent.status} ${await consent.text()}`);
      await (await fetch(back)).text();
    },
  });
  return { exitCode, output, authorize: authorize! };
}
