// The conformance suite every connector runs: one call, fixtures in the shape the Starter API returns.
import { describeConnector } from '@connectors/testkit';
import { connector } from '../src/connector.js';
import { BASE_URL, fixture } from './harness.js';

const task = fixture('api-task');

describeConnector(connector, {
  // A recognisable fake token: it must reach the vendor and never any output.
  env: { STARTER_API_TOKEN: 'stk_live_conformance_canary_5b9e2d', STARTER_API_URL: BASE_URL },
  baseUrl: BASE_URL,
  // What Starter answers to each tool's examples (see src/tools/*).
  fixtures: {
    health: { path: '/v1/me', reply: [200, fixture('api-me')] },
    list_projects: { path: '/v1/projects', reply: [200, fixture('api-projects-page')] },
    list_tasks: { path: '/v1/tasks', query: (q) => q.project_id === 'prj_01hq3k5t8m', reply: [200, fixture('api-tasks-page')] },
    get_task: { path: '/v1/tasks/tsk_01hq3k5t8m', reply: [200, task] },
    create_task: {
      method: 'POST',
      path: '/v1/tasks',
      body: { project_id: 'prj_01hq3k5t8m', title: 'Write the launch post', labels: ['docs'] },
      reply: [201, { ...task, status: 'open', labels: ['docs'] }],
    },
    update_task: { method: 'PATCH', path: '/v1/tasks/tsk_01hq3k5t8m', body: { status: 'done' }, reply: [200, { ...task, status: 'done' }] },
    delete_task: { method: 'DELETE', path: '/v1/tasks/tsk_01hq3k5t8m', reply: [204] },
  },
  // The child process has no fixtures: a closed local port makes its vendor calls fail fast.
  bin: { path: new URL('../dist/bin.js', import.meta.url), env: { STARTER_API_URL: 'http://127.0.0.1:9' } },
});
