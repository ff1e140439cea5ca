// Bench fixture for `pnpm bench`: one page of 50 channel messages and the raw JSON Discord returns
// for them (GET /channels/{id}/messages), generated from the real-shaped messages in the tests.
import messages from '../test/fixtures/messages.json' with { type: 'json' };

const ITEMS = 50;
const CHANNEL = '1087345678901234999';

function rawMessage(i) {
  const copy = structuredClone(messages[i % messages.length]);
  copy.id = String(1087345678901235113n - BigInt(i));
  copy.content = copy.content ? `${copy.content} (#${i + 1})` : copy.content;
  return copy;
}

export default {
  action: 'get_messages',
  args: { channel_id: CHANNEL, limit: ITEMS },
  items: ITEMS,
  env: (baseUrl) => ({ DISCORD_API_BASE_URL: baseUrl, DISCORD_BOT_TOKEN: 'bench.token.not-a-secret' }),
  rawBody: Array.from({ length: ITEMS }, (_, i) => rawMessage(i)),
};
