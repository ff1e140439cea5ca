// Signing in to the hosted server as MCP specifies: discovery, client registration (client metadata
// document where offered, dynamic registration otherwise), authorization code + PKCE, a token per
// issuer host in a 0600 file, and refresh when the access token expires mid-session.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type StoredTokens } from '@connectors/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { connector } from '../src/connector.js';
import { ALL_SCOPES, startFakeCoconut, type FakeCoconut } from './fake-coconut.js';
import { expectError, expectOk, homeEnv, login, runtimeFor } from './harness.js';

const PLATFORM = 'cn_01J9ZK4M2Q';
const CLIENT_DOCUMENT = 'https://raw.githubusercontent.com/connectors/connectors/main/docs/clients/coconut.json';
let fake: FakeCoconut | undefined;
afterEach(() => fake?.stop());

function tokenFile(env: { XDG_CONFIG_HOME: string }, fake: FakeCoconut): string {
  return join(env.XDG_CONFIG_HOME, 'connectors', 'coconut', 'accounts', `${new URL(fake.url).host.replace(':', '-')}.json`);
}

describe('auth login', () => {
  it('registers dynamically, signs in with PKCE and the resource, and saves the tokens 0600 per issuer host', async () => {
    fake = await startFakeCoconut();
    const env = { ...homeEnv(), COCONUT_MCP_URL: fake.url };
    const { exitCode, output, authorize } = await login(env);
    expect(exitCode, output).toBe(0);
    expect(authorize.searchParams.get('client_id')).toMatch(/^dyn_/);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('resource')).toBe(fake.url);
    expect(authorize.searchParams.get('scope')!.split(' ').sort()).toEqual([...ALL_SCOPES].sort());
    const file = tokenFile(env, fake);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as StoredTokens;
    expect(saved.server).toMatchObject({ issuer: fake.origin, resource: fake.url, tokenUrl: `${fake.origin}/token`, registration: 'dynamic' });
    expect(saved.refreshToken).toMatch(/^cnr_/);
    // Nothing secret in what the login printed.
    expect(output).not.toContain(saved.accessToken);
    expect(output).not.toContain(saved.refreshToken);

    // The server uses the saved login.
    const runtime = runtimeFor(env);
    expectOk(await runtime.call('tasks_list', { coconutId: PLATFORM }));
    const health = expectOk(await runtime.call('health')).data as { authMode: string; scopes: string[] };
    expect(health.authMode).toBe('oauth');
    expect(health.scopes.sort()).toEqual([...ALL_SCOPES].sort());
  });

  it('uses a client metadata document where the server supports them, with no registration', async () => {
    fake = await startFakeCoconut({ metadataDocuments: { [CLIENT_DOCUMENT]: { client_id: CLIENT_DOCUMENT, redirect_uris: ['http://127.0.0.1/callback'] } } });
    const env = { ...homeEnv(), COCONUT_MCP_URL: fake.url };
    const { exitCode, output, authorize } = await login(env);
    expect(exitCode, output).toBe(0);
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT_DOCUMENT);
    expect(fake.requests.some((r) => r.path === '/register')).toBe(false);
    expect((JSON.parse(readFileSync(tokenFile(env, fake), 'utf8')) as StoredTokens).server?.registration).toBe('metadata-document');
  });

  it('asks only for the scopes of COCONUT_SCOPES, or of the read tools with --read-only; the server then registers only those tools', async () => {
    fake = await startFakeCoconut();
    const env = { ...homeEnv(), COCONUT_MCP_URL: fake.url };
    const readOnly = await login(env, ['--read-only']);
    expect(readOnly.authorize.searchParams.get('scope')).not.toContain('write');
    const restricted = await login({ ...env, COCONUT_SCOPES: 'tasks:read tasks:write' });
    expect(restricted.authorize.searchParams.get('scope')).toBe('tasks:read tasks:write');
    // A server started without COCONUT_SCOPES registers what the saved login may call.
    expect(runtimeFor(env).runtime.toolNames().sort()).toEqual([
      'coconut_health',
      'coconut_task_update',
      'coconut_tasks_create',
      'coconut_tasks_get',
      'coconut_tasks_list',
    ]);
  });

  it('without a login, tools answer not_configured naming the login command', async () => {
    fake = await startFakeCoconut();
    const error = expectError(await runtimeFor({ ...homeEnv(), COCONUT_MCP_URL: fake.url }).call('coconuts_list'), 'not_configured');
    expect(error.hint).toContain('npx -y @connectors/coconut auth login');
    expect(fake.requests.filter((r) => r.path === '/mcp')).toHaveLength(0);
  });

  it('keeps logins of different upstreams apart: a token is only sent back to the host that issued it', async () => {
    fake = await startFakeCoconut();
    const other = await startFakeCoconut();
    try {
      const home = homeEnv();
      await login({ ...home, COCONUT_MCP_URL: fake.url });
      const error = expectError(await runtimeFor({ ...home, COCONUT_MCP_URL: other.url }).call('coconuts_list'), 'not_configured');
      expect(error.message).toContain('Not logged in');
      expect(other.requests).toHaveLength(0);
      expect(readdirSync(join(home.XDG_CONFIG_HOME, 'connectors', 'coconut', 'accounts'))).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });

  it('auth status and logout (revoking the refresh token)', async () => {
    fake = await startFakeCoconut();
    const env = { ...homeEnv(), COCONUT_MCP_URL: fake.url };
    await login(env);
    let out = '';
    const io = { env: env as NodeJS.ProcessEnv, out: (t: string) => void (out += t), err: (t: string) => void (out += t) };
    expect(await runCli(connector, { ...io, argv: ['auth', 'status'] })).toBe(0);
    expect(out).toContain('Logged in to Coconut');
    expect(out).toContain('tasks:write');
    expect(await runCli(connector, { ...io, argv: ['auth', 'logout'] })).toBe(0);
    expect(fake.requests.some((r) => r.path === '/revoke')).toBe(true);
    expectError(await runtimeFor(env).call('coconuts_list'), 'not_configured');
  });
});

