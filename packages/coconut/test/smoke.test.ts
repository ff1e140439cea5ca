import { ConnectorRuntime } from '@connectors/contract';
import { expect, it } from 'vitest';
import { connector } from '../src/connector.js';
import { ALL_SCOPES, startFakeCoconut } from './fake-coconut.js';

for (const era of ['2025', '2026'] as const) {
  it(`smoke ${era}`, async () => {
    const fake = await startFakeCoconut({ era });
    const token = fake.issueToken(ALL_SCOPES);
    const runtime = new ConnectorRuntime(connector, { env: { COCONUT_MCP_URL: fake.url, COCONUT_TOKEN: token } });
    const r1 = await runtime.callTool('coconut_tasks_list', { coconutId: 'Platform' });
    console.log(JSON.stringify(r1.structuredContent));
    const r2 = await runtime.callTool('coconut_health', {});
    console.log(JSON.stringify(r2.structuredContent));
    const r3 = await runtime.callTool('coconut_tasks_get', { coconutId: 'cn_01J9ZK4M2Q', taskId: 'nope' });
    console.log(JSON.stringify(r3.structuredContent));
    console.log(fake.requests.map((r) => `${r.method} ${r.rpc ?? ''} ${r.tool ?? ''}`).join('\n'));
    expect(r1.structuredContent.ok).toBe(true);
    await fake.stop();
  });
}
