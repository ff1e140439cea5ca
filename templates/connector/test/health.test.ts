import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectOk, expectStarterHeaders, fixture, starterError, TOKEN, tool, vendor } from './harness.js';
import pkg from '../package.json' with { type: 'json' };

useFakeVendor();
const name = tool('health');

describe('health', () => {
  it('checks the token with GET /v1/me and reports user, workspace, scopes, expiry and rate limit', async () => {
    const { scope, sent } = vendor();
    scope.get('/v1/me').reply(200, fixture('api-me'), { 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '599' });

    const envelope = expectOk(await call(name, {}));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: '/v1/me', query: {}, body: undefined });
    expectStarterHeaders(sent[0]);
    expect(envelope.data).toEqual({
      status: 'ok',
      connector: 'starter',
      version: pkg.version,
      user: 'Ada Lovelace <ada@example.com>',
      org: 'Analytical Engines Ltd',
      authMode: 'api_token',
      scopes: ['projects:read', 'tasks:read', 'tasks:write'],
      tokenExpiresAt: '2026-12-31T23:59:59Z',
      rateLimit: { limit: 600, remaining: 599 },
      gating: { readOnly: false, tools: expect.arrayContaining([name, tool('list_tasks'), tool('delete_task')]) },
    });
  });

  it('sends requests to STARTER_API_URL, keeping its path prefix', async () => {
    const { scope, sent } = vendor('https://starter.internal.example');
    scope.get('/api/v1/me').reply(200, fixture('api-me'));

    const envelope = expectOk(await createRuntime({ env: { STARTER_API_URL: 'https://starter.internal.example/api/' } }).call(name, {}));

    expect(sent[0]!.path).toBe('/api/v1/me');
    expect(envelope.data).toMatchObject({ status: 'ok' });
  });

  it('reports status error with unauthorized when Starter rejects the token', async () => {
    const { scope } = vendor();
    scope.get('/v1/me').reply(401, starterError('invalid_token', 'The API token is invalid or revoked.'));

    const result = await call(name, {});
    const envelope = expectOk(result);

    expect(envelope.data).toMatchObject({
      status: 'error',
      error: { code: 'unauthorized', message: 'Starter answered 401: The API token is invalid or revoked.' },
    });
    expect(result.content[0]!.text).not.toContain(TOKEN);
  });
});
