import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectDiscordHeaders, expectError, expectOk, fixture, GUILD, v10, vendor } from '../harness.js';

useFakeVendor();

describe('discord_create_role', () => {
  it('creates a role, turning permission names into Discord’s bitfield string', async () => {
    const { scope, sent } = vendor();
    scope.post(v10(`/guilds/${GUILD}/roles`)).reply(200, fixture('role'));
    const envelope = expectOk(
      await call('create_role', {
        name: 'Release captains',
        color: '#F1C40F',
        permissions: ['VIEW_CHANNEL', 'SEND_MESSAGES', 'CREATE_PUBLIC_THREADS'],
        mentionable: true,
        reason: 'Release rota',
      }),
    );
    expect(sent[0]!.body).toEqual({ name: 'Release captains', color: 0xf1c40f, permissions: 2 ** 10 + 2 ** 11 + 2 ** 35, mentionable: true });
    expectDiscordHeaders(sent[0], { json: true, reason: 'Release%20rota' });
    expect(envelope.data).toMatchObject({ id: '1087345678901236001', name: 'Moderators' });
  });

  it('passes a bitfield string through and an empty list as none', async () => {
    const { scope, sent } = vendor();
    scope
      .post(v10(`/guilds/${GUILD}/roles`))
      .twice()
      .reply(200, fixture('role'));
    const { call } = createRuntime();
    expectOk(await call('create_role', { name: 'a', permissions: '3072' }));
    expectOk(await call('create_role', { name: 'b', permissions: [] }));
    expect(sent.map((r) => (r.body as { permissions: number }).permissions)).toEqual([3072, 0]);
  });

  it('keeps a bitfield beyond 2^53 as a string so it stays exact', async () => {
    const { scope, sent } = vendor();
    scope.post(v10(`/guilds/${GUILD}/roles`)).reply(200, fixture('role'));
    expectOk(await call('create_role', { name: 'a', permissions: '18014398509481984' }));
    expect((sent[0]!.body as { permissions: unknown }).permissions).toBe('18014398509481984');
  });

  it('refuses unknown permission names and bad colors before sending', async () => {
    const { call } = createRuntime();
    const error = expectError(await call('create_role', { name: 'a', permissions: ['SEND_MESSAGE'] }), 'invalid_input');
    expect(error.message).toContain('unknown permission SEND_MESSAGE');
    expectError(await call('create_role', { name: 'a', color: 16777216 }), 'invalid_input');
    expectError(await call('create_role', { name: 'a', color: 'yellow' }), 'invalid_input');
  });

  it('explains Missing Permissions (Manage Roles)', async () => {
    const { scope } = vendor();
    scope.post(v10(`/guilds/${GUILD}/roles`)).reply(403, fixture('error-missing-permissions'));
    const error = expectError(await call('create_role', { name: 'a' }), 'forbidden');
    expect(error.hint).toContain('Manage Roles');
  });
});
