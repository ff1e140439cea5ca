import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectDiscordHeaders, expectError, expectOk, fixture, GUILD, v10, vendor } from '../harness.js';

useFakeVendor();

describe('discord_create_channel', () => {
  it('creates a text channel in a category with a URL-encoded audit-log reason', async () => {
    const { scope, sent } = vendor();
    scope.post(v10(`/guilds/${GUILD}/channels`)).reply(201, fixture('channel'));
    const envelope = expectOk(
      await call('create_channel', {
        name: 'releases',
        topic: 'What shipped, one post per release',
        parent_id: '1087345678901234001',
        reason: 'Release process — café ✓',
      }),
    );
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.body).toEqual({ name: 'releases', type: 0, topic: 'What shipped, one post per release', parent_id: '1087345678901234001' });
    expectDiscordHeaders(sent[0], { json: true, reason: 'Release%20process%20%E2%80%94%20caf%C3%A9%20%E2%9C%93' });
    expect(envelope.data).toMatchObject({ id: '1087345678901234999', name: 'releases', typeName: 'text', parentId: '1087345678901234001' });
  });

  it('accepts the type by number or by name', async () => {
    const { scope, sent } = vendor();
    scope
      .post(v10('/guilds/1087345678901299999/channels'))
      .twice()
      .reply(201, { ...fixture('channel'), type: 2, name: 'Voice chat' });
    const { call } = createRuntime();
    expectOk(await call('create_channel', { guild_id: '1087345678901299999', name: 'Voice chat', type: 2 }));
    expectOk(await call('create_channel', { guild_id: '1087345678901299999', name: 'Voice chat', type: 'voice' }));
    expect(sent.map((r) => (r.body as { type: number }).type)).toEqual([2, 2]);
    expectDiscordHeaders(sent[0], { json: true });
  });

  it('checks type and topic before sending', async () => {
    const { call } = createRuntime();
    expectError(await call('create_channel', { name: 'dm', type: 1 }), 'invalid_input');
    const long = expectError(await call('create_channel', { name: 'x', topic: 'a'.repeat(1025) }), 'invalid_input');
    expect(long.message).toContain('topic: must be 1024 characters or fewer');
    const { scope } = vendor();
    scope.post(v10(`/guilds/${GUILD}/channels`)).reply(201, { ...fixture('channel'), type: 15 });
    expectOk(await call('create_channel', { name: 'help', type: 15, topic: 'a'.repeat(3000) }));
    expectError(await call('create_channel', { name: 'x', type: 'category', parent_id: '1087345678901234001' }), 'invalid_input');
    expectError(await call('create_channel', { name: '' }), 'invalid_input');
    expectError(await call('create_channel', { name: '   ' }), 'invalid_input');
    expectError(await call('create_channel', { name: 'x', reason: '  ' }), 'invalid_input');
    expectError(await call('create_channel', { name: 'x', reason: 'r'.repeat(513) }), 'invalid_input');
    expectError(await call('create_channel', { name: 'x', type: 'dm' }), 'invalid_input');
  });

  it('needs a guild when DISCORD_GUILD_ID is not set', async () => {
    const error = expectError(await createRuntime({ env: { DISCORD_GUILD_ID: undefined } }).call('create_channel', { name: 'x' }), 'invalid_input');
    expect(error.message).toContain('pass guild_id or set DISCORD_GUILD_ID');
  });

  it('flattens Discord field errors and explains Missing Permissions', async () => {
    const { scope } = vendor();
    scope.post(v10(`/guilds/${GUILD}/channels`)).reply(400, {
      code: 50035,
      errors: { parent_id: { _errors: [{ code: 'CHANNEL_PARENT_INVALID_TYPE', message: 'Not a category' }] } },
      message: 'Invalid Form Body',
    });
    scope.post(v10(`/guilds/${GUILD}/channels`)).reply(403, fixture('error-missing-permissions'));
    const { call } = createRuntime();
    const invalid = expectError(await call('create_channel', { name: 'x', parent_id: '1087345678901234999' }), 'invalid_input');
    expect(invalid).toMatchObject({ message: 'Discord answered 400: Invalid Form Body: parent_id: Not a category', vendorCode: '50035' });
    const denied = expectError(await call('create_channel', { name: 'x' }), 'forbidden');
    expect(denied.vendorCode).toBe('50013');
    expect(denied.hint).toContain('Manage Channels');
  });
});