describe('a token that expires mid-session', () => {
  it('is refreshed (with the rotated refresh token saved) and the call goes through', async () => {
    fake = await startFakeCoconut();
    const env = { ...homeEnv(), COCONUT_MCP_URL: fake.url };
    await login(env);
    const runtime = runtimeFor(env);
    expectOk(await runtime.call('coconuts_list'));
    const before = JSON.parse(readFileSync(tokenFile(env, fake), 'utf8')) as StoredTokens;
    fake.expireTokens();
    expectOk(await runtime.call('jobs_list', { coconutId: PLATFORM }));
    const after = JSON.parse(readFileSync(tokenFile(env, fake), 'utf8')) as StoredTokens;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.refreshedAt).toBeDefined();
    expect(after.server).toEqual(before.server);
    // The first request after the expiry (the name lookup) was refused, refreshed and sent again; the rest used the new token.
    const sent = fake.requests
      .filter((r) => r.rpc === 'tools/call')
      .slice(1)
      .map((r) => `${r.tool} ${r.token === before.accessToken ? 'old' : r.token === after.accessToken ? 'new' : '?'}`);
    expect(sent).toEqual(['coconuts_list old', 'coconuts_list new', 'jobs_list new']);
    expect(fake.requests.filter((r) => r.path === '/token')).toHaveLength(2);
  });

  it('answers unauthorized with the login command when the refresh is refused', async () => {
    fake = await startFakeCoconut();
    const env = { ...homeEnv(), COCONUT_MCP_URL: fake.url };
    await login(env);
    const runtime = runtimeFor(env);
    expectOk(await runtime.call('coconuts_list'));
    // Revoked elsewhere: the refresh token no longer works.
    const saved = JSON.parse(readFileSync(tokenFile(env, fake), 'utf8')) as StoredTokens;
    await fetch(`${fake.origin}/revoke`, { method: 'POST', body: new URLSearchParams({ token: saved.refreshToken! }) });
    fake.expireTokens();
    const error = expectError(await runtime.call('coconuts_list'), 'unauthorized');
    expect(error.hint).toContain('auth login');
    expect(JSON.stringify(error)).not.toContain(saved.refreshToken!);
  });
});
