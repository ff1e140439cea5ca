import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { coderApi, createRuntime, expectCoderHeaders, expectError, expectOk, fixtures, tool, WORKSPACE_ID } from './fixtures/api.js';

useFakeVendor();

describe('coder_list_workspaces', () => {
  it('lists your workspaces by default with Coder’s filter, in compact rows, with a cursor on a full page', async () => {
    const { scope, sent } = coderApi();
    scope
      .get('/api/v2/workspaces')
      .query(true)
      .reply(200, { ...fixtures.workspaces(), count: 30 });
    const envelope = expectOk(await createRuntime().callTool(tool('list_workspaces'), { limit: 2 }));
    expectCoderHeaders(sent[0]);
    expect(sent[0]!.query).toEqual({ q: 'owner:me', limit: '2' });
    expect(envelope.data).toEqual([
      {
        id: WORKSPACE_ID,
        name: 'api-server',
        owner: 'ada',
        template: 'Docker',
        status: 'running',
        build: { number: 7, transition: 'start', jobStatus: 'succeeded' },
        healthy: true,
        lastUsed: '2026-12-03T08:54:00Z',
      },
      expect.objectContaining({ name: 'dev', status: 'stopped', build: { number: 3, transition: 'stop', jobStatus: 'succeeded' }, outdated: true }),
    ]);
    expect(envelope.nextCursor).toEqual(expect.any(String));
  });

  it('follows the cursor with offset, ends on the last page, and refuses a cursor of another filter', async () => {
    const { scope, sent } = coderApi();
    scope
      .get('/api/v2/workspaces')
      .query(true)
      .reply(200, { ...fixtures.workspaces(), count: 3 });
    scope
      .get('/api/v2/workspaces')
      .query(true)
      .reply(200, { workspaces: [fixtures.workspace()], count: 3 });
    const runtime = createRuntime();
    const first = expectOk(await runtime.callTool(tool('list_workspaces'), { q: 'status:running', limit: 2 }));
    const last = expectOk(await runtime.callTool(tool('list_workspaces'), { q: 'status:running', limit: 2, cursor: first.nextCursor }));
    expect(sent[1]!.query).toEqual({ q: 'status:running', limit: '2', offset: '2' });
    expect(last.nextCursor).toBeUndefined();
    expectError(await runtime.callTool(tool('list_workspaces'), { q: 'owner:ada', cursor: first.nextCursor }), 'invalid_input');
  });

  it('turns Coder’s filter error (400 with validations) into invalid_input naming the field', async () => {
    const { scope } = coderApi();
    scope
      .get('/api/v2/workspaces')
      .query(true)
      .reply(400, {
        message: 'Invalid workspace search query.',
        validations: [{ field: 'status', detail: 'Query param "status" has invalid value: "runing"' }],
      });
    const error = expectError(await createRuntime().callTool(tool('list_workspaces'), { q: 'status:runing' }), 'invalid_input');
    expect(error.message).toContain('status: Query param "status" has invalid value');
  });
});

describe('coder_get_workspace', () => {
  it('finds your workspace by name, another’s by owner/name, and one by id', async () => {
    const { scope, sent } = coderApi();
    scope.get('/api/v2/users/me/workspace/api-server').reply(200, fixtures.workspace());
    scope.get('/api/v2/users/ada/workspace/api-server').reply(200, fixtures.workspace());
    scope.get(`/api/v2/workspaces/${WORKSPACE_ID}`).reply(200, fixtures.workspace());
    const runtime = createRuntime();
    const envelope = expectOk(await runtime.callTool(tool('get_workspace'), { workspace: 'api-server' }));
    expectOk(await runtime.callTool(tool('get_workspace'), { workspace: 'ada/api-server' }));
    expectOk(await runtime.callTool(tool('get_workspace'), { workspace: WORKSPACE_ID }));
    expect(sent.map((r) => r.path)).toEqual([
      '/api/v2/users/me/workspace/api-server',
      '/api/v2/users/ada/workspace/api-server',
      `/api/v2/workspaces/${WORKSPACE_ID}`,
    ]);
    expect(envelope.data).toMatchObject({
      name: 'api-server',
      organization: 'coder',
      templateVersion: 'v3-docker',
      deadline: '2026-12-03T15:57:00Z',
      autostart: 'CRON_TZ=Europe/Berlin 0 8 * * 1-5',
      ttlMs: 28800000,
      agents: [
        {
          id: '7c1d2e3f-0000-4000-8000-00000000a9e1',
          name: 'main',
          status: 'connected',
          lifecycle: 'ready',
          healthy: true,
          os: 'linux',
          directory: '/home/coder',
          apps: ['claude-code', 'code-server'],
        },
      ],
    });
  });

  it('answers not_found for a workspace you cannot see, and refuses a malformed reference without a request', async () => {
    const { scope, sent } = coderApi();
    scope.get('/api/v2/users/me/workspace/ghost').reply(404, fixtures.notFound());
    expect(expectError(await createRuntime().callTool(tool('get_workspace'), { workspace: 'ghost' }), 'not_found').message).toContain('Resource not found');
    expectError(await createRuntime().callTool(tool('get_workspace'), { workspace: '../../users' }), 'invalid_input');
    expect(sent).toHaveLength(1);
  });
});

