import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { NOTES_URL, notesConnector } from './support/notes-connector.js';
import { notesRuntime, success, useNock } from './support/runtime.js';

useNock();

interface Health {
  status: string;
  [key: string]: unknown;
}

describe('<id>_health', () => {
  it('is registered for every connector, read-only, taking no arguments', () => {
    const { runtime } = notesRuntime();
    const health = runtime.listTools()[0]!;
    expect(health.name).toBe('notes_health');
    expect(health.annotations.readOnlyHint).toBe(true);
    expect(health.inputSchema).toMatchObject({ type: 'object', properties: {} });
  });

  it('answers ok with who the credentials belong to, the rate limit and the version', async () => {
    const scope = nock(NOTES_URL)
      .get('/v1/me')
      .reply(200, { name: 'Ada', workspace: 'Lab', scopes: ['notes:read', 'notes:write'] }, { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '59' });
    const { runtime } = notesRuntime();
    const envelope = success<Health>(await runtime.callTool('notes_health', {}));
    expect(envelope.data).toEqual({
      status: 'ok',
      connector: 'notes',
      version: '1.2.3',
      user: 'Ada',
      org: 'Lab',
      authMode: 'api_token',
      scopes: ['notes:read', 'notes:write'],
      rateLimit: { limit: 60, remaining: 59, resetAt: '2030-01-01T00:00:00.000Z' },
      gating: { readOnly: false, tools: ['notes_health', 'notes_list_notes', 'notes_get_note', 'notes_create_note', 'notes_delete_note'] },
    });
    expect(envelope.meta.rateLimit).toEqual({ limit: 60, remaining: 59, resetAt: '2030-01-01T00:00:00.000Z' });
    expect(scope.isDone()).toBe(true);
  });

  it('answers not_configured (as data, not an error) naming what is missing, without calling the vendor', async () => {
    const scope = nock(NOTES_URL).get('/v1/me').reply(200, {});
    const { runtime } = notesRuntime({ env: { NOTES_API_URL: 'not a url' } });
    const envelope = success<Health>(await runtime.callTool('notes_health', {}));
    expect(envelope.data).toMatchObject({ status: 'not_configured', missing: ['NOTES_API_TOKEN'], problems: ['NOTES_API_URL must be an http(s) URL.'] });
    expect(scope.isDone()).toBe(false);
  });

  it('answers error with the code and hint when the credentials are refused', async () => {
    nock(NOTES_URL)
      .get('/v1/me')
      .reply(401, { error: { code: 'token_revoked', message: 'Token revoked.' } });
    const { runtime } = notesRuntime();
    const envelope = success<Health>(await runtime.callTool('notes_health', {}));
    expect(envelope.data).toMatchObject({
      status: 'error',
      error: { code: 'unauthorized', message: 'Notes answered 401: Token revoked.', hint: expect.stringMatching(/credentials/) },
    });
  });

  it('uses the configuration the connector says it requires', async () => {
    const custom = { ...notesConnector, requires: () => ({ missing: ['NOTES_API_TOKEN'], problems: ['Or log in with OAuth instead'] }) };
    const { runtime } = notesRuntime({}, custom);
    expect(success<Health>(await runtime.callTool('notes_health', {})).data).toMatchObject({
      status: 'not_configured',
      missing: ['NOTES_API_TOKEN'],
      problems: ['Or log in with OAuth instead.'],
    });
  });
});
