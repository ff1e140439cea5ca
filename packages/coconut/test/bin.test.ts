// The built bin, as `npx -y @connectors/coconut` runs it: a real MCP client over stdio, in front
// of the fake hosted server, in both eras (on both sides of the bridge).
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_SCOPES, startFakeCoconut, type FakeCoconut } from './fake-coconut.js';

const BIN = new URL('../dist/bin.js', import.meta.url).pathname;
let fake: FakeCoconut | undefined;
afterEach(() => fake?.stop());

for (const [upstream, client] of [
  ['2025', 'legacy'],
  ['2026', 'auto'],
] as const) {
  describe(`a ${client === 'auto' ? '2026-07-28' : '2025'} client, a ${upstream}-era upstream`, () => {
    it('lists the mapped tools and calls one by Coconut name', async () => {
      fake = await startFakeCoconut({ era: upstream });
      const token = fake.issueToken(ALL_SCOPES);
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [BIN],
        env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', COCONUT_MCP_URL: fake.url, COCONUT_TOKEN: token },
        stderr: 'pipe',
      });
      let stderr = '';
      transport.stderr?.on('data', (chunk) => (stderr += String(chunk)));
      const mcp = new Client({ name: 'bin-test', version: '1.0.0' }, { versionNegotiation: { mode: client } });
      await mcp.connect(transport);
      try {
        const { tools } = await mcp.listTools();
        expect(tools.map((t) => t.name)).toContain('coconut_tasks_list');
        expect(tools.map((t) => t.name)).not.toContain('coconut_admin_purge');
        expect(tools).toHaveLength(15);
        const result = await mcp.callTool({ name: 'coconut_tasks_list', arguments: { coconutId: 'Platform', status: 'open' } });
        const envelope = result.structuredContent as { ok: boolean; data: { tasks: { id: string }[] } };
        expect(envelope.ok).toBe(true);
        expect(envelope.data.tasks.map((t) => t.id)).toEqual(['tsk_101']);
        const refused = await mcp.callTool({ name: 'coconut_tasks_get', arguments: { coconutId: 'Platform', taskId: 'tsk_404' } });
        expect(refused.isError).toBe(true);
        expect((refused.structuredContent as { error: { code: string } }).error.code).toBe('not_found');
      } finally {
        await mcp.close();
      }
      expect(stderr).not.toContain(token);
    });
  });
}

describe('--toolsets upstream', () => {
  it('lists the upstream tools the mapping does not name, after asking the upstream', async () => {
    fake = await startFakeCoconut();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, '--toolsets', 'tasks,upstream'],
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', COCONUT_MCP_URL: fake.url, COCONUT_TOKEN: fake.issueToken(ALL_SCOPES) },
      stderr: 'pipe',
    });
    const mcp = new Client({ name: 'bin-test', version: '1.0.0' });
    await mcp.connect(transport);
    try {
      const names = (await mcp.listTools()).tools.map((t) => t.name);
      expect(names).toContain('coconut_admin_purge');
      expect(names).toContain('coconut_tasks_list');
      expect(names).not.toContain('coconut_jobs_list');
    } finally {
      await mcp.close();
    }
  });
});
