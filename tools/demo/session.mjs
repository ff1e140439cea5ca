import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// A real MCP client session with a connector's built bin over stdio.
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';

/**
 * Spawns `node <bin>` with only the default safe environment plus `env` (so the caller's own
 * tokens never leak in), and initializes. The server's stderr is kept for failure reports.
 */
export async function openSession({ bin, env, cwd }) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin],
    // A fresh state dir: idempotency keys from an earlier demo run must not replay into this one.
    env: { ...getDefaultEnvironment(), CONNECTORS_STATE_DIR: mkdtempSync(join(tmpdir(), 'connectors-demo-')), ...env },
    cwd,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: 'connectors-demo', version: '0.0.0' });
  try {
    await client.connect(transport);
  } catch (error) {
    await transport.close().catch(() => {});
    const tail = stderr.trim().split('\n').slice(-10).join('\n');
    throw new Error(`${error.message}${tail ? `\nThe server wrote to stderr:\n${tail}` : ''}`);
  }
  return {
    client,
    server: client.getServerVersion(),
    protocolVersion: client.getNegotiatedProtocolVersion(),
    stderr: () => stderr,
    listTools: async () => (await client.listTools()).tools,
    callTool: (name, args) => client.callTool({ name, arguments: args }),
    close: () => client.close(),
  };
}
