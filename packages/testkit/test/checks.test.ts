import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checkExamples,
  checkFault,
  checkGating,
  checkInvalidInput,
  checkNotConfigured,
  checkReplay,
  checkSecretCanary,
  createTestRuntime,
  FAULTS,
  findSecretLeaks,
  invalidInputCases,
  toolCases,
  type ToolFixture,
} from '../src/index.js';
import { unknownFixtureKeys } from '../src/calls.js';
import { BASE_URL, notesConnector, notesFixtures, SESSION_TOKEN, type Breakage } from './fixtures/notes-connector.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

// Generous by default so a loaded machine cannot time out a normal call; the timeout checks pass a short one.
function setup(
  breakage: Breakage = {},
  fixtures: Record<string, ToolFixture> = notesFixtures,
  options: { canaries?: Record<string, string>; timeoutMs?: number } = {},
) {
  const kit = createTestRuntime(notesConnector(breakage), { timeoutMs: 10_000, ...options });
  const cases = toolCases(kit, fixtures);
  const tool = (action: string) => cases.find((c) => c.action === action)!;
  return { kit, cases, tool };
}

describe('checkExamples', () => {
  it('passes every tool of a correct connector, health included', async () => {
    const { kit, cases } = setup();
    for (const tool of cases) expect(await checkExamples(kit, tool, BASE_URL), tool.name).toEqual([]);
  });

  it('reports a missing fixture, and a fixture key that names no tool', async () => {
    const { kit, tool, cases } = setup({}, { ...notesFixtures, get_note: undefined as never, get_notes: [] });
    expect(await checkExamples(kit, tool('get_note'), BASE_URL)).toEqual([
      'No fixture for notes_get_note: add fixtures.get_note = { method, path, reply: [200, body] } (or [] if it sends no request).',
    ]);
    expect(unknownFixtureKeys(cases, { get_notes: [], notes_list_notes: [], health: [] }, 'notes')).toEqual(['get_notes']);
  });

  it('reports a request no fixture answers, and a fixture request that was never made', async () => {
    const { kit, tool } = setup({}, { ...notesFixtures, get_note: { path: '/v1/note/n_0001', reply: [200, {}] } });
    const problems = await checkExamples(kit, tool('get_note'), BASE_URL);
    expect(problems).toEqual([
      expect.stringMatching(/^the example \{"noteId":"n_0001"\}: answered network_error/),
      `the example: requested GET ${BASE_URL}/v1/notes/n_0001, which no fixture answers (check the path, method and baseUrl).`,
      expect.stringMatching(/^the example: the fixture expects requests that were not made: GET https:\/\/api\.notes\.example:443\/v1\/note\/n_0001/),
    ]);
  });

  it('reports an example its own input schema rejects (defineTool does not parse examples)', async () => {
    const { kit, tool } = setup();
    const broken = { ...tool('get_note'), examples: [{ noteId: '' }] };
    const problems = await checkExamples(kit, broken, BASE_URL);
    expect(problems[0]).toMatch(/^the example \{"noteId":""\}: answered invalid_input/);
  });

  it('reports data that does not match the output schema', async () => {
    const { kit, tool } = setup({ wrongOutput: true });
    const problems = await checkExamples(kit, tool('get_note'), BASE_URL);
    // The runtime itself refuses to send data its outputSchema rejects; the check reports that answer.
    expect(problems.join('\n')).toContain('answered upstream_error');
    expect(problems.join('\n')).toContain('updated: Invalid input');
  });

  it('reports health that is not ok against its fixture', async () => {
    const { kit, tool } = setup({}, { ...notesFixtures, health: { path: '/v1/me', reply: [401, { message: 'bad key' }] } });
    expect(await checkExamples(kit, tool('health'), BASE_URL)).toEqual([expect.stringMatching(/health says error: unauthorized Notes answered 401: bad key/)]);
  });
});

