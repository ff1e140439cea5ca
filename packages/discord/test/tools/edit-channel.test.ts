import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, CHANNEL, createRuntime, expectDiscordHeaders, expectError, expectOk, fixture, v10, vendor } from '../harness.js';

useFakeVendor();

describe('discord_edit_channel', () => {
  it('sends only the fields given, null clears', async () => {
    const { scope, sent } = vendor();
    scope.patch(v10(`/channels/${CHANNEL}`)).reply(200, { ...fixture('channel'), topic: null, parent_id: null, name: 'announcements' });
    const envelope = expectOk(await call('edit_channel', { channel_id: CHANNEL, name: 'announcements', topic: null, parent_id: null, reason: 'Tidy up' }));
    expect(sent[0]).toMatchObject({ method: 'PATCH', body: { name: 'announcements', topic: null, parent_id: null } });
    expectDiscordHeaders(sent[0], { json: true, reason: 'Tidy%20up' });
    expect(envelope.data).toMatchObject({ name: 'announcements', parentId: null });
    expect(envelope.data).not.toHaveProperty('topic');
  });

  it('archives a thread and is retried after a 502 because a PATCH of state is safe to repeat', async () => {
    const { scope, sent } = vendor();
    scope.patch(v10('/channels/1087345678901239001')).reply(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' });
    scope
      .patch(v10('/channels/1087345678901239001'))
      .reply(200, { ...fixture('thread'), thread_metadata: { ...fixture('thread').thread_metadata, archived: true, locked: true } });
    const { call, sleeps } = createRuntime();
    const envelope = expectOk(await call('edit_channel', { channel_id: '1087345678901239001', archived: true, locked: true }));
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toEqual({ archived: true, locked: true });
    expect(sleeps).toHaveLength(1);
    expect(envelope.data.thread).toMatchObject({ archived: true, locked: true });
  });

  it('refuses an edit with nothing to change', async () => {
    const error = expectError(await call('edit_channel', { channel_id: CHANNEL, reason: 'x' }), 'invalid_input');
    expect(error.message).toContain('Nothing to change');
  });
});
