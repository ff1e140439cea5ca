// Bench fixture for `pnpm bench`: tasks_list on one Coconut, and the hosted server's answer for 50
// tasks. The stub answers JSON-RPC by the request (`reply`): server/discover, coconuts_list for the
// coconutId lookup, and tasks_list.
const ITEMS = 50;
const COCONUT = 'cn_01J9ZK4M2Q';

function rawTask(i) {
  return {
    id: `tsk_${1000 + i}`,
    coconutId: COCONUT,
    title: `Follow up on the release checklist item #${i}`,
    description: 'Steps so far:\n1. Reproduced on staging.\n2. Drafted the fix.\n'.repeat(2),
    status: i % 3 === 0 ? 'done' : 'open',
    priority: ['low', 'medium', 'high'][i % 3],
    assignee: { id: 'usr_ada', name: 'Ada Lovelace', email: 'ada@example.com' },
    labels: ['release', 'checklist'],
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-20T16:45:12.000Z',
  };
}

const data = { tasks: Array.from({ length: ITEMS }, (_, i) => rawTask(i)) };
const coconuts = { coconuts: [{ id: COCONUT, name: 'Platform', status: 'running' }] };
const discover = {
  supportedVersions: ['2026-07-28'],
  capabilities: { tools: {} },
  resultType: 'complete',
  _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'coconut', version: 'bench' } },
};
const toolResult = (value) => ({ content: [{ type: 'text', text: JSON.stringify(value) }], resultType: 'complete' });

export default {
  action: 'tasks_list',
  args: { coconutId: COCONUT, limit: ITEMS },
  items: ITEMS,
  env: (baseUrl) => ({ COCONUT_MCP_URL: `${baseUrl}/mcp`, COCONUT_TOKEN: 'bench-token-not-secret' }),
  // What the upstream sends for the 50 tasks: the JSON-RPC answer around them.
  rawBody: { jsonrpc: '2.0', id: 1, result: toolResult(data) },
  reply: (body) => {
    const message = JSON.parse(body || '{}');
    if (message.method === 'server/discover') return { jsonrpc: '2.0', id: message.id, result: discover };
    const value = message.params?.name === 'coconuts_list' ? coconuts : data;
    return { jsonrpc: '2.0', id: message.id, result: toolResult(value) };
  },
};
