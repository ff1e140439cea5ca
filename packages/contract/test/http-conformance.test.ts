import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorRuntime, serveHttp } from '../src/server.js';
import { configuredEnv, notesConnector } from './support/notes-connector.js';

// The official MCP conformance suite (@modelcontextprotocol/conformance, pinned to the last release
// that runs on Node 20) against `--http`, as a client would reach it: http://localhost:<port>/mcp.
const run = promisify(execFile);
const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@modelcontextprotocol/conformance/package.json')), 'dist', 'index.js');
let server: Awaited<ReturnType<typeof serveHttp>>;
let url: string;

beforeAll(async () => {
  const runtime = new ConnectorRuntime(notesConnector, { env: configuredEnv, logLevel: 'silent' });
  server = await serveHttp(runtime, { port: 0, host: '127.0.0.1' });
  url = server.url.replace('127.0.0.1', 'localhost');
});
afterAll(() => server?.close());

describe('MCP conformance scenarios against --http', () => {
  it.each(['server-initialize', 'tools-list', 'dns-rebinding-protection'])('%s passes', { timeout: timeLimit(60_000) }, async (scenario) => {
    const { stdout, stderr } = await run(process.execPath, [cli, 'server', '--url', url, '--scenario', scenario], { timeout: timeLimit(50_000) }).catch(
      (error: { stdout?: string; stderr?: string; code?: number }) => {
        throw new Error(`conformance ${scenario} exited ${error.code}:\n${error.stdout}\n${error.stderr}`);
      },
    );
    expect(`${stdout}${stderr}`).toMatch(/Passed: (\d+)\/\1, 0 failed/);
  });
});
