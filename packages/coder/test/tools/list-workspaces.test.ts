import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectCoderHeaders, expectError, expectOk, fixture, tool, vendor, WORKSPACE_ID } from '../harness.js';

useFakeVendor();

describe('coder_list_workspaces', () => {
  it('lists your workspaces by default with Coder’s filter, in compact rows, with a cursor on a full page', async () => {
    const { scope, sent } = vendor();
    scope
      .get('/api/v2/workspaces')
      .query(true)
      .reply(200, { ...fixture('api-workspaces'), count: 30 });
    const envelope = expectOk(await call(tool('list_workspaces'), { limit: 2 }));
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
    const { scope, sent } = vendor();
    scope
      .get('/api/v2/workspaces')
      .query(true)
      .reply(200, { ...fixture('api-workspaces'), count: 3 });
    scope
      .get('/api/v2/workspaces')
      .query(true)
      .reply(200, { workspaces: [fixture('api-workspace')], count: 3 });
    const runtime = createRuntime();
    const first = expectOk(await runtime.call(tool('list_workspaces'), { q: 'status:running', limit: 2 }));
    const last = expectOk(await runtime.call(tool('list_workspaces'), { q: 'status:running', limit: 2, cursor: first.nextCursor }));
    expect(sent[1]!.query).toEqual({ q: 'status:running', limit: '2', offset: '2' });
    expect(last.nextCursor).toBeUndefined();
    expectError(await runtime.call(tool('list_workspaces'), { q: 'owner:ada', cursor: first.nextCursor }), 'invalid_input');
  });

  it('turns Coder’s filter error (400 with validations) into invalid_input naming the field', async () => {
    const { scope } = vendor();
    scope
      .get('/api/v2/workspaces')
      .query(true)
      .reply(400, {
        message: 'Invalid workspace search query.',
        validations: [{ field: 'status', detail: 'Query param "status" has invalid value: "runing"' }],
      });
    const error = expectError(await call(tool('list_workspaces'), { q: 'status:runing' }), 'invalid_input');
    expect(error.message).toContain('status: Query param "status" has invalid value');
  });
});
