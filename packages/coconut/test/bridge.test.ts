// The bridge against a fake Coconut MCP server on 127.0.0.1, in both protocol eras: what a user
// gets end to end, including the ugly paths (restarts, drops, cancels, concurrent calls).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_SCOPES, startFakeCoconut, type FakeCoconut } from './fake-coconut.js';
import { calls, expectError, expectOk, runtimeFor } from './harness.js';

const PLATFORM = 'cn_01J9ZK4M2Q';

for (const era of ['2025', '2026'] as const) {
  describe(`a ${era}-era upstream`, () => {
    let fake: FakeCoconut;
    let token: string;
    beforeEach(async () => {
      fake = await startFakeCoconut({ era });
      token = fake.issueToken(ALL_SCOPES);
    });
    afterEach(() => fake.stop());
    const env = () => ({ COCONUT_MCP_URL: fake.url, COCONUT_TOKEN: token });

    it('calls the upstream tool with the arguments and answers our envelope', async () => {
      const envelope = expectOk(await runtimeFor(env()).call('tasks_get', { coconutId: PLATFORM, taskId: 'tsk_101' }));
      expect(envelope.data).toMatchObject({ task: { id: 'tsk_101', title: 'Rotate the staging database password' } });
      expect(calls(fake, 'tasks_get')).toHaveLength(1);
      // The token went to the upstream, and nowhere into the result.
      expect(fake.requests.every((r) => r.token === token)).toBe(true);
      expect(JSON.stringify(envelope)).not.toContain(token);
    });

    it('negotiates the era the upstream speaks', async () => {
      const health = expectOk(await runtimeFor(env()).call('health')).data as {
        status: string;
        upstream: { protocol: string; tools: number; unmapped: number };
      };
      expect(health.status).toBe('ok');
      expect(health.upstream.protocol).toBe(era === '2025' ? '2025-11-25' : '2026-07-28');
      // admin_purge is upstream but not mapped: counted, never served.
      expect(health.upstream).toMatchObject({ tools: 15, unmapped: 1 });
      expect(fake.requests.some((r) => r.rpc === 'initialize')).toBe(era === '2025');
    });

    it('resolves a Coconut name to its id, and refuses a name that matches none or several', async () => {
      const runtime = runtimeFor(env());
      expectOk(await runtime.call('tasks_list', { coconutId: 'platform' }));
      expect(calls(fake, 'tasks_list').length).toBe(1);
      const sandbox = expectError(await runtime.call('tasks_list', { coconutId: 'Sandbox' }), 'invalid_input');
      expect(sandbox.message).toContain('cn_01J9ZKA1B3');
      expect(sandbox.message).toContain('cn_01J9ZKC9D8');
      expectError(await runtime.call('tasks_list', { coconutId: 'Nowhere' }), 'not_found');
      // Neither refusal reached tasks_list, and the list of Coconuts was read once.
      expect(calls(fake, 'tasks_list').length).toBe(1);
      expect(calls(fake, 'coconuts_list').length).toBe(1);
    });

    it('lists compact rows and reads the whole task with tasks_get', async () => {
      const runtime = runtimeFor(env());
      const created = expectOk(await runtime.call('tasks_create', { coconutId: PLATFORM, title: 'Write the runbook', description: 'Long text. '.repeat(200) }));
      const id = (created.data as { task: { id: string } }).task.id;
      const rows = (expectOk(await runtime.call('tasks_list', { coconutId: PLATFORM })).data as { tasks: Record<string, unknown>[] }).tasks;
      const row = rows.find((t) => t.id === id)!;
      expect(row).toMatchObject({ id, title: 'Write the runbook', status: 'open' });
      expect(row).not.toHaveProperty('description');
      const task = (expectOk(await runtime.call('tasks_get', { coconutId: PLATFORM, taskId: id })).data as { task: { description: string } }).task;
      expect(task.description).toContain('Long text.');
    });

    it('pages with an opaque cursor that wraps the upstream one', async () => {
      const runtime = runtimeFor(env());
      const first = expectOk(await runtime.call('tasks_list', { coconutId: PLATFORM, limit: 1 }));
      expect((first.data as { tasks: unknown[] }).tasks).toHaveLength(1);
      expect(first.nextCursor).toBeTypeOf('string');
      const second = expectOk(await runtime.call('tasks_list', { coconutId: PLATFORM, limit: 1, cursor: first.nextCursor }));
      expect((second.data as { tasks: { id: string }[] }).tasks[0]!.id).toBe('tsk_102');
      expect(second.nextCursor).toBeUndefined();
      // Another tool's cursor is refused before anything is sent.
      expectError(await runtime.call('jobs_list', { coconutId: PLATFORM, cursor: first.nextCursor }), 'invalid_input');
    });

    it('maps an upstream tool error to our code', async () => {
      const error = expectError(await runtimeFor(env()).call('tasks_get', { coconutId: PLATFORM, taskId: 'tsk_999' }), 'not_found');
      expect(error.message).toContain('tsk_999');
      expect(error.retryable).toBe(false);
      expectError(await runtimeFor(env()).call('tasks_create', { coconutId: 'cn_01J9ZKA1B3', title: 'x' }), 'forbidden');
    });

    it('refuses bad input with no request', async () => {
      const runtime = runtimeFor(env());
      expectError(await runtime.call('tasks_create', { coconutId: PLATFORM, title: '' }), 'invalid_input');
      expectError(await runtime.call('task_update', { coconutId: PLATFORM, taskId: 'tsk_101' }), 'invalid_input');
      expectError(await runtime.call('knowledge_search', { coconutId: PLATFORM, query: 'x'.repeat(501) }), 'invalid_input');
      expect(fake.requests.filter((r) => r.rpc === 'tools/call')).toHaveLength(0);
    });

    it('writes once per idempotencyKey, and replays the first result', async () => {
      const runtime = runtimeFor(env());
      const input = { coconutId: PLATFORM, title: 'Ship the bridge', idempotencyKey: 'ship-bridge-0001' };
      const first = expectOk(await runtime.call('tasks_create', input));
      const again = expectOk(await runtime.call('tasks_create', input));
      expect(again.data).toEqual(first.data);
      expect(again.meta.idempotentReplay).toBe(true);
      expect(calls(fake, 'tasks_create')).toHaveLength(1);
      expectError(await runtime.call('tasks_create', { ...input, title: 'Something else' }), 'idempotency_conflict');
    });

    it('reconnects when the upstream restarts and forgets its sessions', async () => {
      const runtime = runtimeFor(env());
      expectOk(await runtime.call('jobs_list', { coconutId: PLATFORM }));
      fake.dropSessions();
      expectOk(await runtime.call('jobs_list', { coconutId: PLATFORM }));
      const opened = fake.requests.filter((r) => r.rpc === (era === '2025' ? 'initialize' : 'server/discover')).length;
      expect(opened).toBe(era === '2025' ? 2 : 1);
    });

    it('survives the upstream going down mid-session and serves again when it is back', async () => {
      const runtime = runtimeFor(env());
      expectOk(await runtime.call('jobs_get', { coconutId: PLATFORM, jobId: 'job_nightly' }));
      await fake.stop();
      const down = expectError(await runtime.call('jobs_get', { coconutId: PLATFORM, jobId: 'job_nightly' }), 'network_error');
      expect(down.retryable).toBe(true);
      await fake.start();
      expectOk(await runtime.call('jobs_get', { coconutId: PLATFORM, jobId: 'job_nightly' }));
    });

    it('serves concurrent calls over one session', async () => {
      const runtime = runtimeFor(env());
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => runtime.call(i % 2 ? 'coconuts_list' : 'connectors_catalog_list')));
      for (const result of results) expectOk(result);
      expect(fake.requests.filter((r) => r.rpc === (era === '2025' ? 'initialize' : 'server/discover'))).toHaveLength(1);
    });

    it('stops waiting when the client cancels, and says a cancelled write may have happened', async () => {
      const runtime = runtimeFor(env());
      expectOk(await runtime.call('coconuts_list'));
      fake.hang(5_000);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      const started = Date.now();
      const cancelled = expectError(await runtime.call('tasks_create', { coconutId: PLATFORM, title: 'Cancelled one' }, controller.signal), 'timeout');
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(cancelled.message).toContain('cancelled');
      expect(cancelled.retryable).toBe(false);
      // The upstream hears of the cancel: a 2025 session by notifications/cancelled, a stateless exchange by the request hung up.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(fake.requests.some((r) => r.rpc === (era === '2025' ? 'notifications/cancelled' : '(hung up)'))).toBe(true);
      fake.hang(0);
      // The server keeps serving.
      expectOk(await runtime.call('coconuts_list'));
    });

    it('normalises HTTP refusals: 429 with retryAfterMs, 401 naming the token variable, 503', async () => {
      const runtime = runtimeFor(env());
      fake.failWith(429, { 'retry-after': '30' });
      const limited = expectError(await runtime.call('coconuts_list'), 'rate_limited');
      expect(limited.retryAfterMs).toBe(30_000);
      fake.failWith(503);
      expectError(await runtime.call('coconuts_list'), 'upstream_unavailable');
      fake.failWith(undefined);
      const refused = expectError(await runtimeFor({ ...env(), COCONUT_TOKEN: 'cnt_not_a_real_token' }).call('coconuts_list'), 'unauthorized');
      expect(refused.hint).toContain('COCONUT_TOKEN');
      expect(JSON.stringify(refused)).not.toContain('cnt_not_a_real_token');
    });

    it('sends coconutId as the id when the token may not list Coconuts to resolve a name', async () => {
      const tasksOnly = fake.issueToken(['tasks:read']);
      expectOk(await runtimeFor({ ...env(), COCONUT_TOKEN: tasksOnly }).call('tasks_get', { coconutId: PLATFORM, taskId: 'tsk_101' }));
      const named = expectError(
        await runtimeFor({ ...env(), COCONUT_TOKEN: tasksOnly }).call('tasks_get', { coconutId: 'Platform', taskId: 'tsk_101' }),
        'not_found',
      );
      expect(named.message).toContain('Coconut Platform not found');
    });

    it('names the scope an insufficient_scope refusal asks for', async () => {
      const readOnly = fake.issueToken(['coconuts:read', 'tasks:read']);
      const error = expectError(await runtimeFor({ ...env(), COCONUT_TOKEN: readOnly }).call('tasks_create', { coconutId: PLATFORM, title: 'x' }), 'forbidden');
      expect(error.message).toContain('tasks:write');
      expect(error.vendorCode).toBe('insufficient_scope');
    });
  });
}

