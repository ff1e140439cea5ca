import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, CHANNEL, createRuntime, expectDiscordHeaders, expectError, expectOk, fixture, v10, vendor } from '../harness.js';

useFakeVendor();

describe('discord_get_channel', () => {
  it('reads a channel', async () => {
    const { scope, sent } = vendor();
    scope.get(v10(`/channels/${CHANNEL}`)).reply(200, fixture('channel'));
    const envelope = expectOk(await call('get_channel', { channel_id: CHANNEL }));
    expectDiscordHeaders(sent[0]);
    expect(envelope.data).toMatchObject({ id: CHANNEL, name: 'releases', typeName: 'text', topic: 'What shipped, one post per release' });
  });

  it('shows thread state for a thread', async () => {
    const { scope } = vendor();
    scope.get(v10('/channels/1087345678901239001')).reply(200, fixture('thread'));
    const envelope = expectOk(await call('get_channel', { channel_id: '1087345678901239001' }));
    expect(envelope.data).toMatchObject({
      typeName: 'public_thread',
      parentId: CHANNEL,
      thread: { archived: false, locked: false, messageCount: 0, memberCount: 1, ownerId: '1190000000000000001' },
    });
  });

  it('maps Unknown Channel to not_found', async () => {
    const { scope } = vendor();
    scope.get(v10(`/channels/${CHANNEL}`)).reply(404, fixture('error-unknown-channel'));
    const error = expectError(await call('get_channel', { channel_id: CHANNEL }), 'not_found');
    expect(error.vendorCode).toBe('10003');
  });

  it('rejects a missing or malformed channel_id', async () => {
    const { call } = createRuntime();
    expectError(await call('get_channel', {}), 'invalid_input');
    expectError(await call('get_channel', { channel_id: '12345' }), 'invalid_input');
  });
});
