import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectOk, expectStarterHeaders, fixture, starterError, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('create_task');
const projectId = 'prj_01hq3k5t8m';

function created(overrides: Record<string, unknown> = {}) {
  return { ...fixture('api-task'), status: 'open', assignee: null, ...overrides };
}

describe('create_task', () => {
  it('sends POST /v1/tasks with the vendor field names and returns the created task', async () => {
    const { scope, sent } = vendor();
    scope.post('/v1/tasks').reply(201, created());

    const envelope = expectOk(
      await call(name, {
        projectId,
        title: '  Write the launch post ',
        description: 'Draft, get a review from Grace, publish on the blog.',
        labels: ['docs', 'launch'],
        due: '2026-03-01',
      }),
    );

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/v1/tasks', query: {} });
    expectStarterHeaders(sent[0], { json: true });
    expect(sent[0]!.body).toEqual({
      project_id: projectId,
      title: 'Write the launch post',
      description: 'Draft, get a review from Grace, publish on the blog.',
      labels: ['docs', 'launch'],
      due_date: '2026-03-01',
    });
    expect(envelope.data).toEqual({
      id: 'tsk_01hq3k5t8m',
      projectId,
      title: 'Write the launch post',
      status: 'open',
      assignee: null,
      labels: ['docs', 'launch'],
      due: '2026-03-01',
      updated: '2026-01-21T09:30:00Z',
      description: 'Draft, get a review from Grace, publish on the blog.',
      url: 'https://app.starter.example/tasks/tsk_01hq3k5t8m',
    });
  });

  it('leaves out the fields that were not given', async () => {
    const { scope, sent } = vendor();
    scope.post('/v1/tasks').reply(201, created({ description: null, labels: [], due_date: null }));

    expectOk(await call(name, { projectId, title: 'Book the venue' }));

    expect(sent[0]!.body).toEqual({ project_id: projectId, title: 'Book the venue' });
  });

  it('maps a Starter 404 for an unknown project to not_found with the vendor code', async () => {
    const { scope } = vendor();
    scope.post('/v1/tasks').reply(404, starterError('not_found', 'No project with id prj_01hq3k0000.'));

    const error = expectError(await call(name, { projectId: 'prj_01hq3k0000', title: 'x' }), 'not_found');

    expect(error).toMatchObject({ vendorCode: 'not_found', message: 'Starter answered 404: No project with id prj_01hq3k0000.' });
  });

  it('maps a Starter 422 validation error to invalid_input with the vendor message', async () => {
    const { scope } = vendor();
    scope.post('/v1/tasks').reply(422, starterError('validation_failed', 'labels: at most 20 per task.'));

    const error = expectError(await call(name, { projectId, title: 'x', labels: ['a'] }), 'invalid_input');

    expect(error).toMatchObject({ vendorCode: 'validation_failed', message: 'Starter answered 422: labels: at most 20 per task.' });
  });

  it.each([
    ['a missing title', { projectId }],
    ['a blank title', { projectId, title: '   ' }],
    ['a title over 255 characters', { projectId, title: 'x'.repeat(256) }],
    ['a malformed due date', { projectId, title: 'x', due: '01/03/2026' }],
    ['an invalid project id', { projectId: 'website', title: 'x' }],
    ['a too short idempotencyKey', { projectId, title: 'x', idempotencyKey: 'k1' }],
    ['an unknown field', { projectId, title: 'x', priority: 'high' }],
  ])('rejects %s as invalid_input without calling Starter', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
