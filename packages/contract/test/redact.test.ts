import { describe, expect, it } from 'vitest';
import { Redactor } from '../src/core/redact.js';

describe('Redactor', () => {
  const secret = 'canary"quote\\slash/plus+0000';

  it('redacts a registered secret raw, URL-encoded and JSON-escaped', () => {
    const redactor = new Redactor();
    redactor.add(secret);
    expect(redactor.redact(`raw ${secret}`)).toBe('raw [REDACTED]');
    expect(redactor.redact(`url ${encodeURIComponent(secret)}`)).toBe('url [REDACTED]');
    expect(redactor.redact(JSON.stringify({ message: `json ${secret}` }))).toBe('{"message":"json [REDACTED]"}');
  });

  it('ignores values too short to be secrets', () => {
    const redactor = new Redactor();
    redactor.add('abc', undefined, '');
    expect(redactor.redact('abc abc')).toBe('abc abc');
  });

  it.each([
    ['Authorization: Bearer ghp_canaryTokenValue0000', 'Authorization: Bearer [REDACTED]'],
    ['{"authorization":"Basic dXNlcjpwYXNzd29yZA=="}', '{"authorization":"Basic [REDACTED]"}'],
  ])('redacts echoed credentials after an auth word: %s', (input, expected) => {
    expect(new Redactor().redact(input)).toBe(expected);
  });

  it.each(['Basic configuration guide', 'authorization required', '{"token_type":"bearer","expires_in":3600}', 'Bearer tokens explained'])(
    'leaves ordinary text alone: %s',
    (text) => {
      expect(new Redactor().redact(text)).toBe(text);
    },
  );
});

describe('Redactor: derived forms a vendor can echo', () => {
  const token = 'Canary-Token_0000-abcdEFGH-not-real';
  const email = 'someone@example.com';
  const redactor = new Redactor();
  redactor.add(token);
  // What a Basic-auth connector registers: the header value itself.
  redactor.add(Buffer.from(`${email}:${token}`).toString('base64'));

  it.each([
    ['base64', Buffer.from(token).toString('base64')],
    ['base64url', Buffer.from(token).toString('base64url')],
    ['base64 of user:token', Buffer.from(`${email}:${token}`).toString('base64')],
    ['base64url of user:token', Buffer.from(`${email}:${token}`).toString('base64url')],
    ['user:token', `${email}:${token}`],
    ['lowercased', token.toLowerCase()],
    ['uppercased', token.toUpperCase()],
    ['hex', Buffer.from(token).toString('hex')],
    ['HEX', Buffer.from(token).toString('hex').toUpperCase()],
    ['URL-encoded', encodeURIComponent(token)],
    ['JSON-escaped', JSON.stringify(token).slice(1, -1)],
  ])('redacts the %s form', (_form, echoed) => {
    const out = redactor.redact(`{"echo":"${echoed}","next":1}`);
    expect(out).not.toContain(echoed);
    expect(out).toContain('[REDACTED]');
    expect(out).toContain('"next":1');
  });

  it('redacts a Basic credential found inside text whose base64 padding differs', () => {
    const value = Buffer.from(`${email}:${token}`).toString('base64');
    expect(redactor.redact(`x ${value}==`)).not.toContain(value.replace(/=+$/, ''));
  });
});
