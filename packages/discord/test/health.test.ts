import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectDiscordHeaders, expectOk, fixture, GUILD, RATE_HEADERS, TOKEN, v10, vendor } from './harness.js';

useFakeVendor();

function replyHealthy(scope: ReturnType<typeof vendor>['scope']) {
  scope.get(v10('/users/@me')).reply(200, fixture('user-me'), RATE_HEADERS);
  scope.get(v10('/users/@me/guilds')).query({ limit: '200' }).reply(200, fixture('guilds'), RATE_HEADERS);
  scope.get(v10('/applications/@me')).reply(200, fixture('application-me'), RATE_HEADERS);
}

describe('discord_health', () => {
  it('reports the bot user, guild count, default guild permissions and privileged intents', async () => {
    const { scope, sent } = vendor();
    replyHealthy(scope);
    const envelope = expectOk(await call('health'));
    sent.forEach((request) => expectDiscordHeaders(request));
    expect(envelope.data).toMatchObject({
      status: 'ok',
      connector: 'discord',
      user: 'Release Bot#4821',
      botId: '1190000000000000001',
      authMode: 'bot_token',
      org: 'Analytical Engines',
      guilds: 2,
      defaultGuild: { id: GUILD, name: 'Analytical Engines', missingPermissions: ['MANAGE_WEBHOOKS'] },
      rateLimit: { limit: 5, remaining: 4 },
      intents: [
        { intent: 'Server Members Intent', status: 'enabled', neededBy: ['discord_list_members'] },
        { intent: 'Message Content Intent', status: 'disabled' },
      ],
    });
    expect(envelope.data.intents[1].enable).toBe('Discord Developer Portal → your app → Bot → Privileged Gateway Intents → Message Content Intent');
  });

  it('says when the bot is not in DISCORD_GUILD_ID', async () => {
    const { scope } = vendor();
    replyHealthy(scope);
    const envelope = expectOk(await createRuntime({ env: { DISCORD_GUILD_ID: '1087345678901200000' } }).call('health'));
    expect(envelope.data.defaultGuild).toEqual({ id: '1087345678901200000', error: expect.stringContaining('not in this server') });
  });

  it('still reports when the application cannot be read (intents unknown)', async () => {
    const { scope } = vendor();
    scope.get(v10('/users/@me')).reply(200, fixture('user-me'));
    scope.get(v10('/users/@me/guilds')).query(true).reply(200, fixture('guilds'));
    scope.get(v10('/applications/@me')).reply(403, fixture('error-missing-access'));
    const envelope = expectOk(await createRuntime({ env: { DISCORD_GUILD_ID: undefined } }).call('health'));
    expect(envelope.data.status).toBe('ok');
    expect(envelope.data.intents.map((i: { status: string }) => i.status)).toEqual(['unknown', 'unknown']);
    expect(envelope.data).not.toHaveProperty('defaultGuild');
  });

  it('reports a refused token as an error with a hint, never echoing it', async () => {
    const { scope } = vendor();
    scope.get(v10('/users/@me')).reply(401, fixture('error-unauthorized'));
    const result = await call('health');
    const envelope = expectOk(result);
    expect(envelope.data).toMatchObject({ status: 'error', error: { code: 'unauthorized', hint: expect.stringContaining('Bot') } });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });
});
