// requires(): what the configuration still needs before tools run, as health and every call report it.
import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { requires } from '../src/config.js';
import { call, createRuntime, expectError, expectOk, TOKEN } from './harness.js';

useFakeVendor();

describe('requires', () => {
  it('asks for the token when it is unset', () => {
    expect(requires({ STARTER_API_TOKEN: undefined, STARTER_API_URL: 'https://api.starter.example' })).toEqual({
      missing: ['STARTER_API_TOKEN'],
      problems: [],
    });
    expect(requires({ STARTER_API_TOKEN: TOKEN, STARTER_API_URL: 'https://api.starter.example' })).toEqual({ missing: [], problems: [] });
  });

  it('refuses a plain-http URL the token would cross the network to, but not this machine', () => {
    expect(requires({ STARTER_API_TOKEN: TOKEN, STARTER_API_URL: 'http://starter.internal.example/api' }).problems).toEqual([
      'STARTER_API_URL must use https: the API token would cross the network in clear to starter.internal.example',
    ]);
    for (const url of ['http://127.0.0.1:8080', 'http://localhost:3000/api', 'http://[::1]:9']) {
      expect(requires({ STARTER_API_TOKEN: TOKEN, STARTER_API_URL: url }).problems).toEqual([]);
    }
  });

  it('makes health say not_configured, naming what to set, without a request', async () => {
    const envelope = expectOk(await call('health', {}, { env: { STARTER_API_TOKEN: undefined } }));
    expect(envelope.data).toMatchObject({ status: 'not_configured', missing: ['STARTER_API_TOKEN'] });
  });

  it('makes every tool answer not_configured with the problem, before any request', async () => {
    const runtime = createRuntime({ env: { STARTER_API_URL: 'http://starter.internal.example' } });
    const error = expectError(await runtime.call('list_projects', {}), 'not_configured');
    expect(error.message).toContain('STARTER_API_URL must use https');
    const health = expectOk(await runtime.call('health', {}));
    expect(health.data).toMatchObject({ status: 'not_configured', problems: [expect.stringContaining('STARTER_API_URL must use https')] });
    expect(runtime.requests).toEqual([]);
  });
});
