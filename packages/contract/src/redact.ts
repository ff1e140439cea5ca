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
      // Basic auth and URL-encoding carry the same secret in another form.
      const encoded = encodeURIComponent(value);
      if (encoded !== value) this.secrets.push(encoded);
    }
    this.secrets.sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
    return out.replace(/(authorization|bearer|basic)(["':=\s]+)([A-Za-z0-9._~+/=-]{8,})/gi, '$1$2[REDACTED]');
  }
}
