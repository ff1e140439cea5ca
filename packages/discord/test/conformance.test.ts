// The conformance suite every connector runs, with fixtures in the shape Discord v10 returns.
import { describeConnector } from '@connectors/testkit';
import { connector } from '../src/connector.js';
import { CHANNEL as CH, fixture, GUILD as G, MESSAGE as M, ORIGIN, ROLE, v10 as api } from './harness.js';

describeConnector(connector, {
  // A recognisable fake token: it must reach Discord and never any output.
  env: { DISCORD_BOT_TOKEN: 'MTE5MDAwMDAwMDAwMDAwMDAwMQ.Gconf.conformance_canary_4c8e1a', DISCORD_GUILD_ID: G },
  baseUrl: `${ORIGIN}/api/v10`,
  fixtures: {
    health: [
      { path: api('/users/@me'), reply: [200, fixture('user-me')] },
      { path: api('/users/@me/guilds'), reply: [200, fixture('guilds')] },
      { path: api('/applications/@me'), reply: [200, fixture('application-me')], optional: true },
    ],
    list_guilds: { path: api('/users/@me/guilds'), query: (q) => q.with_counts === 'true', reply: [200, fixture('guilds')] },
    get_guild: { path: api(`/guilds/${G}`), reply: [200, fixture('guild')] },
    list_channels: { path: api(`/guilds/${G}/channels`), reply: [200, fixture('channels')] },
    get_channel: { path: api(`/channels/${CH}`), reply: [200, fixture('channel')] },
    create_channel: (input) => ({
      method: 'POST',
      path: api(`/guilds/${(input as { guild_id?: string }).guild_id ?? G}/channels`),
      reply: [201, fixture('channel')],
    }),
    edit_channel: { method: 'PATCH', path: api(`/channels/${CH}`), body: { topic: 'Release notes, newest first' }, reply: [200, fixture('channel')] },
    delete_channel: { method: 'DELETE', path: api(`/channels/${CH}`), reply: [200, fixture('channel')] },
    send_message: { method: 'POST', path: api(`/channels/${CH}/messages`), reply: [200, fixture('message')] },
    get_messages: { path: api(`/channels/${CH}/messages`), reply: [200, fixture('messages')] },
    create_thread: (_input, index) =>
      index === 0
        ? { method: 'POST', path: api(`/channels/${CH}/messages/${M}/threads`), reply: [201, fixture('thread')] }
        : {
            method: 'POST',
            path: api('/channels/1087345678901234888/threads'),
            reply: [201, { ...fixture<Record<string, unknown>>('thread'), parent_id: '1087345678901234888' }],
          },
    add_reaction: { method: 'PUT', path: api(`/channels/${CH}/messages/${M}/reactions/%F0%9F%91%8D/@me`), reply: [204] },
    list_roles: { path: api(`/guilds/${G}/roles`), reply: [200, fixture('roles')] },
    create_role: { method: 'POST', path: api(`/guilds/${G}/roles`), reply: [200, fixture('role')] },
    edit_role: { method: 'PATCH', path: api(`/guilds/${G}/roles/${ROLE}`), body: { name: 'Release leads' }, reply: [200, fixture('role')] },
    delete_role: { method: 'DELETE', path: api(`/guilds/${G}/roles/${ROLE}`), reply: [204] },
    create_webhook: { method: 'POST', path: api(`/channels/${CH}/webhooks`), body: { name: 'CI notifications' }, reply: [200, fixture('webhook-created')] },
    list_webhooks: (input) => ({
      path: (input as { channel_id?: string }).channel_id ? api(`/channels/${CH}/webhooks`) : api(`/guilds/${G}/webhooks`),
      reply: [200, fixture('webhooks')],
    }),
    list_members: { path: api(`/guilds/${G}/members`), reply: [200, fixture('members')] },
  },
  invalidInputs: {
    get_channel: [{ channel_id: '../guilds/1087345678901234567' }],
    send_message: [{ channel_id: CH }, { channel_id: CH, embeds: [{ title: 'x'.repeat(257) }] }],
    add_reaction: [{ channel_id: CH, message_id: M, emoji: ':thumbsup:' }],
  },
  // The child process has no fixtures: a closed local port makes its Discord calls fail fast.
  bin: { path: new URL('../dist/bin.js', import.meta.url), env: { DISCORD_API_BASE_URL: 'http://127.0.0.1:9' } },
});
