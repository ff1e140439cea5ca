import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectDiscordHeaders, expectError, expectOk, fixture, GUILD, v10, vendor } from '../harness.js';

useFakeVendor();

describe('discord_list_roles', () => {
  it('lists roles highest first, with hex colors', async () => {
    const { scope, sent } = vendor();
    scope.get(v10(`/guilds/${GUILD}/roles`)).reply(200, fixture('roles'));
    const envelope = expectOk(await call('list_roles', {}));
    expectDiscordHeaders(sent[0]);
    expect(envelope.data).toEqual([
      {
        id: '1087345678901236001',
        name: 'Moderators',
        color: '#3498db',
        position: 3,
        permissions: '1099511627775',
        hoist: true,
        mentionable: true,
        managed: false,
      },
      {
        id: '1087345678901236002',
        name: 'Release Bot',
        color: null,
        position: 2,
        permissions: '535260822608',
        hoist: false,
        mentionable: false,
        managed: true,
      },
      { id: GUILD, name: '@everyone', color: null, position: 0, permissions: '1071698660929', hoist: false, mentionable: false, managed: false },
    ]);
  });

  it('adds raw fields on request', async () => {
    const { scope } = vendor();
    scope.get(v10(`/guilds/${GUILD}/roles`)).reply(200, fixture('roles'));
    const envelope = expectOk(await call('list_roles', { fields: ['tags'] }));
    expect(envelope.data[1].tags).toEqual({ bot_id: '1190000000000000001' });
  });

  it('needs a guild', async () => {
    expectError(await createRuntime({ env: { DISCORD_GUILD_ID: undefined } }).call('list_roles', {}), 'invalid_input');
  });
});
