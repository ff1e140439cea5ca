// What Coconut's hosted MCP server answers, in the shapes its tools return (see fake-coconut.ts).
export const PLATFORM = 'cn_01J9ZK4M2Q';

export const coconuts = {
  coconuts: [
    { id: PLATFORM, name: 'Platform', status: 'running', region: 'eu-west-1' },
    { id: 'cn_01J9ZK7T5W', name: 'Marketing Site', status: 'running', region: 'us-east-1' },
  ],
};
export const health = { coconuts: [{ id: PLATFORM, name: 'Platform', healthy: true, latencyMs: 42 }] };
export const task = {
  id: 'tsk_101',
  coconutId: PLATFORM,
  title: 'Rotate the staging database password',
  status: 'open',
  priority: 'high',
  updatedAt: '2026-11-30T09:12:00Z',
};
export const documentFixture = {
  id: 'kn_runbook',
  coconutId: PLATFORM,
  title: 'Deploy runbook',
  filename: 'Deploy-runbook.md',
  content: '# Deploy',
  updatedAt: '2026-11-20T10:00:00Z',
};
export const job = { id: 'job_nightly', coconutId: PLATFORM, name: 'Nightly dependency update', schedule: '0 3 * * *', lastRunStatus: 'succeeded' };
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
