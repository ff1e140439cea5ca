import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, CHANNEL, expectDiscordHeaders, expectError, expectOk, fixture, GUILD, v10, vendor } from '../harness.js';

useFakeVendor();

describe('discord_list_webhooks', () => {
  it('lists a channel’s webhooks without tokens or URLs', async () => {
    const { scope, sent } = vendor();
    scope.get(v10(`/channels/${CHANNEL}/webhooks`)).reply(200, fixture('webhooks'));
    const result = await call('list_webhooks', { channel_id: CHANNEL });
    const envelope = expectOk(result);
    expectDiscordHeaders(sent[0]);
    expect(envelope.data).toEqual([
      { id: '1087345678901241001', name: 'CI notifications', type: 'incoming', channelId: CHANNEL, guildId: GUILD, creator: 'Release Bot' },
      { id: '1087345678901241002', name: 'Status page', type: 'channel_follower', channelId: CHANNEL, guildId: GUILD },
    ]);
    expect(JSON.stringify(result)).not.toContain('WEBHOOK_TOKEN_CANARY');
  });

  it('lists the default guild’s webhooks without channel_id', async () => {
    const { scope, sent } = vendor();
    scope.get(v10(`/guilds/${GUILD}/webhooks`)).reply(200, []);
    expectOk(await call('list_webhooks', {}));
    expect(sent[0]!.path).toBe(v10(`/guilds/${GUILD}/webhooks`));
  });

  it('explains Manage Webhooks when forbidden', async () => {
    const { scope } = vendor();
    scope.get(v10(`/channels/${CHANNEL}/webhooks`)).reply(403, fixture('error-missing-permissions'));
    const error = expectError(await call('list_webhooks', { channel_id: CHANNEL }), 'forbidden');
    expect(error.hint).toContain('Manage Webhooks');
  });
});
