import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectDiscordHeaders, expectError, expectOk, fixture, RATE_HEADERS, v10, vendor } from '../harness.js';

useFakeVendor();

describe('discord_list_guilds', () => {
  it('lists the servers with member counts and fills meta.rateLimit', async () => {
    const { scope, sent } = vendor();
    scope.get(v10('/users/@me/guilds')).query(true).reply(200, fixture('guilds'), RATE_HEADERS);
    const envelope = expectOk(await call('list_guilds', {}));

    expect(sent[0]).toMatchObject({ method: 'GET', path: v10('/users/@me/guilds'), query: { limit: '25', with_counts: 'true' } });
    expectDiscordHeaders(sent[0]);
    expect(envelope.data).toEqual([
      { id: '1087345678901234567', name: 'Analytical Engines', owner: false, memberCount: 1284, onlineCount: 312 },
      { id: '1087345678901299999', name: 'Bot testing', owner: true, memberCount: 3, onlineCount: 1 },
    ]);
    expect(envelope.nextCursor).toBeUndefined();
    expect(envelope.meta.rateLimit).toEqual({ limit: 5, remaining: 4, resetAt: '2026-01-01T00:00:00.250Z' });
  });

  it('pages with after inside an opaque cursor', async () => {
    const { scope, sent } = vendor();
    const guilds = fixture('guilds');
    scope.get(v10('/users/@me/guilds')).query(true).reply(200, guilds);
    scope.get(v10('/users/@me/guilds')).query(true).reply(200, []);
    const { call } = createRuntime();
    const first = expectOk(await call('list_guilds', { limit: 2 }));
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(first.nextCursor).not.toContain('1087345678901299999');
    const second = expectOk(await call('list_guilds', { limit: 2, cursor: first.nextCursor }));
    expect(sent[1]!.query).toMatchObject({ limit: '2', after: '1087345678901299999' });
    expect(second.data).toEqual([]);
    expect(second.nextCursor).toBeUndefined();
  });

  it('adds raw fields on request', async () => {
    const { scope } = vendor();
    scope.get(v10('/users/@me/guilds')).query(true).reply(200, fixture('guilds'));
    const envelope = expectOk(await call('list_guilds', { fields: ['permissions', 'nope'] }));
    expect(envelope.data[0]).toMatchObject({ permissions: '395405511760' });
    expect(envelope.warnings).toEqual(['Unknown fields ignored: nope.']);
  });

  it('refuses a cursor from another tool and a limit over 200 without a request', async () => {
    const { call } = createRuntime();
    const foreign = Buffer.from(JSON.stringify({ t: 'discord_list_members', s: { after: '1020000000000000042' } })).toString('base64url');
    expectError(await call('list_guilds', { cursor: foreign }), 'invalid_input');
    expectError(await call('list_guilds', { limit: 201 }), 'invalid_input');
  });
});
