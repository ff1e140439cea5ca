import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorRuntime, type RuntimeOptions } from '@connectors/contract/server';
import { runCli, type Envelope } from '@connectors/contract';
import { expect } from 'vitest';
import { connector } from '../src/connector.js';
import type { FakeCoconut } from './fake-coconut.js';

export function runtimeFor(env: Record<string, string | undefined>, options: RuntimeOptions = {}): ConnectorRuntime {
  return new ConnectorRuntime(connector, { env: env as NodeJS.ProcessEnv, logWrite: () => undefined, ...options });
}

export async function call(runtime: ConnectorRuntime, tool: string, args: Record<string, unknown> = {}, signal?: AbortSignal): Promise<Envelope> {
  return (await runtime.callTool(`coconut_${tool}`, args, signal)).structuredContent;
}

export function expectOk(envelope: Envelope): Extract<Envelope, { ok: true }> {
  if (!envelope.ok) throw new Error(`expected success, got ${JSON.stringify(envelope.error)}`);
  return envelope;
}

export function expectError(envelope: Envelope, code: string): Extract<Envelope, { ok: false }>['error'] {
  if (envelope.ok) throw new Error(`expected ${code}, got success ${JSON.stringify(envelope.data).slice(0, 200)}`);
  expect(envelope.error.code).toBe(code);
  return envelope.error;
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
