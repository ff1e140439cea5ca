// The conformance suite every connector runs: one call, fixtures in the shape the Coconut API returns.
import { describeConnector } from '@connectors/testkit';
import { connector } from '../src/connector.js';
import me from './fixtures/api-me.json' with { type: 'json' };
import projectsPage from './fixtures/api-projects-page.json' with { type: 'json' };
import task from './fixtures/api-task.json' with { type: 'json' };
import tasksPage from './fixtures/api-tasks-page.json' with { type: 'json' };

const BASE_URL = 'https://api.coconut.example';

describeConnector(connector, {
  // A recognisable fake token: it must reach the vendor and never any output.
  env: { COCONUT_API_TOKEN: 'stk_live_conformance_canary_5b9e2d', COCONUT_API_URL: BASE_URL },
  baseUrl: BASE_URL,
  // What Coconut answers to each tool's examples (see src/tools/*).
  fixtures: {
    health: { path: '/v1/me', reply: [200, me] },
    list_projects: { path: '/v1/projects', reply: [200, projectsPage] },
    list_tasks: { path: '/v1/tasks', query: (q) => q.project_id === 'prj_01hq3k5t8m', reply: [200, tasksPage] },
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
  bin: { path: new URL('../dist/bin.js', import.meta.url), env: { COCONUT_API_URL: 'http://127.0.0.1:9' } },
});
