import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectDiscordHeaders, expectError, expectOk, fixture, GUILD, ROLE, v10, vendor } from '../harness.js';

useFakeVendor();

describe('discord_edit_role', () => {
  it('patches only the fields given', async () => {
    const { scope, sent } = vendor();
    scope.patch(v10(`/guilds/${GUILD}/roles/${ROLE}`)).reply(200, { ...fixture('role'), name: 'Release leads' });
    const envelope = expectOk(await call('edit_role', { role_id: ROLE, name: 'Release leads', hoist: false, reason: 'Rename' }));
    expect(sent[0]).toMatchObject({ method: 'PATCH', body: { name: 'Release leads', hoist: false } });
    expectDiscordHeaders(sent[0], { json: true, reason: 'Rename' });
    expect(envelope.data.name).toBe('Release leads');
  });

  it('refuses an edit with nothing to change', async () => {
    expectError(await call('edit_role', { role_id: ROLE }), 'invalid_input');
  });

  it('maps Unknown Role to not_found', async () => {
    const { scope } = vendor();
    scope.patch(v10(`/guilds/${GUILD}/roles/${ROLE}`)).reply(404, { message: 'Unknown Role', code: 10011 });
    const error = expectError(await call('edit_role', { role_id: ROLE, name: 'x' }), 'not_found');
    expect(error.hint).toContain('discord_list_roles');
  });
});
