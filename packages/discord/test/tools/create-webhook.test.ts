import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, CHANNEL, expectDiscordHeaders, expectError, expectOk, fixture, v10, vendor } from '../harness.js';

useFakeVendor();

describe('discord_create_webhook', () => {
  it('creates a webhook and returns its URL with a warning to keep it secret', async () => {
    const { scope, sent } = vendor();
    scope.post(v10(`/channels/${CHANNEL}/webhooks`)).reply(200, fixture('webhook-created'));
    const envelope = expectOk(await call('create_webhook', { channel_id: CHANNEL, name: 'CI notifications', reason: 'Build alerts' }));
    expect(sent[0]!.body).toEqual({ name: 'CI notifications' });
    expectDiscordHeaders(sent[0], { json: true, reason: 'Build%20alerts' });
    expect(envelope.data).toEqual({
      id: '1087345678901241001',
      name: 'CI notifications',
      type: 'incoming',
      channelId: CHANNEL,
      guildId: '1087345678901234567',
      creator: 'Release Bot',
      url: 'https://discord.com/api/webhooks/1087345678901241001/Xh7pQk2mZr9vLw4sTn6yBc1dFg8jHa3eKu5oPi0qRx_WEBHOOK_TOKEN_CANARY',
    });
    expect(envelope.warnings?.[0]).toContain('store it like a password');
  });

  it('builds the URL from the token when Discord sends no url', async () => {
    const { scope } = vendor();
    const { url: _url, ...webhook } = fixture('webhook-created');
    scope.post(v10(`/channels/${CHANNEL}/webhooks`)).reply(200, webhook);
    const envelope = expectOk(await call('create_webhook', { channel_id: CHANNEL, name: 'CI' }));
    expect(envelope.data.url).toBe(`https://discord.com/api/webhooks/1087345678901241001/${webhook.token}`);
  });

  it('refuses names Discord rejects', async () => {
    const error = expectError(await call('create_webhook', { channel_id: CHANNEL, name: 'Discord alerts' }), 'invalid_input');
    expect(error.message).toContain('"discord"');
  });
});
