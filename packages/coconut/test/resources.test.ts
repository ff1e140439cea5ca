// Coconut's resources: URIs read (and watched) through the read tools, against the fake server.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ALL_SCOPES, startFakeCoconut, type FakeCoconut } from './fake-coconut.js';
import { calls, runtimeFor } from './harness.js';

let fake: FakeCoconut;
beforeEach(async () => (fake = await startFakeCoconut()));
afterEach(() => fake.stop());
const runtime = () => runtimeFor({ COCONUT_MCP_URL: fake.url, COCONUT_TOKEN: fake.issueToken(ALL_SCOPES) });

it('lists the task, tasks and job templates', () => {
  expect(
    runtime()
      .runtime.listResourceTemplates()
      .map((r) => r.uriTemplate),
  ).toEqual(['coconut://task/{coconutId}/{taskId}', 'coconut://tasks/{coconutId}', 'coconut://job/{coconutId}/{jobId}']);
});

it('reads a task by Coconut name through tasks_get, as the tool would answer', async () => {
  const read = await runtime().readResource('coconut://task/Platform/tsk_101');
  expect(read.ok).toBe(true);
  const envelope = JSON.parse((read as { text: string }).text);
  expect(envelope).toMatchObject({ ok: true, data: { task: { id: 'tsk_101', status: 'open' } } });
  expect(calls(fake, 'tasks_get')).toHaveLength(1);
});

it('answers a missing task with the tool error, and an unknown URI as unknown', async () => {
  const missing = await runtime().readResource('coconut://task/cn_01J9ZK4M2Q/tsk_404');
  expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  const unknown = await runtime().readResource('coconut://nothing/here');
  expect(unknown).toMatchObject({ ok: false, unknown: true });
  expect(calls(fake, 'tasks_get')).toHaveLength(1);
});

it('a watched tasks list changes when a task is created', async () => {
  const r = runtime();
  const before = await r.runtime.pollResource('coconut://tasks/cn_01J9ZK4M2Q');
  await r.call('coconut_tasks_create', { coconutId: 'cn_01J9ZK4M2Q', title: 'New one' });
  const after = await r.runtime.pollResource('coconut://tasks/cn_01J9ZK4M2Q');
  expect(before.ok && after.ok).toBe(true);
  expect((after as { text: string }).text).toContain('New one');
  expect((before as { text: string }).text).not.toContain('New one');
});