describe('coder_get_build_logs', () => {
  it('answers the tail of the latest build’s logs, stage and errors marked', async () => {
    const { scope, sent } = coderApi();
    scope.get('/api/v2/users/me/workspace/api-server').reply(200, fixtures.workspace());
    scope.get('/api/v2/workspacebuilds/b0b0b0b0-0000-4000-8000-0000000000b7/logs').reply(200, fixtures.buildLogs());
    const envelope = expectOk<{ lines: number; truncated: boolean; log: string }>(
      await createRuntime().callTool(tool('get_build_logs'), { workspace: 'api-server', tail: 3 }),
    );
    expect(sent).toHaveLength(2);
    expect(envelope.data).toEqual({
      buildId: 'b0b0b0b0-0000-4000-8000-0000000000b7',
      lines: 3,
      truncated: true,
      log: '[Starting workspace] docker_container.workspace[0]: Creation complete after 3s [id=8b1c]\n[Cleaning Up] Apply complete! Resources: 1 added, 0 changed, 0 destroyed.\n[Starting workspace] ERROR Error: image pull rate limit reached',
    });
  });

  it('asks for exactly one of workspace and buildId', async () => {
    const { sent } = coderApi();
    expectError(await createRuntime().callTool(tool('get_build_logs'), {}), 'invalid_input');
    expectError(await createRuntime().callTool(tool('get_build_logs'), { workspace: 'dev', buildId: 'b0b0b0b0-0000-4000-8000-0000000000b7' }), 'invalid_input');
    expect(sent).toEqual([]);
  });
});

describe('coder_get_agent_activity', () => {
  it('reports the agents’ state, the latest status of each app, the workspace’s latest and its task', async () => {
    const { scope } = coderApi();
    scope.get('/api/v2/users/ada/workspace/api-server').reply(200, fixtures.workspace());
    const envelope = expectOk(await createRuntime().callTool(tool('get_agent_activity'), { workspace: 'ada/api-server' }));
    const idle = {
      app: 'claude-code',
      state: 'idle',
      message: 'Fixed 3 failing tests; waiting for review',
      uri: 'https://github.com/acme/api/pull/412',
      needsAttention: true,
      at: '2026-12-03T08:52:30Z',
    };
    expect(envelope.data).toEqual({
      workspace: 'ada/api-server',
      status: 'running',
      taskId: '9f9f9f9f-0000-4000-8000-0000000000f1',
      latest: { ...idle, app: undefined },
      agents: [{ name: 'main', connection: 'connected', lifecycle: 'ready', healthy: true, lastConnected: '2026-12-03T08:54:59Z', apps: [idle] }],
    });
  });

  it('says a stopped workspace has no agents, and no task when it has none', async () => {
    const { scope } = coderApi();
    scope.get('/api/v2/users/me/workspace/dev').reply(200, fixtures.workspaceStopped());
    const envelope = expectOk(await createRuntime().callTool(tool('get_agent_activity'), { workspace: 'dev' }));
    expect(envelope.data).toEqual({ workspace: 'ada/dev', status: 'stopped', agents: [] });
  });
});
