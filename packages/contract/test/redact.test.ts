import { describe, expect, it } from 'vitest';
import { Redactor } from '../src/redact.js';

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
