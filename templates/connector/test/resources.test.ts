// Resources: starter://task/{taskId} and starter://project/{projectId}/open-tasks, read through
// get_task and list_tasks, so they answer exactly what those tools answer.
import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectStarterHeaders, fixture, vendor } from './harness.js';

useFakeVendor();
const taskId = 'tsk_01hq3k5t8m';
const projectId = 'prj_01hq3k5t8m';

describe('Starter resources', () => {
  it('lists the task and open-tasks templates, and no fixed resource', () => {
    const { runtime } = createRuntime();
    expect(runtime.listResourceTemplates().map((r) => r.uriTemplate)).toEqual(['starter://task/{taskId}', 'starter://project/{projectId}/open-tasks']);
    expect(runtime.listResources()).toEqual([]);
  });

  it('reads a task as starter_get_task does: GET /v1/tasks/:id, the tool’s envelope as JSON', async () => {
    const { scope, sent } = vendor();
    scope.get(`/v1/tasks/${taskId}`).reply(200, fixture('api-task'));

    const read = await createRuntime().readResource(`starter://task/${taskId}`);

    expect(sent).toEqual([expect.objectContaining({ method: 'GET', path: `/v1/tasks/${taskId}`, query: {} })]);
    expectStarterHeaders(sent[0]);
    expect(read).toMatchObject({ ok: true, uri: `starter://task/${taskId}`, mimeType: 'application/json' });
    expect(JSON.parse((read as { text: string }).text)).toMatchObject({
      ok: true,
      data: { id: taskId, title: 'Write the launch post', description: 'Draft, get a review from Grace, publish on the blog.' },
    });
  });

  it('reads a project’s open tasks through starter_list_tasks with its fixed arguments', async () => {
    const { scope, sent } = vendor();
    scope.get('/v1/tasks').query(true).reply(200, fixture('api-tasks-page'));

    const read = await createRuntime().readResource(`starter://project/${projectId}/open-tasks`);

    expect(sent[0]!.query).toEqual({ project_id: projectId, status: 'open', page_size: '25' });
    const envelope = JSON.parse((read as { text: string }).text);
    expect(envelope.data.map((task: { id: string }) => task.id)).toEqual(['tsk_01hq3k5t8m', 'tsk_01hq3k6q2r']);
  });

  it('answers the tool’s error: not_found for a missing task, invalid_input for an id that is not one (before any request)', async () => {
    const { scope, sent } = vendor();
    scope.get('/v1/tasks/tsk_01hq3k0000').reply(404, fixture('api-error-not-found'));

    expect(await createRuntime().readResource('starter://task/tsk_01hq3k0000')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await createRuntime().readResource(`starter://task/${encodeURIComponent('../me')}`)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await createRuntime().readResource('starter://nothing/here')).toMatchObject({ ok: false, unknown: true });
    expect(sent).toHaveLength(1);
  });

  it('is gone when its tool is turned off', () => {
    const { runtime } = createRuntime({ gating: { toolsets: ['projects'] } });
    expect(runtime.listResourceTemplates()).toEqual([]);
  });
});
