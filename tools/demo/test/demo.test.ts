import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillTemplate, matchRoute, startFakeVendor } from '../fake-vendor.mjs';
import { runDemo } from '../run.mjs';
import { checkOutcome, validateScenario } from '../scenario.mjs';
import { describeEnv, formatJson } from '../transcript.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const template = join(root, 'templates/connector');
const runScript = join(root, 'tools/demo/run.mjs');
const starterToken = JSON.parse(readFileSync(join(template, 'demo/scenario.json'), 'utf8')).env.STARTER_API_TOKEN as string;

function demo(...args: string[]) {
  return spawnSync(process.execPath, [runScript, ...args], { cwd: root, encoding: 'utf8', timeout: timeLimit(60_000) });
}

describe('fake vendor routing', () => {
  const routes = [
    { method: 'GET', path: '/v1/tasks', query: { page_token: 'pt_2' }, status: 200, body: { page: 2 } },
    { method: 'GET', path: '/v1/tasks', status: 200, body: { page: 1 } },
    { method: 'GET', path: '/v1/tasks/:id', status: 200, body: { id: '{{params.id}}' } },
    { method: 'POST', path: '/v1/tasks', status: 201, body: { title: '{{body.title}}', labels: '{{body.labels}}', note: 'made {{body.title}}' } },
  ];

  it('matches exact paths, :params, query subsets and methods, first match wins', () => {
    expect(matchRoute(routes, 'GET', '/v1/tasks')?.route.body).toEqual({ page: 1 });
    expect(matchRoute(routes, 'GET', '/v1/tasks', new URLSearchParams('page_token=pt_2&page_size=2'))?.route.body).toEqual({ page: 2 });
    expect(matchRoute(routes, 'GET', '/v1/tasks', new URLSearchParams('page_token=pt_3'))?.route.body).toEqual({ page: 1 });
    expect(matchRoute(routes, 'GET', '/v1/tasks/tsk%2F1')?.params).toEqual({ id: 'tsk/1' });
    expect(matchRoute(routes, 'GET', '/v1/tasks/tsk_1/comments')).toBeUndefined();
    expect(matchRoute(routes, 'DELETE', '/v1/tasks/tsk_1')).toBeUndefined();
  });

  it('fills placeholders, keeping raw values for whole-string ones', () => {
    const vars = { body: { title: 'Hi', labels: ['a'] } };
    expect(fillTemplate(routes[3]!.body, vars)).toEqual({ title: 'Hi', labels: ['a'], note: 'made Hi' });
    expect(fillTemplate({ due: '{{body.due_date}}', text: 'x{{body.nope}}y' }, vars)).toEqual({ due: null, text: 'xy' });
  });

  it('serves routes over HTTP, records requests, and answers unknown routes 404 in the vendor error shape', async () => {
    const vendor = await startFakeVendor({ routes, headers: { 'x-ratelimit-remaining': '9' } });
    try {
      const created = await fetch(`${vendor.baseUrl}/v1/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Ship', labels: ['x'] }),
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('x-ratelimit-remaining')).toBe('9');
      expect(await created.json()).toEqual({ title: 'Ship', labels: ['x'], note: 'made Ship' });

      const missing = await fetch(`${vendor.baseUrl}/v2/nothing?x=1`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: { type: 'not_found', message: 'No route for GET /v2/nothing.' } });

      expect(vendor.requests).toEqual([
        { method: 'POST', path: '/v1/tasks', query: {}, body: { title: 'Ship', labels: ['x'] }, status: 201 },
        { method: 'GET', path: '/v2/nothing', query: { x: '1' }, body: undefined, status: 404 },
      ]);
    } finally {
      await vendor.close();
    }
  });

  it('uses the scenario’s own shape for unmatched requests', async () => {
    const vendor = await startFakeVendor({ routes: [], unmatched: { status: 404, body: { errorMessages: ['{{method}} {{path}}'] } } });
    try {
      const response = await fetch(`${vendor.baseUrl}/rest/api/3/issue/X-1`);
      expect(await response.json()).toEqual({ errorMessages: ['GET /rest/api/3/issue/X-1'] });
    } finally {
      await vendor.close();
    }
  });
  it('sends a string body under a non-JSON content-type as that text (a download), and JSON otherwise', async () => {
    const vendor = await startFakeVendor({
      routes: [
        { path: '/export/:id', body: '# Doc {{params.id}}\n', headers: { 'Content-Type': 'text/markdown' } },
        { path: '/json', body: 'a string' },
      ],
    });
    try {
      const exported = await fetch(`${vendor.baseUrl}/export/d1`);
      expect(exported.headers.get('content-type')).toBe('text/markdown');
      expect(await exported.text()).toBe('# Doc d1\n');
      expect(await (await fetch(`${vendor.baseUrl}/json`)).text()).toBe('"a string"');
    } finally {
      await vendor.close();
    }
  });
});

describe('scenario checks', () => {
  const meta = { requestId: 'r', durationMs: 1 };

  it('compares outcomes with expectations', () => {
    expect(checkOutcome(undefined, { ok: true, data: {}, meta }, 1)).toEqual([]);
    expect(checkOutcome({ code: 'not_found' }, { ok: true, data: {}, meta }, 1)).toEqual(['expected an error, got ok']);
    expect(checkOutcome({ code: 'not_found' }, { ok: false, error: { code: 'forbidden', message: 'no' }, meta }, 1)).toEqual([
      'expected error not_found, got error forbidden (no)',
    ]);
    expect(checkOutcome({ replay: true, vendorRequests: 0 }, { ok: true, data: {}, meta }, 1)).toEqual([
      'expected meta.idempotentReplay true, got none',
      'expected 0 vendor request(s), the vendor saw 1',
    ]);
    expect(checkOutcome({ data: { status: 'ok' } }, { ok: true, data: { status: 'error', x: 1 }, meta }, 1)).toEqual([
      'expected data to include {"status":"ok"}',
    ]);
  });

  it('rejects a malformed scenario with every problem named', () => {
    expect(validateScenario({ routes: [{ path: 'v1' }], steps: [{ tool: 'x', expect: { replayed: true } }] })).toEqual([
      'routes[0] needs a path starting with /',
      'steps[0].expect has unknown keys replayed (known: ok, code, replay, vendorRequests, nextCursor, data)',
    ]);
  });

  it('masks secrets and trims long JSON', () => {
    expect(describeEnv({ A_TOKEN: 'secret', A_URL: 'http://x' }, ['A_TOKEN'])).toEqual(['A_TOKEN=***', 'A_URL=http://x']);
    expect(formatJson({ items: Array.from({ length: 8 }, (_, i) => i) })).toBe('{ "items": [0, 1, 2, 3, 4, "… 3 more"] }');
  });
});

describe('pnpm demo (built starter)', () => {
  beforeAll(() => {
    if (!existsSync(join(template, 'dist/bin.js'))) throw new Error('Build first: pnpm --filter @connectors/starter... build');
  });

  it('runs the starter scenario end to end over MCP stdio and exits 0', () => {
    const result = demo('starter');
    expect(result.stderr).not.toMatch(/✗/);
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toContain('STARTER_API_TOKEN=***');
    expect(out).not.toContain(starterToken);
    expect(out).toMatch(/server @connectors\/starter \S+, protocol \d{4}-\d{2}-\d{2}/);
    expect(out).toMatch(/starter_create_task\s+write/);
    expect(out).toContain('vendor  GET /v1/me → 200');
    expect(out).toContain('vendor  GET /v1/tasks?project_id=prj_01hq3k5t8m&page_size=2&page_token=pt_2 → 200');
    expect(out).toContain('"idempotentReplay": true');
    expect(out).toContain('"code": "not_found"');
    expect(out).toContain('"code": "invalid_input"');
    expect(out).toMatch(/ 1 × POST \/v1\/tasks\n/);
    expect(out).toContain('✓ 10 steps, all as expected.');
  });

  it('names the available demos for an unknown connector id', () => {
    const result = demo('no-such-connector');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No connector "no-such-connector". Available demos: starter');
  });
});

describe('a scenario whose expectations fail', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'demo-'));
    const dir = join(tmp, 'packages/broken');
    mkdirSync(join(dir, 'demo'), { recursive: true });
    // A package that reuses the built starter bin, with a scenario expecting the wrong outcomes.
    const pkg = { name: '@connectors/broken', version: '0.0.0', bin: { broken: relative(dir, join(template, 'dist/bin.js')) } };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
    const task = {
      id: '{{params.id}}',
      project_id: 'prj_01hq3k5t8m',
      title: 'T',
      description: null,
      status: 'open',
      assignee: null,
      labels: [],
      due_date: null,
      created_at: '2025-12-01T00:00:00Z',
      updated_at: '2025-12-01T00:00:00Z',
      url: 'https://app.starter.example/t/1',
    };
    const scenario = {
      env: { STARTER_API_TOKEN: 'stk_canary_value_123', STARTER_API_URL: '{{baseUrl}}' },
      routes: [{ method: 'GET', path: '/v1/tasks/:id', status: 200, body: task }],
      steps: [
        { title: 'expects not_found', tool: 'get_task', arguments: { taskId: 'tsk_01hq3k5t8c' }, expect: { code: 'not_found' } },
        { title: 'unknown tool', tool: 'launch_rocket', arguments: {} },
        { title: 'no cursor to follow', tool: 'list_tasks', arguments: { projectId: 'prj_01hq3k5t8m', cursor: '{{nextCursor}}' } },
      ],
    };
    writeFileSync(join(dir, 'demo/scenario.json'), JSON.stringify(scenario));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('exits 1 and says which step differed and how', async () => {
    let out = '';
    let err = '';
    const code = await runDemo('broken', { root: tmp, write: (t: string) => void (out += t), writeError: (t: string) => void (err += t) });
    expect(code).toBe(1);
    expect(err).toContain('✗ 3 of 3 steps of the broken demo were not as expected:');
    expect(err).toContain('step 1 "expects not_found": expected an error, got ok');
    expect(err).toContain('step 2 "unknown tool": the server has no tool starter_launch_rocket');
    expect(err).toContain('step 3 "no cursor to follow": nothing to fill {{nextCursor}}');
    expect(out + err).not.toContain('stk_canary_value_123');
    expect(out).toContain('STARTER_API_TOKEN=***');
  });
});
