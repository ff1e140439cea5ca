// The conformance suite every connector runs, with the hosted server's answers as JSON-RPC fixtures.
import { describeConnector, mcpUpstreamReplies, type McpToolCall, type VendorReply } from '@connectors/testkit';
import { connector } from '../src/connector.js';
import { BASE_URL, fixture, MCP_URL, PLATFORM, UPSTREAM_TOOLS } from './harness.js';

const coconuts = fixture('coconuts');
const health = fixture('health');
const task = fixture('task');
const documentFixture = fixture('document');
const job = fixture('job');
// Tools on one Coconut resolve coconutId through coconuts_list (cached for a minute, so optional).
const lookup: McpToolCall = { tool: 'coconuts_list', data: coconuts, optional: true, write: false };
// Which upstream calls change state: the mapping says.
const write = (tool: string) => connector.tools.find((t) => t.action === tool)?.access !== 'read';
const call = (tool: string, data: unknown): McpToolCall => ({ tool, data, write: write(tool) });
const on = (tool: string, data: unknown): VendorReply[] => mcpUpstreamReplies([lookup, { ...call(tool, data), args: (a) => a.coconutId === PLATFORM }]);

describeConnector(connector, {
  // A recognisable fake token: it must reach the upstream and never any output.
  env: { COCONUT_TOKEN: 'cnt_conformance_canary_8c1f0a', COCONUT_MCP_URL: MCP_URL },
  baseUrl: BASE_URL,
  fixtures: {
    health: mcpUpstreamReplies([call('coconuts_health_list', health)], { listTools: UPSTREAM_TOOLS }),
    coconuts_list: mcpUpstreamReplies([call('coconuts_list', coconuts)]),
    coconuts_health_list: mcpUpstreamReplies([call('coconuts_health_list', health)]),
    tasks_list: on('tasks_list', { tasks: [task] }),
    tasks_get: on('tasks_get', { task }),
    tasks_create: on('tasks_create', { task: { ...task, id: 'tsk_103', title: 'Upgrade Node to 22 in CI', priority: 'medium' } }),
    task_update: on('task_update', { task: { ...task, status: 'done' } }),
    knowledge_search: on('knowledge_search', { results: [{ id: 'kn_runbook', title: 'Deploy runbook', snippet: '# Deploy' }] }),
    knowledge_get: on('knowledge_get', { document: documentFixture }),
    knowledge_create: on('knowledge_create', { document: { ...documentFixture, id: 'kn_oncall', title: 'On-call handbook' } }),
    knowledge_update: on('knowledge_update', { document: { ...documentFixture, title: 'Deploy runbook (2026)' } }),
    context_get: on('context_get', { coconutId: PLATFORM, documents: [{ name: 'project.md', level: 'project', content: 'pnpm monorepo' }] }),
    jobs_list: on('jobs_list', { jobs: [job] }),
    jobs_get: on('jobs_get', { job }),
    connectors_catalog_list: mcpUpstreamReplies([call('connectors_catalog_list', { connectors: [{ id: 'github', name: 'GitHub', category: 'code' }] })]),
  },
  // The child process has no fixtures: a closed local port makes its upstream calls fail fast.
  bin: { path: new URL('../dist/bin.js', import.meta.url), env: { COCONUT_MCP_URL: 'http://127.0.0.1:9/mcp' } },
});