describe('checkFault', () => {
  it('passes the whole matrix for every tool of a correct connector, without real waiting', async () => {
    const { kit, cases } = setup();
    const short = setup({}, notesFixtures, { timeoutMs: 100 });
    const started = performance.now();
    for (const tool of cases) {
      for (const fault of FAULTS) {
        const problems =
          fault.name === 'timeout'
            ? await checkFault(short.kit, short.cases.find((c) => c.name === tool.name)!, fault, { baseUrl: BASE_URL, timeoutMs: 100 })
            : await checkFault(kit, tool, fault, { baseUrl: BASE_URL });
        expect(problems, `${tool.name} ${fault.name}`).toEqual([]);
      }
    }
    // 4 tools × 10 faults; only the timeouts take real time (100 ms per attempt).
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('reports a tool that turns failures into successes', async () => {
    const { kit, tool } = setup({ swallowErrors: true });
    expect(await checkFault(kit, tool('get_note'), '404', { baseUrl: BASE_URL })).toEqual(['Expected error not_found, got a success envelope.']);
  });

  it('reports the wrong error code', async () => {
    const { kit, tool } = setup({ flattenErrors: true });
    const problems = await checkFault(kit, tool('list_notes'), '401', { baseUrl: BASE_URL });
    expect(problems).toEqual([
      expect.stringMatching(/^Expected unauthorized, got upstream_error: Notes answered 401: Invalid or expired token \(credential \[REDACTED\]\)/),
    ]);
  });

  it('reports health that does not surface the failure code', async () => {
    const { kit, tool } = setup({ flattenErrors: true });
    expect(await checkFault(kit, tool('health'), '403', { baseUrl: BASE_URL })).toEqual([expect.stringMatching(/^Expected forbidden, got upstream_error/)]);
  });

  it('honours an expected code given by the options', async () => {
    const { kit, tool } = setup({ flattenErrors: true });
    expect(await checkFault(kit, tool('list_notes'), '401', { baseUrl: BASE_URL, expect: 'upstream_error' })).toEqual([]);
  });

  it('reports a connector that does not pass the test timeout to its HTTP client', async () => {
    const { kit, tool } = setup({ ignoreTestTiming: true }, notesFixtures, { timeoutMs: 100 });
    const problems = await checkFault(kit, tool('create_note'), 'timeout', { baseUrl: BASE_URL, timeoutMs: 100, hangMs: 300 });
    // The hung vendor's late answer never reaches a valid success: it is not the timeout the check wants.
    expect(problems[0]).toMatch(/^Expected timeout, got upstream_error: /);
  });

  it('reports a runtime that stops answering after a fault', async () => {
    const { kit, tool } = setup();
    // The fixture answers 404 too, so the call after the fault cannot succeed.
    const broken = { ...tool('get_note'), fixture: { path: '/v1/notes/n_0001', reply: [404, {}] } as ToolFixture };
    expect(await checkFault(kit, broken, '500', { baseUrl: BASE_URL })).toEqual([
      expect.stringMatching(/^After the 500 Internal Server Error, the next normal call did not succeed \(not_found: /),
    ]);
  });

  it('serves fixtures on other origins normally while the base URL fails', async () => {
    const { kit, tool } = setup({ leakSessionToken: true }, notesFixtures, { canaries: { SESSION: SESSION_TOKEN } });
    // open_session only calls the auth host: the base URL fault never happens, so the check says so.
    expect(await checkFault(kit, tool('open_session'), '503', { baseUrl: BASE_URL })).toEqual(['Expected error upstream_unavailable, got a success envelope.']);
  });
});

describe('invalid input', () => {
  it('derives cases from the advertised schema and the example', () => {
    const { tool } = setup();
    const create = tool('create_note');
    expect(invalidInputCases(create.descriptor, create.examples[0]).map((c) => c.label)).toEqual([
      'arguments that are not an object',
      'an unknown argument',
      'title: a number instead of string',
      'title: longer than maxLength 200',
      'title: missing (required)',
      'body: a number instead of string',
      'body: longer than maxLength 10000',
      'tags: a number instead of array',
      'tags: more than maxItems 3',
      'idempotencyKey: a number instead of string',
      'idempotencyKey: longer than maxLength 128',
    ]);
    const list = tool('list_notes');
    expect(invalidInputCases(list.descriptor, list.examples[0]).map((c) => c.label)).toContain('limit: 51, above its maximum');
  });

  it('passes when every case is rejected before a request', async () => {
    const { kit, cases } = setup();
    for (const tool of cases) expect(await checkInvalidInput(kit, tool, { baseUrl: BASE_URL }), tool.name).toEqual([]);
  });

  it('reports a tool that calls the vendor before rejecting input, and input it accepts', async () => {
    const { kit, tool } = setup({ requestBeforeValidating: true });
    const problems = await checkInvalidInput(kit, tool('create_note'), { baseUrl: BASE_URL, extra: [{ title: '<b>bold</b>' }] });
    expect(problems).toEqual(['custom invalid input 1: a request went out (POST https://api.notes.example/v1/notes); validate before calling the vendor.']);
    const accepting = await checkInvalidInput(kit, tool('list_notes'), { baseUrl: BASE_URL, extra: [{ limit: 5 }] });
    expect(accepting).toEqual(['custom invalid input 1: accepted ({"limit":5}).', expect.stringContaining('custom invalid input 1: a request went out')]);
  });
});

describe('secret canary', () => {
  it('passes a connector that keeps its secrets, and proves the canary reached the vendor', async () => {
    const { kit, cases } = setup();
    expect(await checkSecretCanary(kit, cases, { baseUrl: BASE_URL })).toEqual([]);
    expect(kit.requests.some((r) => r.headers['x-api-key'] === kit.canaries.NOTES_API_KEY)).toBe(true);
    // The vendor echoed the key in its error bodies; the runtime redacted it.
    expect(kit.output.some((o) => o.text.includes('(credential [REDACTED])'))).toBe(true);
  });

  it('sees a secret that a tool returns base64-encoded redacted by the contract', async () => {
    const { kit, cases } = setup({ leakEncodedSecret: true });
    await checkExamples(kit, cases.find((c) => c.action === 'debug_auth')!, BASE_URL);
    expect(kit.output.some((o) => o.text.includes('"header":"[REDACTED]"'))).toBe(true);
    expect(await checkSecretCanary(kit, cases, { baseUrl: BASE_URL })).toEqual([]);
  });

  it('reports a token obtained at run time and never registered as a secret', async () => {
    const { kit, cases } = setup({ leakSessionToken: true }, notesFixtures, { canaries: { SESSION_TOKEN } });
    const problems = await checkSecretCanary(kit, cases, { baseUrl: BASE_URL });
    expect(problems).toEqual([
      expect.stringMatching(/^result of notes_open_session contains SESSION_TOKEN: …\{"ok":true,"data":\{"session":"<SESSION_TOKEN>"\}/),
    ]);
  });

  it('reports canaries that are too short or shared', async () => {
    const kit = createTestRuntime(notesConnector(), { env: { NOTES_API_KEY: 'abc' }, canaries: { OTHER: 'abc' } });
    const problems = await checkSecretCanary(kit, [], { baseUrl: BASE_URL });
    expect(problems).toEqual([
      'The test value of NOTES_API_KEY is too short to serve as a canary; use a unique value of 8+ characters.',
      'NOTES_API_KEY shares its test value with another secret; give each a unique value.',
      'The test value of OTHER is too short to serve as a canary; use a unique value of 8+ characters.',
      'OTHER shares its test value with another secret; give each a unique value.',
    ]);
  });

  it('finds a secret in any output record, as is, URL-encoded or JSON-escaped', () => {
    const canaries = { TOKEN: 'se/cr"et-value' };
    const output = [
      { source: 'log', text: 'sending se/cr"et-value' },
      { source: 'result of a', text: '{"q":"se%2Fcr%22et-value"}' },
      { source: 'result of b', text: '{"q":"se/cr\\"et-value"}' },
      { source: 'clean', text: '[REDACTED]' },
    ];
    expect(findSecretLeaks(output, canaries)).toEqual([
      'log contains TOKEN: …sending <TOKEN>…',
      'result of a contains TOKEN (URL-encoded): …{"q":"<TOKEN>"}…',
      'result of b contains TOKEN (JSON-escaped): …{"q":"<TOKEN>"}…',
    ]);
  });
});

describe('configuration and gating', () => {
  it('passes a connector that answers not_configured until its key is set, and gates by access and toolset', async () => {
    const { cases } = setup();
    expect(await checkNotConfigured(notesConnector(), cases)).toEqual([]);
    expect(await checkGating(notesConnector())).toEqual([]);
  });

  it('catches a requires() that calls an incomplete configuration complete: health and tools reach the vendor without a key', async () => {
    const broken = notesConnector({ completeWithoutKey: true });
    const { cases } = setup({ completeWithoutKey: true });
    nock(BASE_URL).get(/.*/).times(10).reply(401, { error: 'no key' });
    const problems = await checkNotConfigured(broken, cases);
    expect(problems).toEqual(
      expect.arrayContaining([
        'health says "error" with nothing set; expected "not_configured".',
        'notes_list_notes answered unauthorized while not configured; expected not_configured.',
        expect.stringMatching(/^Requests were sent while not configured: GET https:\/\/api\.notes\.example\/v1\/me/),
      ]),
    );
  });
});

describe('checkReplay', () => {
  it('passes when the repeat replays, and reports a store that forgets the key (the repeat writes again)', async () => {
    const good = createTestRuntime(notesConnector(), { timeoutMs: 10_000 });
    expect(await checkReplay(good, toolCases(good, notesFixtures).find((c) => c.action === 'create_note')!, { baseUrl: BASE_URL })).toEqual([]);
    const forgetful = { get: async () => undefined, set: async () => undefined, claim: async () => true, delete: async () => undefined };
    const kit = createTestRuntime(notesConnector(), { timeoutMs: 10_000, idempotency: forgetful });
    nock(BASE_URL).post('/v1/notes').reply(201, { id: 'n_0002', title: 'Again', body: '', updated_at: '2026-01-02T03:04:05Z' });
    expect(await checkReplay(kit, toolCases(kit, notesFixtures).find((c) => c.action === 'create_note')!, { baseUrl: BASE_URL })).toEqual(
      expect.arrayContaining([
        'The repeat with the same idempotencyKey sent 1 request(s); it must replay.',
        'The repeat does not say meta.idempotentReplay: true.',
      ]),
    );
  });
});

describe('faultExpectation', () => {
  it('takes the per-tool option, then the connector-wide one, then the default', async () => {
    const { faultExpectation } = await import('../src/describe-connector.js');
    const [unauthorized, notFound] = [FAULTS[0]!, FAULTS[2]!];
    const faults = {
      expect: { '404': 'conflict' as const },
      tools: { get_note: { '404': false as const }, notes_list_notes: { '401': 'forbidden' as const } },
    };
    expect(faultExpectation(faults, { action: 'get_note', name: 'notes_get_note' }, notFound)).toBe(false);
    expect(faultExpectation(faults, { action: 'list_notes', name: 'notes_list_notes' }, notFound)).toBe('conflict');
    expect(faultExpectation(faults, { action: 'list_notes', name: 'notes_list_notes' }, unauthorized)).toBe('forbidden');
    expect(faultExpectation(undefined, { action: 'x', name: 'y' }, unauthorized)).toBe('unauthorized');
  });
});
