import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useFakeVendor } from '@connectors/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { cliConfigDir } from '../src/cli-session.js';
import { call, createRuntime, expectCoderHeaders, expectError, expectOk, fixture, TOKEN, tool, vendor } from './harness.js';

useFakeVendor();
const name = tool('health');
const DIR = mkdtempSync(join(tmpdir(), 'coder-cli-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

function mountHealth(scope: ReturnType<typeof vendor>['scope']) {
  scope.get('/api/v2/users/me').reply(200, fixture('api-user'), { 'x-ratelimit-limit': '512', 'x-ratelimit-remaining': '509' });
  scope.get('/api/v2/buildinfo').reply(200, fixture('api-buildinfo'));
  scope.get('/api/v2/entitlements').reply(200, fixture('api-entitlements'));
}

describe('coder_health', () => {
  it('names the user, deployment, version, roles and licensed features', async () => {
    const { scope, sent } = vendor();
    mountHealth(scope);
    const envelope = expectOk(await call(name, {}));
    expect(sent.map((r) => r.path).sort()).toEqual(['/api/v2/buildinfo', '/api/v2/entitlements', '/api/v2/users/me']);
    sent.forEach(expectCoderHeaders);
    expect(envelope.data).toEqual({
      status: 'ok',
      connector: 'coder',
      version: pkg.version,
      deploymentVersion: 'v2.28.3+4f1c2a9',
      user: 'Ada Lovelace (ada)',
      authMode: 'session_token',
      deployment: 'https://coder.example.com',
      roles: ['template-admin'],
      license: 'licensed',
      features: ['audit_log', 'template_rbac', 'user_limit'],
      rateLimit: expect.objectContaining({ limit: 512 }),
      gating: expect.objectContaining({ readOnly: false }),
    });
  });

  it('works on a deployment without entitlements (404) and reports a bad token with what to do', async () => {
    const { scope } = vendor();
    scope.get('/api/v2/users/me').reply(200, fixture('api-user'));
    scope.get('/api/v2/buildinfo').reply(200, fixture('api-buildinfo'));
    scope.get('/api/v2/entitlements').reply(404, fixture('api-error-not-found'));
    const envelope = expectOk<Record<string, unknown>>(await call(name, {}));
    expect(envelope.data.status).toBe('ok');
    expect(envelope.data.license).toBeUndefined();

    scope.get('/api/v2/users/me').reply(401, { message: 'You must be authenticated to access this resource.', detail: 'API key expired.' });
    scope.get('/api/v2/buildinfo').reply(200, fixture('api-buildinfo'));
    scope.get('/api/v2/entitlements').reply(200, fixture('api-entitlements'));
    const bad = expectOk<{ status: string; error: { code: string; message: string; hint: string } }>(await call(name, {}));
    expect(bad.data).toMatchObject({
      status: 'error',
      error: { code: 'unauthorized', message: expect.stringContaining('API key expired'), hint: expect.stringContaining('coder login') },
    });
  });

  it('registers exec only when --toolsets names it', () => {
    expect(createRuntime().runtime.toolNames()).not.toContain(tool('run_command'));
    expect(createRuntime({ gating: { toolsets: ['workspaces', 'exec'] } }).runtime.toolNames()).toContain(tool('run_command'));
  });
});

describe('the coder CLI’s login', () => {
  it('is used when CODER_URL and CODER_SESSION_TOKEN are unset, read from its config dir, and never printed', async () => {
    const dir = join(DIR, 'coderv2');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'url'), 'https://coder.example.com\n');
    writeFileSync(join(dir, 'session'), `${TOKEN}\n`);
    const { scope, sent } = vendor();
    mountHealth(scope);
    const runtime = createRuntime({ env: { CODER_URL: undefined, CODER_SESSION_TOKEN: undefined, CODER_CONFIG_DIR: dir } });
    const envelope = expectOk(await runtime.call(name, {}));
    expect(envelope.data).toMatchObject({ status: 'ok', authMode: 'coder_cli_session', user: 'Ada Lovelace (ada)' });
    expect(sent[0]!.headers['coder-session-token']).toBe(TOKEN);
  });

  it('says what to set, or to log in with the CLI, when neither is there, without a request', async () => {
    const { sent } = vendor();
    const runtime = createRuntime({ env: { CODER_URL: undefined, CODER_SESSION_TOKEN: undefined, CODER_CONFIG_DIR: join(DIR, 'empty') } });
    const envelope = expectOk<{ status: string; missing: string[]; problems: string[] }>(await runtime.call(name, {}));
    expect(envelope.data).toMatchObject({
      status: 'not_configured',
      missing: ['CODER_URL', 'CODER_SESSION_TOKEN'],
      problems: [expect.stringContaining('coder login')],
    });
    expectError(await runtime.call(tool('list_workspaces'), {}), 'not_configured');
    expect(sent).toEqual([]);
  });

  it('looks where the CLI looks on each platform', () => {
    expect(cliConfigDir(undefined, { HOME: '/home/ada' }, 'linux')).toBe('/home/ada/.config/coderv2');
    expect(cliConfigDir(undefined, { HOME: '/home/ada', XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe('/xdg/coderv2');
    expect(cliConfigDir(undefined, { HOME: '/Users/ada' }, 'darwin')).toBe('/Users/ada/Library/Application Support/coderv2');
    expect(cliConfigDir(undefined, { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32')).toMatch(/coderv2$/);
    expect(cliConfigDir('/custom', {}, 'linux')).toBe('/custom');
  });
});