describe('gating', () => {
  let fake: FakeCoconut;
  beforeEach(async () => (fake = await startFakeCoconut()));
  afterEach(() => fake.stop());

  it('registers only the tools COCONUT_SCOPES grants, and never unmapped upstream tools', () => {
    const runtime = runtimeFor({ COCONUT_MCP_URL: fake.url, COCONUT_TOKEN: 'cnt_x', COCONUT_SCOPES: 'tasks:read, coconuts:read' });
    expect(runtime.runtime.toolNames().sort()).toEqual(['coconut_coconuts_list', 'coconut_health', 'coconut_tasks_get', 'coconut_tasks_list']);
    const all = runtimeFor({ COCONUT_MCP_URL: fake.url, COCONUT_TOKEN: 'cnt_x' }).runtime.toolNames();
    expect(all).toHaveLength(15);
    expect(all).not.toContain('coconut_admin_purge');
  });

  it('answers a tool outside the scopes not_permitted, with no request', async () => {
    const runtime = runtimeFor({ COCONUT_MCP_URL: fake.url, COCONUT_TOKEN: fake.issueToken(ALL_SCOPES), COCONUT_SCOPES: 'tasks:read' });
    const error = expectError(await runtime.call('tasks_create', { coconutId: PLATFORM, title: 'x' }), 'not_permitted');
    expect(error.message).toContain('tasks:write');
    expectError(await runtime.call('admin_purge'), 'invalid_input');
    expect(fake.requests).toHaveLength(0);
  });

  it('serves upstream tools the mapping does not name only with --toolsets upstream, as the upstream describes them', async () => {
    const token = fake.issueToken(ALL_SCOPES);
    const env = { COCONUT_MCP_URL: fake.url, COCONUT_TOKEN: token };
    const plain = runtimeFor(env);
    await plain.runtime.ready();
    expect(plain.runtime.toolNames()).not.toContain('coconut_admin_purge');
    expect(fake.requests).toHaveLength(0);
    expectError(await plain.call('admin_purge'), 'invalid_input');

    const opted = runtimeFor(env, { gating: { toolsets: ['tasks', 'upstream'] } });
    await opted.runtime.ready();
    expect(opted.runtime.toolNames().sort()).toEqual([
      'coconut_admin_purge',
      'coconut_health',
      'coconut_task_update',
      'coconut_tasks_create',
      'coconut_tasks_get',
      'coconut_tasks_list',
    ]);
    const purge = opted.runtime.listTools().find((t) => t.name === 'coconut_admin_purge')!;
    expect(purge.description).toBe('Deletes everything.');
    // No annotations say it only reads: it is a write, with an idempotencyKey.
    expect(purge.annotations.readOnlyHint).toBe(false);
    expect(Object.keys(purge.inputSchema.properties as object)).toEqual(['idempotencyKey']);
    expect(expectOk(await opted.call('admin_purge', { idempotencyKey: 'purge-once-0001' })).data).toEqual({ purged: true });
    expectOk(await opted.call('admin_purge', { idempotencyKey: 'purge-once-0001' }));
    expect(calls(fake, 'admin_purge')).toHaveLength(1);
    // --read-only leaves it out.
    const readOnly = runtimeFor(env, { gating: { readOnly: true, toolsets: ['upstream'] } });
    await readOnly.runtime.ready();
    expect(readOnly.runtime.toolNames()).toEqual(['coconut_health']);
  });

  it('lists the mapped tools when the upstream cannot say which others it has, and tries again later', async () => {
    const env = { COCONUT_MCP_URL: fake.url, COCONUT_TOKEN: fake.issueToken(ALL_SCOPES) };
    const runtime = runtimeFor(env, { gating: { toolsets: ['jobs', 'upstream'] } });
    fake.failWith(503);
    await runtime.runtime.ready();
    expect(runtime.runtime.toolNames().sort()).toEqual(['coconut_health', 'coconut_jobs_get', 'coconut_jobs_list']);
    fake.failWith(undefined);
    await runtime.runtime.ready();
    expect(runtime.runtime.toolNames()).toContain('coconut_admin_purge');
  });

  it('read-only and toolset gating apply as for any connector', () => {
    const runtime = runtimeFor({ COCONUT_MCP_URL: fake.url, COCONUT_TOKEN: 'cnt_x' }, { gating: { readOnly: true, toolsets: ['knowledge'] } });
    expect(runtime.runtime.toolNames().sort()).toEqual(['coconut_health', 'coconut_knowledge_get', 'coconut_knowledge_search']);
  });
});
