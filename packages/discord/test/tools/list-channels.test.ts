import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectDiscordHeaders, expectError, expectOk, fixture, GUILD, v10, vendor } from '../harness.js';

useFakeVendor();

describe('discord_list_channels', () => {
  it('lists channels in display order, compact', async () => {
    const { scope, sent } = vendor();
    scope.get(v10(`/guilds/${GUILD}/channels`)).reply(200, fixture('channels'));
    const envelope = expectOk(await call('list_channels', {}));
    expectDiscordHeaders(sent[0]);
    expect(envelope.data.map((c: { name: string }) => c.name)).toEqual(['help', 'Engineering', 'releases', 'Stand-up']);
    expect(envelope.data[2]).toEqual({
      id: '1087345678901234999',
      name: 'releases',
      type: 0,
      typeName: 'text',
      guildId: GUILD,
      parentId: '1087345678901234001',
      position: 0,
      topic: 'What shipped, one post per release',
    });
    expect(envelope.data[2]).not.toHaveProperty('permission_overwrites');
  });

  it('filters by type name and category', async () => {
    const { scope } = vendor();
    scope
      .get(v10(`/guilds/${GUILD}/channels`))
      .twice()
      .reply(200, fixture('channels'));
    const { call } = createRuntime();
    const forums = expectOk(await call('list_channels', { type: 'forum' }));
    expect(forums.data.map((c: { id: string }) => c.id)).toEqual(['1087345678901234888']);
    const inCategory = expectOk(await call('list_channels', { parent_id: '1087345678901234001', fields: ['permission_overwrites'] }));
    expect(inCategory.data.map((c: { name: string }) => c.name)).toEqual(['releases', 'Stand-up']);
    expect(inCategory.data[0].permission_overwrites).toEqual([{ id: GUILD, type: 0, allow: '0', deny: '2048' }]);
  });

  it('says when the bot is not allowed to see the server', async () => {
    const { scope } = vendor();
    scope.get(v10(`/guilds/${GUILD}/channels`)).reply(403, fixture('error-missing-access'));
    const error = expectError(await call('list_channels', {}), 'forbidden');
    expect(error).toMatchObject({ vendorCode: '50001', message: 'Discord answered 403: Missing Access' });
    expect(error.hint).toContain('View Channel');
  });
});
