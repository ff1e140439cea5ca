// The conformance suite every connector runs, with fixtures in the shape Coder's REST API v2 returns.
import { describeConnector } from '@connectors/testkit';
import { connector } from '../src/connector.js';
import buildLogs from './fixtures/api-build-logs.json' with { type: 'json' };
import buildPending from './fixtures/api-build-pending.json' with { type: 'json' };
import buildinfo from './fixtures/api-buildinfo.json' with { type: 'json' };
import entitlements from './fixtures/api-entitlements.json' with { type: 'json' };
import richParameters from './fixtures/api-rich-parameters.json' with { type: 'json' };
import templates from './fixtures/api-templates.json' with { type: 'json' };
import user from './fixtures/api-user.json' with { type: 'json' };
import workspaceStopped from './fixtures/api-workspace-stopped.json' with { type: 'json' };
import workspace from './fixtures/api-workspace.json' with { type: 'json' };
import workspaces from './fixtures/api-workspaces.json' with { type: 'json' };

const BASE_URL = 'https://coder.example.com';
const ID = workspace.id;
const STOPPED = workspaceStopped.id;
const done = { ...buildPending, job: { ...buildPending.job, status: 'succeeded' }, status: 'running', transition: 'start' };
const build = (transition: string, id = ID) => ({
  method: 'POST' as const,
  path: `/api/v2/workspaces/${id}/builds`,
  reply: [201, { ...buildPending, transition }] as const,
});

describeConnector(connector, {
  // A recognisable fake token that must reach Coder and never any output; no CLI login is read.
  env: { CODER_URL: BASE_URL, CODER_SESSION_TOKEN: 'Zx8cV6bN4m-conformance-canary-2Lk9', CODER_CONFIG_DIR: '/nonexistent/coderv2' },
  baseUrl: BASE_URL,
  fixtures: {
    health: [
      { path: '/api/v2/users/me', reply: [200, user] },
      { path: '/api/v2/buildinfo', reply: [200, buildinfo] },
      { path: '/api/v2/entitlements', reply: [200, entitlements] },
    ],
    list_workspaces: { path: '/api/v2/workspaces', query: true, reply: [200, workspaces] },
    get_workspace: (input) => ({
      path: `/api/v2/users/${String(input.workspace).includes('/') ? 'ada/workspace/api-server' : 'me/workspace/dev'}`,
      query: true,
      reply: [200, workspace],
    }),
    get_build_logs: (input) =>
      input.workspace
        ? [
            { path: '/api/v2/users/me/workspace/dev', reply: [200, workspace] },
            { path: `/api/v2/workspacebuilds/${workspace.latest_build.id}/logs`, reply: [200, buildLogs] },
          ]
        : { path: '/api/v2/workspacebuilds/3c1e5d0a-7b2f-4e8a-9c6d-1f2e3a4b5c6d/logs', reply: [200, buildLogs] },
    get_agent_activity: { path: '/api/v2/users/ada/workspace/api-server', reply: [200, workspace] },
    list_templates: { path: '/api/v2/templates', reply: [200, templates] },
    get_template_parameters: [
      { path: '/api/v2/templates', reply: [200, templates] },
      { path: `/api/v2/templateversions/${templates[0]!.active_version_id}/rich-parameters`, reply: [200, richParameters] },
    ],
    create_workspace: [
      { path: '/api/v2/templates', reply: [200, templates] },
      { path: `/api/v2/templateversions/${templates[0]!.active_version_id}/rich-parameters`, reply: [200, richParameters] },
      {
        method: 'POST',
        path: '/api/v2/users/me/workspaces',
        reply: [201, { ...workspace, name: 'api-dev', latest_build: { ...buildPending, transition: 'start' } }],
      },
    ],
    start_workspace: [
      { path: '/api/v2/users/me/workspace/dev', reply: [200, workspaceStopped] },
      build('start', STOPPED),
      { path: `/api/v2/workspacebuilds/${buildPending.id}`, reply: [200, done] },
    ],
    stop_workspace: [{ path: '/api/v2/users/me/workspace/dev', reply: [200, workspace] }, build('stop')],
    delete_workspace: [{ path: '/api/v2/users/ada/workspace/old-experiment', reply: [200, workspaceStopped] }, build('delete', STOPPED)],
  },
  // The child process has no fixtures: a closed local port makes its vendor calls fail fast.
  bin: { path: new URL('../dist/bin.js', import.meta.url), env: { CODER_URL: 'http://127.0.0.1:9' } },
});
