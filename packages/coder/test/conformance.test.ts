// The conformance suite every connector runs, with fixtures in the shape Coder's REST API v2 returns.
import { describeConnector } from '@connectors/testkit';
import { connector } from '../src/connector.js';
import { BASE_URL, fixture } from './harness.js';

const workspace = fixture('api-workspace');
const workspaceStopped = fixture('api-workspace-stopped');
const templates = fixture('api-templates');
const buildPending = fixture('api-build-pending');
const ID = workspace.id;
const STOPPED = workspaceStopped.id;
const done = { ...buildPending, job: { ...buildPending.job, status: 'succeeded' }, status: 'running', transition: 'start' };
const build = (transition: string, id = ID) => ({
  method: 'POST' as const,
  path: `/api/v2/workspaces/${id}/builds`,
  reply: [201, { ...fixture('api-build-pending'), transition }] as const,
});

describeConnector(connector, {
  // A recognisable fake token that must reach Coder and never any output; no CLI login is read.
  env: { CODER_URL: BASE_URL, CODER_SESSION_TOKEN: 'Zx8cV6bN4m-conformance-canary-2Lk9', CODER_CONFIG_DIR: '/nonexistent/coderv2' },
  baseUrl: BASE_URL,
  fixtures: {
    health: [
      { path: '/api/v2/users/me', reply: [200, fixture('api-user')] },
      { path: '/api/v2/buildinfo', reply: [200, fixture('api-buildinfo')] },
      { path: '/api/v2/entitlements', reply: [200, fixture('api-entitlements')] },
    ],
    list_workspaces: { path: '/api/v2/workspaces', query: true, reply: [200, fixture('api-workspaces')] },
    get_workspace: (input) => ({
      path: `/api/v2/users/${String(input.workspace).includes('/') ? 'ada/workspace/api-server' : 'me/workspace/dev'}`,
      query: true,
      reply: [200, fixture('api-workspace')],
    }),
    get_build_logs: (input) =>
      input.workspace
        ? [
            { path: '/api/v2/users/me/workspace/dev', reply: [200, fixture('api-workspace')] },
            { path: `/api/v2/workspacebuilds/${workspace.latest_build.id}/logs`, reply: [200, fixture('api-build-logs')] },
          ]
        : { path: '/api/v2/workspacebuilds/3c1e5d0a-7b2f-4e8a-9c6d-1f2e3a4b5c6d/logs', reply: [200, fixture('api-build-logs')] },
    get_agent_activity: { path: '/api/v2/users/ada/workspace/api-server', reply: [200, fixture('api-workspace')] },
    list_templates: { path: '/api/v2/templates', reply: [200, fixture('api-templates')] },
    get_template_parameters: [
      { path: '/api/v2/templates', reply: [200, fixture('api-templates')] },
      { path: `/api/v2/templateversions/${templates[0]!.active_version_id}/rich-parameters`, reply: [200, fixture('api-rich-parameters')] },
    ],
    create_workspace: [
      { path: '/api/v2/templates', reply: [200, fixture('api-templates')] },
      { path: `/api/v2/templateversions/${templates[0]!.active_version_id}/rich-parameters`, reply: [200, fixture('api-rich-parameters')] },
      {
        method: 'POST',
        path: '/api/v2/users/me/workspaces',
        reply: [201, { ...fixture('api-workspace'), name: 'api-dev', latest_build: { ...fixture('api-build-pending'), transition: 'start' } }],
      },
    ],
    start_workspace: [
      { path: '/api/v2/users/me/workspace/dev', reply: [200, fixture('api-workspace-stopped')] },
      build('start', STOPPED),
      { path: `/api/v2/workspacebuilds/${buildPending.id}`, reply: [200, done] },
    ],
    stop_workspace: [{ path: '/api/v2/users/me/workspace/dev', reply: [200, fixture('api-workspace')] }, build('stop')],
    delete_workspace: [{ path: '/api/v2/users/ada/workspace/old-experiment', reply: [200, fixture('api-workspace-stopped')] }, build('delete', STOPPED)],
  },
  // The child process has no fixtures: a closed local port makes its vendor calls fail fast.
  bin: { path: new URL('../dist/bin.js', import.meta.url), env: { CODER_URL: 'http://127.0.0.1:9' } },
});
