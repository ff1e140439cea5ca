import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectDiscordHeaders, expectError, expectOk, fixture, GUILD, v10, vendor } from '../harness.js';

useFakeVendor();

describe('discord_get_guild', () => {
  it('reads the default guild (DISCORD_GUILD_ID) with counts, compact', async () => {
    const { scope, sent } = vendor();
    scope
      .get(v10(`/guilds/${GUILD}`))
      .query({ with_counts: 'true' })
      .reply(200, fixture('guild'));
    const envelope = expectOk(await call('get_guild', {}));
    expectDiscordHeaders(sent[0]);
    expect(envelope.data).toEqual({
      id: GUILD,
      name: 'Analytical Engines',
      description: 'Notes and engines, since 1843.',
      ownerId: '1020000000000000042',
      memberCount: 1284,
      onlineCount: 312,
      roles: 3,
      emojis: 1,
      features: ['COMMUNITY', 'NEWS'],
      preferredLocale: 'en-US',
      premiumTier: 1,
      systemChannelId: '1087345678901234999',
      rulesChannelId: '1087345678901234002',
    });
  });

  it('takes an explicit guild_id over the default', async () => {
    const { scope, sent } = vendor();
    scope
      .get(v10('/guilds/1087345678901299999'))
      .query(true)
      .reply(200, { ...fixture('guild'), id: '1087345678901299999' });
    expectOk(await call('get_guild', { guild_id: '1087345678901299999' }));
    expect(sent[0]!.path).toBe(v10('/guilds/1087345678901299999'));
  });

  it('without guild_id or DISCORD_GUILD_ID says what to do and sends nothing', async () => {
    const error = expectError(await createRuntime({ env: { DISCORD_GUILD_ID: undefined } }).call('get_guild', {}), 'invalid_input');
    expect(error.message).toBe('No server given: pass guild_id or set DISCORD_GUILD_ID.');
    expect(error.hint).toContain('discord_list_guilds');
  });

  it('rejects an id that is not a snowflake before any request', async () => {
    const error = expectError(await call('get_guild', { guild_id: '../users/@me' }), 'invalid_input');
    expect(error.message).toContain('guild_id');
  });

  it('maps Unknown Guild to not_found with the vendor code', async () => {
    const { scope } = vendor();
    scope
      .get(v10(`/guilds/${GUILD}`))
      .query(true)
      .reply(404, { message: 'Unknown Guild', code: 10004 });
    const error = expectError(await call('get_guild', {}), 'not_found');
    expect(error).toMatchObject({ message: 'Discord answered 404: Unknown Guild', vendorCode: '10004', retryable: false });
    expect(error.hint).toContain('not in this guild');
  });
});
