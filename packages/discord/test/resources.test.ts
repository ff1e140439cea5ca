// discord://channel/{channel_id}: a channel's latest messages, read through discord_get_messages.
import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { CHANNEL, createRuntime, expectDiscordHeaders, fixture, v10, vendor } from './harness.js';

useFakeVendor();

describe('Discord resources', () => {
  it('lists the channel template', () => {
    expect(
      createRuntime()
        .runtime.listResourceTemplates()
        .map((r) => r.uriTemplate),
    ).toEqual(['discord://channel/{channel_id}']);
  });

  it('reads the latest 20 messages, as discord_get_messages does', async () => {
    const { scope, sent } = vendor();
    scope
      .get(v10(`/channels/${CHANNEL}/messages`))
      .query(true)
      .reply(200, fixture('messages'));
    const read = await createRuntime().runtime.readResource(`discord://channel/${CHANNEL}`);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.query).toEqual({ limit: '20' });
    expectDiscordHeaders(sent[0]);
    const envelope = JSON.parse((read as { text: string }).text);
    expect(envelope.ok).toBe(true);
    expect(envelope.data[0]).toMatchObject({ id: '1087345678901235113', content: 'Shipping 1.4.0 today' });
  });

  it('a channel id that is not a snowflake is invalid_input, and nothing is sent', async () => {
    const { sent } = vendor();
    expect(await createRuntime().runtime.readResource('discord://channel/general')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(sent).toHaveLength(0);
  });
});
