import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();

describe('coder_get_agent_activity', () => {
  it('reports the agents’ state, the latest status of each app, the workspace’s latest and its task', async () => {
    const { scope } = vendor();
    scope.get('/api/v2/users/ada/workspace/api-server').reply(200, fixture('api-workspace'));
    const envelope = expectOk(await call(tool('get_agent_activity'), { workspace: 'ada/api-server' }));
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
    const { scope } = vendor();
    scope.get('/api/v2/users/me/workspace/dev').reply(200, fixture('api-workspace-stopped'));
    const envelope = expectOk(await call(tool('get_agent_activity'), { workspace: 'dev' }));
    expect(envelope.data).toEqual({ workspace: 'ada/dev', status: 'stopped', agents: [] });
  });
});
