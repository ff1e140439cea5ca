import { useFakeVendor } from '@connectors/testkit';
import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';
import { call, createRuntime, expectError, expectGoogleHeaders, expectOk, fixture, MESSAGE_ID, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('send_message');
const SEND = '/gmail/v1/users/me/messages/send';

/** The RFC 2822 text inside a `raw` field. */
function decode(raw: string): { headers: Record<string, string>; body: string } {
  const text = Buffer.from(raw, 'base64url').toString('utf8');
  const [head, ...rest] = text.split('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of head!.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const at = line.indexOf(':');
    headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  return { headers, body: rest.join('\r\n\r\n') };
}

describe('gmail_send_message', () => {
  it('POSTs an RFC 2822 message as base64url raw: UTF-8 subject encoded, Cc and Bcc kept for Gmail to route', async () => {
    const { scope, sent } = vendor();
    scope.post(SEND).reply(200, { id: '18c2a5550000aaab', threadId: '18c2a5550000aaab', labelIds: ['SENT'] });
    const envelope = expectOk(
      await call(name, {
        to: ['Ada Lovelace <ada@example.com>'],
        cc: ['finance@example.com'],
        bcc: ['archive@example.com'],
        subject: 'Grüße zum Q3-Abschluss',
        body: 'Hallo Ada,\n\nDie Rechnungen sind abgestimmt. Grüße, Mia',
      }),
    );
    expect(sent[0]).toMatchObject({ method: 'POST', path: SEND });
    expectGoogleHeaders(sent[0]);
    const { raw, ...rest } = sent[0]!.body as { raw: string };
    expect(rest).toEqual({});
    const mail = decode(raw);
    expect(mail.headers).toMatchObject({ to: 'Ada Lovelace <ada@example.com>', cc: 'finance@example.com', bcc: 'archive@example.com', 'mime-version': '1.0' });
    expect(mail.headers.subject).toMatch(/^=\?UTF-8\?Q\?Gr=C3=BC=C3=9Fe/);
    expect(mail.headers['content-type']).toContain('charset=utf-8');
    expect(mail.body).toContain('Gr=C3=BC=C3=9Fe, Mia');
    expect(envelope.data).toEqual({ id: '18c2a5550000aaab', threadId: '18c2a5550000aaab', labels: ['SENT'] });
  });

  it('answers a message in its thread: In-Reply-To and References from it, Re: subject, to its sender, threadId set', async () => {
    const { scope, sent } = vendor();
    const original = fixture('api-message-metadata');
    original.payload.headers.push({ name: 'Message-ID', value: '<CAF=abc123@mail.gmail.com>' }, { name: 'References', value: '<CAF=root@mail.gmail.com>' });
    scope.get(`/gmail/v1/users/me/messages/${MESSAGE_ID}`).query(true).reply(200, original);
    scope.post(SEND).reply(200, { id: '18c2a5550000aaaa', threadId: MESSAGE_ID, labelIds: ['SENT'] });
    expectOk(await call(name, { replyToMessageId: MESSAGE_ID, body: 'Thanks, received.' }));
    expect(sent[0]?.query).toEqual({ format: 'metadata', metadataHeaders: ['Message-ID', 'References', 'Subject', 'From', 'Reply-To'] });
    const body = sent[1]!.body as { raw: string; threadId: string };
    expect(body.threadId).toBe(MESSAGE_ID);
    expect(decode(body.raw).headers).toMatchObject({
      to: 'Ada Lovelace <ada@example.com>',
      subject: 'Re: Q3 invoice',
      'in-reply-to': '<CAF=abc123@mail.gmail.com>',
      references: '<CAF=root@mail.gmail.com> <CAF=abc123@mail.gmail.com>',
    });
  });

  it('refuses a message without recipients or subject, and a malformed address, before calling Gmail', async () => {
    const { sent } = vendor();
    expect(expectError(await call(name, { subject: 'x', body: 'y' }), 'invalid_input').message).toContain('recipient');
    expect(expectError(await call(name, { to: ['ada@example.com'], body: 'y' }), 'invalid_input').message).toContain('subject');
    expect(expectError(await call(name, { to: ['not an address'], subject: 'x', body: 'y' }), 'invalid_input').message).toContain('must be an address');
    expect(sent).toEqual([]);
  });

  it('after a send with an unknown outcome, a repeat with the same key finds the sent message by its Message-ID instead of sending again', async () => {
    const { scope, sent } = vendor();
    const runtime = createRuntime();
    const args = { to: ['ada@example.com'], subject: 'Once only', body: 'Exactly once.', idempotencyKey: 'send-once-1' };
    scope.post(SEND).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const first = expectError(await runtime.call(name, args), 'network_error');
    expect(first).toMatchObject({ retryable: false, hint: expect.stringContaining('check') });
    const messageId = decode((sent[0]!.body as { raw: string }).raw).headers['message-id'];
    expect(messageId).toMatch(/^<idem-[0-9a-f]{32}@connectors\.google-workspace>$/);

    scope
      .get('/gmail/v1/users/me/messages')
      .query({ q: `rfc822msgid:${messageId}`, includeSpamTrash: 'true' })
      .reply(200, { messages: [{ id: '18c2a5550000aaad', threadId: '18c2a5550000aaad' }] });
    const repeat = expectOk(await runtime.call(name, args));
    expect(repeat.data).toEqual({ id: '18c2a5550000aaad', threadId: '18c2a5550000aaad', labels: ['SENT'] });
    expect(repeat.warnings).toEqual([expect.stringContaining('it had written')]);
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
    nock.cleanAll();
  });

  it('answers idempotency_conflict while search may still lag: a miss right after the attempt is not trusted', async () => {
    const { scope, sent } = vendor();
    const runtime = createRuntime();
    const args = { to: ['ada@example.com'], subject: 'Retry', body: 'Second try.', idempotencyKey: 'send-retry-0' };
    scope.post(SEND).reply(500, { error: { code: 500, message: 'Backend Error', status: 'INTERNAL' } });
    expectError(await runtime.call(name, args), 'upstream_error');
    scope.get('/gmail/v1/users/me/messages').query(true).reply(200, { resultSizeEstimate: 0 });
    expectError(await runtime.call(name, args), 'idempotency_conflict');
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('sends again after an unknown outcome when, past the search lag, the search shows it never went out', async () => {
    const { scope, sent } = vendor();
    const runtime = createRuntime();
    const args = { to: ['ada@example.com'], subject: 'Retry', body: 'Second try.', idempotencyKey: 'send-retry-1' };
    scope.post(SEND).reply(500, { error: { code: 500, message: 'Backend Error', status: 'INTERNAL' } });
    expectError(await runtime.call(name, args), 'upstream_error');
    const later = Date.now() + 6 * 60_000;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => later);
    try {
      scope.get('/gmail/v1/users/me/messages').query(true).reply(200, { resultSizeEstimate: 0 });
      scope.post(SEND).reply(200, { id: '18c2a5550000aaae', threadId: '18c2a5550000aaae', labelIds: ['SENT'] });
      expectOk(await runtime.call(name, args));
    } finally {
      clock.mockRestore();
    }
    const raws = sent.filter((r) => r.method === 'POST').map((r) => decode((r.body as { raw: string }).raw).headers['message-id']);
    expect(raws).toHaveLength(2);
    expect(raws[0]).toBe(raws[1]);
  });
});
