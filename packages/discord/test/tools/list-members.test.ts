import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectDiscordHeaders, expectError, expectOk, fixture, GUILD, v10, vendor } from '../harness.js';

useFakeVendor();
const path = v10(`/guilds/${GUILD}/members`);

describe('discord_list_members', () => {
  it('lists members compactly and pages with after', async () => {
    const { scope, sent } = vendor();
    scope.get(path).query(true).reply(200, fixture('members'));
    scope.get(path).query(true).reply(200, []);
    const { call } = createRuntime();
    const first = expectOk(await call('list_members', { limit: 2 }));
    expectDiscordHeaders(sent[0]);
    expect(sent[0]!.query).toEqual({ limit: '2' });
    expect(first.data).toEqual([
      { userId: '1020000000000000042', username: 'ada', displayName: 'Ada', roles: ['1087345678901236001'], joinedAt: '2023-03-20T09:12:44.123000+00:00' },
      {
        userId: '1020000000000000043',
        username: 'grace',
        displayName: 'Amazing Grace',
        nick: 'Amazing Grace',
        roles: [],
        joinedAt: '2023-04-02T18:30:00.000000+00:00',
        timedOutUntil: '2099-01-01T00:00:00.000000+00:00',
      },
    ]);
    const second = expectOk(await call('list_members', { limit: 2, cursor: first.nextCursor }));
    expect(sent[1]!.query).toEqual({ limit: '2', after: '1020000000000000043' });
    expect(second.nextCursor).toBeUndefined();
  });

  it('on 403 Missing Access names the Server Members Intent and where to enable it', async () => {
    const { scope } = vendor();
    scope.get(path).query(true).reply(403, fixture('error-missing-access'));
    const error = expectError(await call('list_members', {}), 'forbidden');
    expect(error.vendorCode).toBe('50001');
    expect(error.hint).toBe(
      'Listing members needs the Server Members Intent: Discord Developer Portal → your app → Bot → Privileged Gateway Intents → Server Members Intent, save, then call again (bots in 100+ servers must be approved for it).',
    );
  });

  it('refuses limit over 100', async () => {
    expectError(await call('list_members', { limit: 1000 }), 'invalid_input');
  });
});
