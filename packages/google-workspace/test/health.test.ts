import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { call, createRuntime, expectError, expectGoogleHeaders, expectOk, fixture, tool, vendor } from './harness.js';

useFakeVendor();
const name = tool('health');

describe('google_workspace_health', () => {
  it('asks Google who the token belongs to (userinfo) and reports the auth mode and services', async () => {
    const { scope, sent } = vendor();
    scope.get('/oauth2/v3/userinfo').reply(200, fixture('api-userinfo'));
    const envelope = expectOk(await call(name, {}));
    expect(sent).toHaveLength(1);
    expectGoogleHeaders(sent[0]);
    expect(envelope.data).toEqual({
      status: 'ok',
      connector: 'google-workspace',
      version: pkg.version,
      user: 'Mia Krystof <mia@example.com>',
      authMode: 'access_token',
      services: ['gmail', 'drive', 'calendar'],
      gating: { readOnly: false, tools: createRuntime().runtime.toolNames() },
    });
  });

  it('names the tools by product: gmail_*, google_drive_*, google_calendar_*, and health under the package id', () => {
    expect(createRuntime().runtime.toolNames()).toEqual([
      'google_workspace_health',
      'gmail_search_messages',
      'gmail_get_message',
      'gmail_get_thread',
      'gmail_list_labels',
      'gmail_get_attachment',
      'gmail_send_message',
      'gmail_create_draft',
      'gmail_modify_labels',
      'gmail_trash_message',
      'google_drive_search_files',
      'google_drive_get_file',
      'google_drive_read_file',
      'google_drive_list_permissions',
      'google_drive_upload_file',
      'google_drive_create_folder',
      'google_drive_share_file',
      'google_drive_delete_permission',
      'google_calendar_list_calendars',
      'google_calendar_list_events',
      'google_calendar_get_event',
      'google_calendar_find_free_busy',
      'google_calendar_create_event',
      'google_calendar_update_event',
      'google_calendar_delete_event',
    ]);
    // Every name fits a client's 64-character limit with its `mcp__google-workspace__` prefix.
    for (const toolName of createRuntime().runtime.toolNames()) expect(`mcp__google-workspace__${toolName}`.length).toBeLessThanOrEqual(64);
  });

  it('registers only the services GOOGLE_WORKSPACE_SERVICES enables', () => {
    const names = (services: string) => createRuntime({ env: { GOOGLE_WORKSPACE_SERVICES: services } }).runtime.toolNames();
    expect(
      names('gmail')
        .filter((n) => n !== name)
        .every((n) => n.startsWith('gmail_')),
    ).toBe(true);
    expect(names('gmail')).toHaveLength(10);
    expect(
      names('drive')
        .slice(1)
        .every((n) => n.startsWith('google_drive_')),
    ).toBe(true);
    expect(names('drive')).toHaveLength(9);
    expect(names('calendar,drive')).toHaveLength(16);
    expect(
      names('calendar')
        .slice(1)
        .every((n) => n.startsWith('google_calendar_')),
    ).toBe(true);
  });

  it('reports a revoked token as error with the login command, and keeps serving', async () => {
    const { scope } = vendor();
    scope.get('/oauth2/v3/userinfo').reply(401, { error: 'invalid_token', error_description: 'Invalid Credentials' });
    const envelope = expectOk<{ status: string; error: { code: string; hint: string } }>(await call(name, {}));
    expect(envelope.data).toMatchObject({ status: 'error', error: { code: 'unauthorized', hint: expect.stringContaining('auth login') } });
    scope.get('/gmail/v1/users/me/labels').reply(404, fixture('api-error-not-found'));
    expectError(await call(tool('list_labels'), {}), 'not_found');
  });

  it.each([
    [
      'nothing set',
      {},
      ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'],
      [expect.stringMatching(/^Then run `npx -y @connectors\/google-workspace auth login` once\. Or set GOOGLE_ACCESS_TOKEN/)],
    ],
    ['a client id without its secret', { GOOGLE_CLIENT_ID: 'id.apps.googleusercontent.com' }, ['GOOGLE_CLIENT_SECRET'], []],
    ['a token and a login client', { GOOGLE_ACCESS_TOKEN: 'ya29.x', GOOGLE_CLIENT_ID: 'id' }, [], [expect.stringMatching(/^Use one auth mode only/)]],
    [
      'an unknown service',
      { GOOGLE_ACCESS_TOKEN: 'ya29.x', GOOGLE_WORKSPACE_SERVICES: 'gmail,photos' },
      [],
      ['GOOGLE_WORKSPACE_SERVICES must be a comma-separated list of gmail, drive, calendar.'],
    ],
  ])('with %s, reports not_configured naming what to set, without calling Google', async (_label, env, missing, problems) => {
    const { sent } = vendor();
    const runtime = createRuntime({ env: { GOOGLE_ACCESS_TOKEN: undefined, ...env } });
    const envelope = expectOk(await runtime.call(name, {}));
    expect(envelope.data).toEqual(expect.objectContaining({ status: 'not_configured', missing, problems }));
    expect(sent).toEqual([]);
  });
});
