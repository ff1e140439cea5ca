import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fakeVendor, useFakeVendor } from '../src/index.js';

const API = 'https://api.fake.example';
const TOKENS = 'https://auth.fake.example';

describe('fakeVendor', () => {
  useFakeVendor();

  it('records each request: method, path as sent, query, lower-case headers, JSON body', async () => {
    const api = fakeVendor(API);
    api.scope.post('/v1/items/a%2Fb').query(true).reply(201, { id: 'i_1' });

    await fetch(`${API}/v1/items/a%2Fb?tag=x&tag=y&limit=5`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t0ken', 'Content-Type': 'application/json', 'X-Trace': 'abc' },
      body: JSON.stringify({ title: 'Hello', tags: ['x'] }),
    });

    expect(api.sent).toEqual([
      {
        method: 'POST',
        path: '/v1/items/a%2Fb',
        query: { tag: ['x', 'y'], limit: '5' },
        headers: expect.objectContaining({ authorization: 'Bearer t0ken', 'content-type': 'application/json', 'x-trace': 'abc' }),
        body: { title: 'Hello', tags: ['x'] },
      },
    ]);
  });

  it('parses form bodies, keeps other text as it is, and has no body for a GET', async () => {
    const tokens = fakeVendor(TOKENS);
    const api = fakeVendor(`${API}/api/v2`);
    tokens.scope.post('/oauth/token').reply(200, { access_token: 'a' });
    api.scope.put('/api/v2/notes/n1').reply(200, 'ok').get('/api/v2/notes').reply(200, []);

    await fetch(`${TOKENS}/oauth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'c1' }) });
    await fetch(`${API}/api/v2/notes/n1`, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'plain text, {not json' });
    await fetch(`${API}/api/v2/notes`);

    // One record per origin; a base URL's path prefix stays in the path.
    expect(tokens.sent.map((r) => [r.method, r.path, r.body])).toEqual([['POST', '/oauth/token', { grant_type: 'client_credentials', client_id: 'c1' }]]);
    expect(api.sent.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      ['PUT', '/api/v2/notes/n1', {}, 'plain text, {not json'],
      ['GET', '/api/v2/notes', {}, undefined],
    ]);
  });
});

describe('useFakeVendor', () => {
  it('fails a test for a stray request, an unused interceptor or a network request, and cleans up between tests', { timeout: timeLimit(60_000) }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'testkit-hooks-'));
    const report = join(dir, 'report.json');
    const config = fileURLToPath(new URL('./fixtures/fake-vendor-hooks/vitest.config.ts', import.meta.url));
    const vitest = fileURLToPath(new URL('../node_modules/.bin/vitest', import.meta.url));
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'));
    try {
      // The child exits 1: some of its tests are meant to fail.
      await promisify(execFile)(vitest, ['run', '--config', config, '--reporter=json', `--outputFile=${report}`], { env, timeout: timeLimit(50_000) }).catch(
        () => undefined,
      );
      const { testResults } = JSON.parse(await readFile(report, 'utf8')) as {
        testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
      };
      const results = Object.fromEntries(testResults[0]!.assertionResults.map((r) => [r.title, { status: r.status, failure: r.failureMessages.join('\n') }]));

      expect(Object.fromEntries(Object.entries(results).map(([title, r]) => [title, r.status]))).toEqual({
        'passes: every request expected, every interceptor used': 'passed',
        'fails: a request nobody expected': 'failed',
        'fails: an expected request that was never sent': 'failed',
        'passes: the interceptor left over by the test before is gone': 'passed',
        'fails: a request to the real network is refused, not sent': 'failed',
      });
      expect(results['fails: a request nobody expected']!.failure).toMatch(
        /requests the test did not expect[\s\S]*GET https:\/\/api\.hooks\.example\/v1\/unexpected\?page=2/,
      );
      expect(results['fails: an expected request that was never sent']!.failure).toMatch(
        /expected requests that were never sent[\s\S]*POST https:\/\/api\.hooks\.example:443\/v1\/never/,
      );
      expect(results['fails: a request to the real network is refused, not sent']!.failure).toMatch(/requests the test did not expect[\s\S]*127\.0\.0\.1:9/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
