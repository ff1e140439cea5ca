import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();

describe('coder_get_build_logs', () => {
  it('answers the tail of the latest build’s logs, stage and errors marked', async () => {
    const { scope, sent } = vendor();
    scope.get('/api/v2/users/me/workspace/api-server').reply(200, fixture('api-workspace'));
    scope.get('/api/v2/workspacebuilds/b0b0b0b0-0000-4000-8000-0000000000b7/logs').reply(200, fixture('api-build-logs'));
    const envelope = expectOk<{ lines: number; truncated: boolean; log: string }>(await call(tool('get_build_logs'), { workspace: 'api-server', tail: 3 }));
    expect(sent).toHaveLength(2);
    expect(envelope.data).toEqual({
      buildId: 'b0b0b0b0-0000-4000-8000-0000000000b7',
      lines: 3,
      truncated: true,
      log: '[Starting workspace] docker_container.workspace[0]: Creation complete after 3s [id=8b1c]\n[Cleaning Up] Apply complete! Resources: 1 added, 0 changed, 0 destroyed.\n[Starting workspace] ERROR Error: image pull rate limit reached',
    });
  });

  it('asks for exactly one of workspace and buildId', async () => {
    const { sent } = vendor();
    expectError(await call(tool('get_build_logs'), {}), 'invalid_input');
    expectError(await call(tool('get_build_logs'), { workspace: 'dev', buildId: 'b0b0b0b0-0000-4000-8000-0000000000b7' }), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
