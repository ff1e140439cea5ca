import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, CHANNEL, expectDiscordHeaders, expectError, expectOk, MESSAGE, v10, vendor } from '../harness.js';

useFakeVendor();
const base = `/channels/${CHANNEL}/messages/${MESSAGE}/reactions`;

describe('discord_add_reaction', () => {
  it('URL-encodes a Unicode emoji as one path segment', async () => {
    const { scope, sent } = vendor();
    scope.put(v10(`${base}/%F0%9F%91%8D/@me`)).reply(204);
    const envelope = expectOk(await call('add_reaction', { channel_id: CHANNEL, message_id: MESSAGE, emoji: '👍' }));
    expect(sent[0]).toMatchObject({ method: 'PUT', path: v10(`${base}/%F0%9F%91%8D/@me`), body: undefined });
    expectDiscordHeaders(sent[0]);
    expect(envelope.data).toEqual({ channelId: CHANNEL, messageId: MESSAGE, emoji: '👍', added: true });
  });

  it('takes a custom emoji as <:name:id> and sends name:id encoded', async () => {
    const { scope, sent } = vendor();
    scope.put(v10(`${base}/shipit%3A1087345678901237001/@me`)).reply(204);
    const envelope = expectOk(await call('add_reaction', { channel_id: CHANNEL, message_id: MESSAGE, emoji: '<:shipit:1087345678901237001>' }));
    expect(sent[0]!.path).toBe(v10(`${base}/shipit%3A1087345678901237001/@me`));
    expect(envelope.data.emoji).toBe('shipit:1087345678901237001');
  });

  it.each([':thumbsup:', 'thumbs up', '../../guilds', 'a'])('refuses %s without calling Discord', async (emoji) => {
    const error = expectError(await call('add_reaction', { channel_id: CHANNEL, message_id: MESSAGE, emoji }), 'invalid_input');
    expect(error.message).toContain('emoji');
  });

  it('maps Unknown Emoji to invalid_input with a hint', async () => {
    const { scope } = vendor();
    scope.put(v10(`${base}/nope%3A1087345678901237009/@me`)).reply(400, { message: 'Unknown Emoji', code: 10014 });
    const error = expectError(await call('add_reaction', { channel_id: CHANNEL, message_id: MESSAGE, emoji: 'nope:1087345678901237009' }), 'invalid_input');
    expect(error).toMatchObject({ vendorCode: '10014' });
    expect(error.hint).toContain('name:id');
  });
});
