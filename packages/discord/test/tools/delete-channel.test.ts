import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, CHANNEL, createRuntime, expectDiscordHeaders, expectError, expectOk, fixture, v10, vendor } from '../harness.js';

useFakeVendor();

describe('discord_delete_channel', () => {
  it('deletes with a reason and says what was deleted', async () => {
    const { scope, sent } = vendor();
    scope.delete(v10(`/channels/${CHANNEL}`)).reply(200, fixture('channel'));
    const envelope = expectOk(await call('delete_channel', { channel_id: CHANNEL, reason: 'Duplicate' }));
    expect(sent[0]!.method).toBe('DELETE');
    expectDiscordHeaders(sent[0], { reason: 'Duplicate' });
    expect(envelope.data).toEqual({ id: CHANNEL, name: 'releases', typeName: 'text', deleted: true });
  });

  it('is destructive, and absent in read-only mode', async () => {
    const { runtime } = createRuntime();
    const tool = runtime.listTools().find((t) => t.name === 'discord_delete_channel');
    expect(tool?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    const readOnly = createRuntime({ gating: { readOnly: true } });
    expect(readOnly.runtime.toolNames()).not.toContain('discord_delete_channel');
    expectError(await readOnly.call('delete_channel', { channel_id: CHANNEL }), 'not_permitted');
  });

  it('maps Unknown Channel to not_found', async () => {
    const { scope } = vendor();
    scope.delete(v10(`/channels/${CHANNEL}`)).reply(404, fixture('error-unknown-channel'));
    expectError(await call('delete_channel', { channel_id: CHANNEL }), 'not_found');
  });
});
