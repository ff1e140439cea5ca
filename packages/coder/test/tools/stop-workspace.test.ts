import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectOk, fixture, tool, vendor, WORKSPACE_ID } from '../harness.js';

useFakeVendor();

describe('coder_stop_workspace', () => {
  it(
    'with wait, polls the build until it ends, and reports a failed build with its error',
    async () => {
      const { scope, sent } = vendor();
      const pending = fixture('api-build-pending');
      scope.get('/api/v2/users/me/workspace/api-server').reply(200, fixture('api-workspace'));
      scope.post(`/api/v2/workspaces/${WORKSPACE_ID}/builds`).reply(201, pending);
      scope.get(`/api/v2/workspacebuilds/${pending.id}`).reply(200, { ...pending, job: { ...pending.job, status: 'running' } });
      scope
        .get(`/api/v2/workspacebuilds/${pending.id}`)
        .reply(200, { ...pending, status: 'failed', job: { ...pending.job, status: 'failed', error: 'exit status 1: docker: image pull rate limit reached' } });
      const progress: { progress: number; total?: number; message: string }[] = [];
      const envelope = expectOk(
        await createRuntime().call(tool('stop_workspace'), { workspace: 'api-server', wait: true, waitSeconds: 10 }, undefined, (update) =>
          progress.push(update),
        ),
      );
      expect(sent[1]!.body).toEqual({ transition: 'stop' });
      expect(envelope.data).toMatchObject({
        transition: 'stop',
        status: 'failed',
        jobStatus: 'failed',
        error: 'exit status 1: docker: image pull rate limit reached',
      });
      // Each poll tells a client that asked for progress how the build goes (and keeps its request alive).
      expect(progress.map((p) => p.message)).toEqual([expect.stringMatching(/^stop running \(\d+ s\)$/), expect.stringMatching(/^stop failed \(\d+ s\)$/)]);
      expect(progress.every((p) => p.total === 10)).toBe(true);
      expect(progress[1]!.progress).toBeGreaterThan(progress[0]!.progress);
    },
    timeLimit(15_000),
  );

  it(
    'stops waiting at waitSeconds and says the build is still going',
    async () => {
      const { scope } = vendor();
      const pending = fixture('api-build-pending');
      scope.get('/api/v2/users/me/workspace/api-server').reply(200, fixture('api-workspace'));
      scope.post(`/api/v2/workspaces/${WORKSPACE_ID}/builds`).reply(201, pending);
      // Polled every 2 s within the 5 s asked for: twice.
      scope.get(`/api/v2/workspacebuilds/${pending.id}`).twice().reply(200, pending);
      const envelope = expectOk(await call(tool('stop_workspace'), { workspace: 'api-server', wait: true, waitSeconds: 5 }));
      expect(envelope.data).toMatchObject({ stillRunning: true, jobStatus: 'pending' });
      expect(envelope.warnings?.[0]).toContain('still pending');
    },
    timeLimit(15_000),
  );
});
