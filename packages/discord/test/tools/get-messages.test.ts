import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, CHANNEL, createRuntime, expectDiscordHeaders, expectError, expectOk, fixture, v10, vendor } from '../harness.js';

useFakeVendor();
const path = v10(`/channels/${CHANNEL}/messages`);

describe('discord_get_messages', () => {
  it('reads the latest messages, compact, newest first', async () => {
    const { scope, sent } = vendor();
    scope.get(path).query(true).reply(200, fixture('messages'));
    const envelope = expectOk(await call('get_messages', { channel_id: CHANNEL }));
    expect(sent[0]!.query).toEqual({ limit: '20' });
    expectDiscordHeaders(sent[0]);
    expect(envelope.data).toEqual([
      {
        id: '1087345678901235113',
        channelId: CHANNEL,
        author: { id: '1020000000000000042', username: 'ada', displayName: 'Ada' },
        content: 'Shipping 1.4.0 today',
        timestamp: '2025-12-09T11:58:00.000000+00:00',
        edited: '2025-12-09T11:59:10.000000+00:00',
        reactions: [{ emoji: '👍', count: 2, me: true }],
      },
      {
        id: '1087345678901235112',
        channelId: CHANNEL,
        author: { id: '1020000000000000043', username: 'grace', displayName: 'Grace' },
        content: '',
        timestamp: '2025-12-09T11:50:00.000000+00:00',
        attachments: [
          {
            filename: 'changelog.md',
            url: 'https://cdn.discordapp.com/attachments/1087345678901234999/1087345678901240001/changelog.md',
            size: 2048,
            contentType: 'text/markdown; charset=utf-8',
          },
        ],
      },
      {
        id: '1087345678901235111',
        channelId: CHANNEL,
        author: { id: '1020000000000000043', username: 'grace', displayName: 'Grace' },
        content: 'Release notes draft is in the doc',
        timestamp: '2025-12-09T11:45:00.000000+00:00',
        pinned: true,
      },
    ]);
    expect(envelope.nextCursor).toBeUndefined();
    expect(envelope.warnings).toBeUndefined();
  });

  it('pages back with before inside the cursor', async () => {
    const { scope, sent } = vendor();
    scope.get(path).query(true).reply(200, fixture('messages'));
    scope.get(path).query(true).reply(200, []);
    const { call } = createRuntime();
    const first = expectOk(await call('get_messages', { channel_id: CHANNEL, limit: 3 }));
    expect(first.nextCursor).toEqual(expect.any(String));
    expectOk(await call('get_messages', { channel_id: CHANNEL, limit: 3, cursor: first.nextCursor }));
    expect(sent[1]!.query).toEqual({ limit: '3', before: '1087345678901235111' });
  });

  it('pages forward with after from an explicit starting point', async () => {
    const { scope, sent } = vendor();
    scope.get(path).query(true).reply(200, fixture('messages'));
    scope.get(path).query(true).reply(200, []);
    const { call } = createRuntime();
    const first = expectOk(await call('get_messages', { channel_id: CHANNEL, limit: 3, after: '1087345678901235100' }));
    expect(sent[0]!.query).toEqual({ limit: '3', after: '1087345678901235100' });
    expectOk(await call('get_messages', { channel_id: CHANNEL, limit: 3, cursor: first.nextCursor }));
    expect(sent[1]!.query).toEqual({ limit: '3', after: '1087345678901235113' });
  });

  it('warns, naming the intent and where to enable it, when content comes back empty', async () => {
    const { scope } = vendor();
    scope.get(path).query(true).reply(200, fixture('messages-without-content'));
    const envelope = expectOk(await call('get_messages', { channel_id: CHANNEL }));
    expect(envelope.warnings).toEqual([expect.stringContaining('2 of 2 messages came back with empty content')]);
    expect(envelope.warnings![0]).toContain('Message Content Intent');
    expect(envelope.warnings![0]).toContain('Developer Portal → your app → Bot → Privileged Gateway Intents');
  });

  it('on 403 Missing Access says which permissions and intent matter', async () => {
    const { scope } = vendor();
    scope.get(path).query(true).reply(403, fixture('error-missing-access'));
    const error = expectError(await call('get_messages', { channel_id: CHANNEL }), 'forbidden');
    expect(error.vendorCode).toBe('50001');
    expect(error.hint).toContain('Read Message History');
    expect(error.hint).toContain('Message Content Intent');
    expect(error.hint).toContain('Privileged Gateway Intents');
  });

  it('refuses before with after, a cursor with before, and a limit over 100', async () => {
    const { call } = createRuntime();
    expectError(await call('get_messages', { channel_id: CHANNEL, before: '1087345678901235111', after: '1087345678901235100' }), 'invalid_input');
    expectError(await call('get_messages', { channel_id: CHANNEL, cursor: 'abc', before: '1087345678901235111' }), 'invalid_input');
    expectError(await call('get_messages', { channel_id: CHANNEL, limit: 101 }), 'invalid_input');
    expectError(await call('get_messages', { channel_id: CHANNEL, cursor: 'not-a-cursor' }), 'invalid_input');
  });
});
