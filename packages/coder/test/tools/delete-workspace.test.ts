import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectOk, fixture, tool, vendor, WORKSPACE_ID } from '../harness.js';

useFakeVendor();

describe('coder_delete_workspace', () => {
  it('delete queues a delete build; Coder’s refusal while a build runs is a conflict with its message', async () => {
    const { scope, sent } = vendor();
    scope.get('/api/v2/users/me/workspace/api-server').twice().reply(200, fixture('api-workspace'));
    scope.post(`/api/v2/workspaces/${WORKSPACE_ID}/builds`).reply(201, { ...fixture('api-build-pending'), transition: 'delete', status: 'pending' });
    scope.post(`/api/v2/workspaces/${WORKSPACE_ID}/builds`).reply(409, { message: 'A workspace build is already active.' });
    expectOk(await call(tool('delete_workspace'), { workspace: 'api-server' }));
    expect(sent[1]!.body).toEqual({ transition: 'delete' });
    expect(expectError(await call(tool('delete_workspace'), { workspace: 'api-server' }), 'conflict').message).toContain('already active');
  });
});
