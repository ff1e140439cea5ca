import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { nonceFor } from '../../src/tools/send-message.js';
import { call, CHANNEL, createRuntime, expectDiscordHeaders, expectError, expectOk, fixture, MESSAGE, v10, vendor } from '../harness.js';

useFakeVendor();
const path = v10(`/channels/${CHANNEL}/messages`);

describe('discord_send_message', () => {
  it('sends text and pings nobody by default', async () => {
    const { scope, sent } = vendor();
    scope.post(path).reply(200, fixture('message'));
    const envelope = expectOk(await call('send_message', { channel_id: CHANNEL, content: 'Deploy done @everyone <@1020000000000000042>' }));
    expect(sent[0]!.body).toEqual({ content: 'Deploy done @everyone <@1020000000000000042>', allowed_mentions: { parse: [] } });
    expectDiscordHeaders(sent[0], { json: true });
    expect(envelope.warnings).toEqual(['Mentions in the text did not notify anyone (the default); pass allowed_mentions to ping them.']);
    expect(envelope.data).toMatchObject({
      id: '1087345678901235114',
      author: { id: '1190000000000000001', username: 'Release Bot', bot: true },
      content: 'Release 1.4.0 is out 🎉',
      replyTo: MESSAGE,
      embeds: [{ title: 'Release 1.4.0', description: 'Faster search, fewer bugs.' }],
    });
  });

  it('sends typed embeds, a reply and an explicit allowed_mentions', async () => {
    const { scope, sent } = vendor();
    scope.post(path).reply(200, fixture('message'));
    expectOk(
      await call('send_message', {
        channel_id: CHANNEL,
        content: 'Thanks <@1020000000000000042>',
        reply_to: MESSAGE,
        allowed_mentions: { users: ['1020000000000000042'], replied_user: true },
        embeds: [
          {
            title: 'Release 1.4.0',
            description: 'Faster search, fewer bugs.',
            url: 'https://example.com/releases/1.4.0',
            color: '#5865F2',
            timestamp: '2025-12-09T12:00:00Z',
            fields: [{ name: 'Changes', value: '12', inline: true }],
            footer: { text: 'release-bot', icon_url: 'https://example.com/icon.png' },
            image: { url: 'https://example.com/chart.png' },
            thumbnail: { url: 'https://example.com/thumb.png' },
            author: { name: 'Ada', url: 'https://example.com/ada' },
          },
        ],
      }),
    );
    expect(sent[0]!.body).toEqual({
      content: 'Thanks <@1020000000000000042>',
      embeds: [
        {
          title: 'Release 1.4.0',
          description: 'Faster search, fewer bugs.',
          url: 'https://example.com/releases/1.4.0',
          color: 0x5865f2,
          timestamp: '2025-12-09T12:00:00Z',
          fields: [{ name: 'Changes', value: '12', inline: true }],
          footer: { text: 'release-bot', icon_url: 'https://example.com/icon.png' },
          image: { url: 'https://example.com/chart.png' },
          thumbnail: { url: 'https://example.com/thumb.png' },
          author: { name: 'Ada', url: 'https://example.com/ada' },
        },
      ],
      allowed_mentions: { users: ['1020000000000000042'], replied_user: true },
      message_reference: { message_id: MESSAGE },
    });
  });

  it.each([
    ['nothing to send', {}, 'content: pass content or at least one embed'],
    ['blank content', { content: '   ' }, 'pass content or at least one embed'],
    ['content over 2000', { content: 'a'.repeat(2001) }, 'content'],
    ['title over 256', { embeds: [{ title: 'a'.repeat(257) }] }, 'embeds.0.title'],
    ['description over 4096', { embeds: [{ description: 'a'.repeat(4097) }] }, 'embeds.0.description'],
    ['26 fields', { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, 'embeds.0.fields'],
    ['field value over 1024', { embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] }, 'embeds.0.fields.0.value'],
    ['field name over 256', { embeds: [{ fields: [{ name: 'n'.repeat(257), value: 'v' }] }] }, 'embeds.0.fields.0.name'],
    ['footer over 2048', { embeds: [{ footer: { text: 'f'.repeat(2049) } }] }, 'embeds.0.footer.text'],
    ['author over 256', { embeds: [{ author: { name: 'a'.repeat(257) } }] }, 'embeds.0.author.name'],
    ['11 embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, 'embeds'],
    ['6001 characters across embeds', { embeds: [{ description: 'a'.repeat(4000) }, { description: 'b'.repeat(2001) }] }, 'embeds have 6001 characters in all'],
    ['an empty embed', { embeds: [{}] }, 'an embed needs at least one'],
    ['an unknown embed key', { embeds: [{ title: 't', colour: 1 }] }, 'colour'],
    // Nested objects refuse unknown keys in code, as the contract does for arguments (tools/list does not spell it out).
    ['an unknown footer key', { embeds: [{ footer: { text: 'f', icon: 'https://example.com/i.png' } }] }, 'icon'],
    ['an unknown allowed_mentions key', { content: 'hi', allowed_mentions: { everyone: true } }, 'everyone'],
    ['an empty field name', { embeds: [{ fields: [{ name: '', value: 'v' }] }] }, 'embeds.0.fields.0.name'],
    ['an empty title', { embeds: [{ title: '' }] }, 'embeds.0.title'],
    ['a date that is not ISO 8601', { embeds: [{ title: 't', timestamp: 'Jan 31 2026' }] }, 'embeds.0.timestamp'],
    ['a url over 2048', { embeds: [{ title: 't', url: `https://example.com/${'a'.repeat(2030)}` }] }, 'embeds.0.url'],
    ['a url that is not one', { embeds: [{ image: { url: 'not a url' } }] }, 'embeds.0.image.url'],
    ['a bad color', { embeds: [{ title: 't', color: 'blue' }] }, 'embeds.0.color'],
    ['a bad timestamp', { embeds: [{ title: 't', timestamp: 'yesterday' }] }, 'embeds.0.timestamp'],
    ['a non-http url', { embeds: [{ title: 't', url: 'javascript:alert(1)' }] }, 'embeds.0.url'],
    ['parse users with a users list', { content: 'hi', allowed_mentions: { parse: ['users'], users: ['1020000000000000042'] } }, 'allowed_mentions.users'],
    ['a bad reply id', { content: 'hi', reply_to: 'latest' }, 'reply_to'],
  ])('refuses %s without calling Discord', async (_name, args, fragment) => {
    const error = expectError(await call('send_message', { channel_id: CHANNEL, ...args }), 'invalid_input');
    expect(error.message).toContain(fragment);
  });

  it('accepts exactly the limits', async () => {
    const { scope } = vendor();
    scope.post(path).reply(200, fixture('message'));
    const embeds = [
      {
        title: 't'.repeat(256),
        description: 'd'.repeat(4096),
        fields: [{ name: 'n'.repeat(256), value: 'v'.repeat(1024) }],
        footer: { text: 'f'.repeat(368) },
      },
    ];
    expectOk(await call('send_message', { channel_id: CHANNEL, content: 'c'.repeat(2000), embeds }));
  });

  it('turns an idempotencyKey into an enforced nonce and replays a repeat without sending', async () => {
    const { scope, sent } = vendor();
    scope.post(path).reply(200, fixture('message'));
    const { call } = createRuntime();
    const args = { channel_id: CHANNEL, content: 'Release 1.4.0 is out', idempotencyKey: 'release-1.4.0-announce' };
    expectOk(await call('send_message', args));
    const replay = expectOk(await call('send_message', args));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ nonce: nonceFor('release-1.4.0-announce'), enforce_nonce: true });
    expect((sent[0]!.body as { nonce: string }).nonce).toHaveLength(25);
    expect(replay.meta.idempotentReplay).toBe(true);
  });

  it('retries a 503 only when a nonce makes the POST safe to repeat', async () => {
    const { scope, sent } = vendor();
    scope.post(path).reply(503, { message: 'Service Unavailable', code: 0 });
    scope.post(path).reply(200, fixture('message'));
    scope.post(path).reply(503, { message: 'Service Unavailable', code: 0 });
    const { call } = createRuntime();
    expectOk(await call('send_message', { channel_id: CHANNEL, content: 'once', idempotencyKey: 'once-only-123' }));
    expect(sent).toHaveLength(2);
    expectError(await call('send_message', { channel_id: CHANNEL, content: 'no key' }), 'upstream_unavailable');
    expect(sent).toHaveLength(3);
  });

  it('flattens nested field errors from Discord', async () => {
    const { scope } = vendor();
    scope.post(path).reply(400, fixture('error-invalid-form-body'));
    const error = expectError(await call('send_message', { channel_id: CHANNEL, content: 'hi' }), 'invalid_input');
    expect(error.message).toBe(
      'Discord answered 400: Invalid Form Body: embeds.0.title: Must be 256 or fewer in length.; content: Must be 2000 or fewer in length.',
    );
    expect(error.vendorCode).toBe('50035');
  });

  it('explains Missing Permissions', async () => {
    const { scope } = vendor();
    scope.post(path).reply(403, fixture('error-missing-permissions'));
    const error = expectError(await call('send_message', { channel_id: CHANNEL, content: 'hi' }), 'forbidden');
    expect(error.hint).toContain('Send Messages');
  });
});
