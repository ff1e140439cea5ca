import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectOk, fixture, TEMPLATE_VERSION, tool, vendor } from '../harness.js';

useFakeVendor();
const STOPPED = '2a3b4c5d-0000-4000-8000-00000000e002';

describe('coder_start_workspace', () => {
  it('start queues a start build and answers it at once without wait', async () => {
    const { scope, sent } = vendor();
    scope.get('/api/v2/users/me/workspace/dev').reply(200, fixture('api-workspace-stopped'));
    scope.post(`/api/v2/workspaces/${STOPPED}/builds`).reply(201, { ...fixture('api-build-pending'), transition: 'start', status: 'pending' });
    const envelope = expectOk(await call(tool('start_workspace'), { workspace: 'dev' }));
    // The stopped workspace is outdated: it starts on the template's active version.
    expect(sent[1]!.body).toEqual({ transition: 'start', template_version_id: TEMPLATE_VERSION });
    expect(envelope.data).toMatchObject({ workspace: 'ada/dev', transition: 'start', status: 'pending', jobStatus: 'pending' });
  });
});
