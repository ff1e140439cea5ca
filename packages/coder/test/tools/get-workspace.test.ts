import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectError, expectOk, fixture, tool, vendor, WORKSPACE_ID } from '../harness.js';

useFakeVendor();

describe('coder_get_workspace', () => {
  it('finds your workspace by name, another’s by owner/name, and one by id', async () => {
    const { scope, sent } = vendor();
    scope.get('/api/v2/users/me/workspace/api-server').reply(200, fixture('api-workspace'));
    scope.get('/api/v2/users/ada/workspace/api-server').reply(200, fixture('api-workspace'));
    scope.get(`/api/v2/workspaces/${WORKSPACE_ID}`).reply(200, fixture('api-workspace'));
    const runtime = createRuntime();
    const envelope = expectOk(await runtime.call(tool('get_workspace'), { workspace: 'api-server' }));
    expectOk(await runtime.call(tool('get_workspace'), { workspace: 'ada/api-server' }));
    expectOk(await runtime.call(tool('get_workspace'), { workspace: WORKSPACE_ID }));
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
    const { scope, sent } = vendor();
    scope.get('/api/v2/users/me/workspace/ghost').reply(404, fixture('api-error-not-found'));
    expect(expectError(await call(tool('get_workspace'), { workspace: 'ghost' }), 'not_found').message).toContain('Resource not found');
    expectError(await call(tool('get_workspace'), { workspace: '../../users' }), 'invalid_input');
    expect(sent).toHaveLength(1);
  });
});
