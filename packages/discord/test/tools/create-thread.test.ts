import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, CHANNEL, createRuntime, expectDiscordHeaders, expectError, expectOk, fixture, MESSAGE, v10, vendor } from '../harness.js';

useFakeVendor();

describe('discord_create_thread', () => {
  it('starts a thread from a message', async () => {
    const { scope, sent } = vendor();
    scope.post(v10(`/channels/${CHANNEL}/messages/${MESSAGE}/threads`)).reply(201, fixture('thread'));
    const envelope = expectOk(
      await call('create_thread', {
        channel_id: CHANNEL,
        message_id: MESSAGE,
        name: 'Release 1.4.0 feedback',
        auto_archive_minutes: 1440,
        reason: 'Feedback',
      }),
    );
    expect(sent[0]!.body).toEqual({ name: 'Release 1.4.0 feedback', auto_archive_duration: 1440 });
    expectDiscordHeaders(sent[0], { json: true, reason: 'Feedback' });
    expect(envelope.data).toMatchObject({ id: '1087345678901239001', typeName: 'public_thread', thread: { archived: false } });
  });

  it('creates a private thread without a message', async () => {
    const { scope, sent } = vendor();
    scope.post(v10(`/channels/${CHANNEL}/threads`)).reply(201, { ...fixture('thread'), type: 12 });
    const envelope = expectOk(await call('create_thread', { channel_id: CHANNEL, name: 'Incident 42', private: true }));
    expect(sent[0]!.body).toEqual({ name: 'Incident 42', type: 12 });
    expect(envelope.data.typeName).toBe('private_thread');
  });

  it('creates a forum post whose first message pings nobody', async () => {
    const { scope, sent } = vendor();
    scope
      .post(v10('/channels/1087345678901234888/threads'))
      .reply(201, { ...fixture('thread'), parent_id: '1087345678901234888', applied_tags: ['1087345678901238001'] });
    expectOk(
      await call('create_thread', {
        channel_id: '1087345678901234888',
        name: 'How do I reset my password?',
        content: 'Steps I tried: …',
        applied_tags: ['1087345678901238001'],
      }),
    );
    expect(sent[0]!.body).toEqual({
      name: 'How do I reset my password?',
      applied_tags: ['1087345678901238001'],
      message: { content: 'Steps I tried: …', allowed_mentions: { parse: [] } },
    });
  });

  it('refuses combinations Discord would reject', async () => {
    const { call } = createRuntime();
    expectError(await call('create_thread', { channel_id: CHANNEL, name: 'x', message_id: MESSAGE, content: 'y' }), 'invalid_input');
    expectError(await call('create_thread', { channel_id: CHANNEL, name: 'x', message_id: MESSAGE, private: true }), 'invalid_input');
    expectError(await call('create_thread', { channel_id: CHANNEL, name: 'x', auto_archive_minutes: 30 }), 'invalid_input');
    expectError(await call('create_thread', { channel_id: CHANNEL, name: 'a'.repeat(101) }), 'invalid_input');
  });

  it('maps "thread already exists" to conflict', async () => {
    const { scope } = vendor();
    scope
      .post(v10(`/channels/${CHANNEL}/messages/${MESSAGE}/threads`))
      .reply(400, { message: 'A thread has already been created for this message', code: 160004 });
    const error = expectError(await call('create_thread', { channel_id: CHANNEL, message_id: MESSAGE, name: 'x' }), 'conflict');
    expect(error.vendorCode).toBe('160004');
  });
});
