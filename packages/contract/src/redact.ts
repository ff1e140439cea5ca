// An auth word followed by a credential a vendor echoed back (one never registered with us). Only
// token-like values count (a digit, an inner capital, a base64 sign), so "Basic configuration" and
// "authorization required" stay readable.
const AUTH_VALUE = /(authorization|bearer|basic)(["':=\s]+)([\w.~+/=-]{8,})/gi;
const TOKEN_LIKE = /[0-9+/=]|[a-z][A-Z]/;

/**
 * Keeps secret values out of anything that leaves the process. Values shorter than 4 characters
 * are ignored: redacting them would mangle ordinary text without protecting anything.
 */
export class Redactor {
  private secrets: string[] = [];

  add(...values: (string | undefined)[]): void {
    for (const value of values) {
      if (!value || value.length < 4 || this.secrets.includes(value)) continue;
      this.secrets.push(value);
      // URL-encoding and JSON text (results are redacted after serialising) carry the same secret in another form.
      for (const form of [encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]) {
        if (form !== value && !this.secrets.includes(form)) this.secrets.push(form);
      }
    }
    this.secrets.sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
    return out.replace(AUTH_VALUE, (match, name: string, separator: string, value: string) =>
      TOKEN_LIKE.test(value) ? `${name}${separator}[REDACTED]` : match,
    );
  }
}
