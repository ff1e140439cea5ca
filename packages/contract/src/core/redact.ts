// An auth word followed by a credential a vendor echoed back (one never registered with us). Only
// token-like values count (a digit, an inner capital, a base64 sign), so "Basic configuration" and
// "authorization required" stay readable.
const AUTH_VALUE = /(authorization|bearer|basic)(["':=\s]+)([\w.~+/=-]{8,})/gi;
const TOKEN_LIKE = /[0-9+/=]|[a-z][A-Z]/;

/**
 * Keeps secret values out of anything that leaves the process, in every form a vendor can echo one
 * back: raw, URL-encoded, JSON-escaped, base64 and base64url, hex, and in any letter case. A secret
 * that is itself base64 of `user:secret` (a Basic credential) also covers what it decodes to. Values
 * shorter than 4 characters are ignored: redacting them would mangle ordinary text.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  private forms: string[] = [];
  private pattern: RegExp | undefined;
  private lowerForms: string[] = [];

  add(...values: (string | undefined)[]): void {
    let changed = false;
    for (const value of values) {
      if (!value || value.length < 4 || this.secrets.has(value)) continue;
      this.secrets.add(value);
      changed = true;
      for (const form of formsOf(value)) if (form.length >= 4) this.forms.push(form);
      const decoded = basicCredential(value);
      if (decoded) for (const form of [...formsOf(decoded.pair), ...formsOf(decoded.secret)]) if (form.length >= 4) this.forms.push(form);
    }
    if (!changed) return;
    // Longest first, so a form that contains another is replaced whole.
    this.forms = [...new Set(this.forms)].sort((a, b) => b.length - a.length);
    this.pattern = new RegExp(this.forms.map(escapeRegExp).join('|'), 'gi');
    this.lowerForms = [...new Set(this.forms.map((form) => form.toLowerCase()))];
  }

  redact(text: string): string {
    // Most texts hold no secret: one lowercased copy and a native search per form tell, and the
    // case-insensitive replace (much slower on large results) runs only when one is there.
    let out = text;
    if (this.pattern) {
      const lower = text.toLowerCase();
      if (this.lowerForms.some((form) => lower.includes(form))) out = text.replace(this.pattern, '[REDACTED]');
    }
    return out.replace(AUTH_VALUE, (match, name: string, separator: string, value: string) =>
      TOKEN_LIKE.test(value) ? `${name}${separator}[REDACTED]` : match,
    );
  }
}

function formsOf(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const base64 = bytes.toString('base64');
  return [
    value,
    encodeURIComponent(value),
    JSON.stringify(value).slice(1, -1),
    // Padding differs by where the value sits in a longer text; match the unpadded body.
    base64.replace(/=+$/, ''),
    bytes.toString('base64url'),
    bytes.toString('hex'),
  ];
}

/** `dXNlcjpzZWNyZXQ=` → `user:secret` and `secret`, when the value is a Basic credential. */
function basicCredential(value: string): { pair: string; secret: string } | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value) || value.length < 8) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1 || !/^[\x20-\x7e]+$/.test(text)) return undefined;
  return { pair: text, secret: text.slice(colon + 1) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
