import { useFakeVendor } from '@connectors/testkit';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { flattenFieldErrors } from '../src/client.js';
import { call, CHANNEL, createRuntime, expectError, expectOk, fixture, GUILD, RATE_HEADERS, TOKEN, v10, vendor } from './harness.js';

useFakeVendor();
const channels = v10(`/guilds/${GUILD}/channels`);

describe('rate limits (429)', () => {
  it('waits Discord’s retry_after (seconds, float) and retries', async () => {
    const { scope, sent } = vendor();
    scope.get(channels).reply(429, fixture('rate-limited'), { ...RATE_HEADERS, 'x-ratelimit-remaining': '0', 'retry-after': '2', 'x-ratelimit-scope': 'user' });
    scope.get(channels).reply(200, fixture('channels'), RATE_HEADERS);
    const { call, sleeps } = createRuntime();
    const envelope = expectOk(await call('list_channels', {}));
    expect(sent).toHaveLength(2);
    expect(sleeps).toEqual([1337]);
    expect(envelope.meta.rateLimit).toEqual({ limit: 5, remaining: 4, resetAt: '2026-01-01T00:00:00.250Z' });
  });

  it('retries at most twice, then answers rate_limited with retryAfterMs', async () => {
    const { scope, sent } = vendor();
    scope
      .get(channels)
      .times(3)
      .reply(429, fixture('rate-limited'), { ...RATE_HEADERS, 'x-ratelimit-remaining': '0' });
    const { call, sleeps } = createRuntime();
    const error = expectError(await call('list_channels', {}), 'rate_limited');
    expect(sent).toHaveLength(3);
    expect(sleeps).toEqual([1337, 1337]);
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 1337, message: 'Discord answered 429: You are being rate limited. (per-route rate limit)' });
  });

  it('never waits more than 10 s in all', async () => {
    const { scope, sent } = vendor();
    scope
      .get(channels)
      .twice()
      .reply(429, { ...fixture('rate-limited'), retry_after: 6 });
    const { call, sleeps } = createRuntime();
    const error = expectError(await call('list_channels', {}), 'rate_limited');
    expect(sleeps).toEqual([6000]);
    expect(sent).toHaveLength(2);
    expect(error.retryAfterMs).toBe(6000);
  });

  it('does not wait at all for a retry_after beyond the cap', async () => {
    const { scope } = vendor();
    scope.get(channels).reply(429, { ...fixture('rate-limited'), retry_after: 42.5 });
    const { call, sleeps } = createRuntime();
    const error = expectError(await call('list_channels', {}), 'rate_limited');
    expect(sleeps).toEqual([]);
    expect(error.retryAfterMs).toBe(42500);
  });

  it('names the global limit', async () => {
    const { scope } = vendor();
    scope
      .get(channels)
      .reply(429, { ...fixture('rate-limited'), retry_after: 30, global: true }, { 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' });
    const error = expectError(await call('list_channels', {}), 'rate_limited');
    expect(error.message).toContain('(global rate limit)');
    expect(error.hint).toContain('global limit');
  });

  it('names a shared per-resource limit', async () => {
    const { scope } = vendor();
    scope.get(channels).reply(429, { ...fixture('rate-limited'), retry_after: 30 }, { 'x-ratelimit-scope': 'shared' });
    const error = expectError(await call('list_channels', {}), 'rate_limited');
    expect(error.message).toContain('(shared per-resource rate limit)');
  });

  it('falls back to the Retry-After header', async () => {
    const { scope } = vendor();
    scope.get(channels).reply(429, { message: 'You are being rate limited.', global: false }, { 'retry-after': '3' });
    scope.get(channels).reply(200, []);
    const { call, sleeps } = createRuntime();
    expectOk(await call('list_channels', {}));
    expect(sleeps).toEqual([3000]);
  });

  it('retries a POST after a 429 because Discord did nothing', async () => {
    const { scope, sent } = vendor();
    scope.post(v10(`/channels/${CHANNEL}/messages`)).reply(429, { ...fixture('rate-limited'), retry_after: 0.5 });
    scope.post(v10(`/channels/${CHANNEL}/messages`)).reply(200, fixture('message'));
    const { call, sleeps } = createRuntime();
    expectOk(await call('send_message', { channel_id: CHANNEL, content: 'hi' }));
    expect(sent).toHaveLength(2);
    expect(sleeps).toEqual([500]);
  });

  it('recognises a Cloudflare block (429 without JSON)', async () => {
    const { scope } = vendor();
    scope.get(channels).reply(429, '<html><body>error code: 1015</body></html>', { 'content-type': 'text/html', 'retry-after': '3600' });
    const { call, sleeps } = createRuntime();
    const error = expectError(await call('list_channels', {}), 'rate_limited');
    expect(sleeps).toEqual([]);
    expect(error.message).toContain('Cloudflare');
    expect(error.retryAfterMs).toBe(3_600_000);
  });
});

describe('auth and configuration', () => {
  it('sends Authorization: Bot <token>, also when the variable already starts with "Bot "', async () => {
    const { scope, sent } = vendor();
    scope.get(channels).reply(200, []);
    expectOk(await createRuntime({ env: { DISCORD_BOT_TOKEN: `Bot ${TOKEN}` } }).call('list_channels', {}));
    expect(sent[0]!.headers.authorization).toBe(`Bot ${TOKEN}`);
  });

  it('answers 401 with unauthorized and a hint, without the token', async () => {
    const { scope } = vendor();
    scope.get(channels).reply(401, fixture('error-unauthorized'));
    const result = await call('list_channels', {});
    const error = expectError(result, 'unauthorized');
    expect(error.message).toBe('Discord answered 401: Unauthorized: the bot token was refused.');
    expect(error.hint).toContain('DISCORD_BOT_TOKEN');
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('uses DISCORD_API_BASE_URL for proxies and tests', async () => {
    nock('http://127.0.0.1:4012').get(`/discord/guilds/${GUILD}/channels`).reply(200, []);
    expectOk(await createRuntime({ env: { DISCORD_API_BASE_URL: 'http://127.0.0.1:4012/discord/' } }).call('list_channels', {}));
  });

  it('rejects a DISCORD_GUILD_ID that is not an id', async () => {
    const error = expectError(await createRuntime({ env: { DISCORD_GUILD_ID: 'my-server' } }).call('list_channels', {}), 'not_configured');
    expect(error.message).toContain('DISCORD_GUILD_ID must be a Discord id');
  });
});

describe('flattenFieldErrors', () => {
  it('flattens nested _errors into path: message lines, root errors without a path', () => {
    expect(
      flattenFieldErrors({
        _errors: [{ code: 'X', message: 'Root problem.' }],
        embeds: { '0': { fields: { '1': { value: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } } } } },
      }),
    ).toEqual(['Root problem.', 'embeds.0.fields.1.value: This field is required']);
  });
});
