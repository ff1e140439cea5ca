import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectDiscordHeaders, expectError, expectOk, GUILD, ROLE, v10, vendor } from '../harness.js';

useFakeVendor();

describe('discord_delete_role', () => {
  it('deletes a role (204) with a reason', async () => {
    const { scope, sent } = vendor();
    scope.delete(v10(`/guilds/${GUILD}/roles/${ROLE}`)).reply(204);
    const envelope = expectOk(await call('delete_role', { role_id: ROLE, reason: 'No longer used' }));
    expectDiscordHeaders(sent[0], { reason: 'No%20longer%20used' });
    expect(envelope.data).toEqual({ id: ROLE, guildId: GUILD, deleted: true });
  });

  it('is destructive', () => {
    const tool = createRuntime()
      .runtime.listTools()
      .find((t) => t.name === 'discord_delete_role');
    expect(tool?.annotations.destructiveHint).toBe(true);
  });

  it('refuses a role id that is not a snowflake', async () => {
    expectError(await call('delete_role', { role_id: '@everyone' }), 'invalid_input');
  });
});
