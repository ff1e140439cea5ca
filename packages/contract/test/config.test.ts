import { describe, expect, it } from 'vitest';
import { envVar, loadConfig, z } from '../src/index.js';
import { notConfiguredError } from '../src/definition/config.js';
import { createLogger } from '../src/core/logger.js';
import { Redactor } from '../src/core/redact.js';

const spec = {
  TOKEN: envVar.secret('Token.', { required: true }),
  URL: envVar.url('Base URL.', { default: 'https://api.example.com/' }),
  REGION: envVar.string('Region.', { schema: z.enum(['eu', 'us']) }),
  OPTIONAL: envVar.string('Optional.'),
};

describe('loadConfig', () => {
  it('reads, trims and applies defaults; a URL loses its trailing slash', () => {
    const config = loadConfig(spec, { TOKEN: '  abc-token  ', REGION: 'eu' });
    expect(config.values).toEqual({ TOKEN: 'abc-token', URL: 'https://api.example.com', REGION: 'eu' });
    expect(config.missing).toEqual([]);
    expect(config.invalid).toEqual([]);
  });

  it('treats the <NAME> placeholder that configure writes as unset', () => {
    const config = loadConfig(spec, { TOKEN: '<TOKEN>', REGION: 'eu' });
    expect(config.missing).toEqual(['TOKEN']);
    expect(config.values).not.toHaveProperty('TOKEN');
  });

  it('lists missing required variables and invalid values with the reason only', () => {
    const config = loadConfig(spec, { URL: 'javascript:alert(1)', REGION: 'mars' });
    expect(config.missing).toEqual(['TOKEN']);
    expect(config.invalid).toEqual([
      { name: 'URL', message: 'must be an http(s) URL' },
      { name: 'REGION', message: expect.not.stringContaining('mars') },
    ]);
    expect(config.values).not.toHaveProperty('URL');
  });

  it('treats an empty or blank value as unset, so the default applies', () => {
    expect(loadConfig(spec, { TOKEN: 't', URL: '  ' }).values.URL).toBe('https://api.example.com');
  });

  it('lets the connector decide what is required for the configuration in force', () => {
    const config = loadConfig(spec, {}, (values) => (values.REGION ? { missing: [] } : { missing: ['TOKEN'], problems: ['or HELLO_LOGIN instead'] }));
    expect(config.missing).toEqual(['TOKEN']);
    expect(config.problems).toEqual(['or HELLO_LOGIN instead']);
    expect(notConfiguredError(config)?.message).toBe('Configuration incomplete: missing TOKEN. or HELLO_LOGIN instead.');
  });

  it('refuses a requires() that names a variable the config does not declare (sentences go in problems)', () => {
    expect(() => loadConfig(spec, {}, () => ({ missing: ['TOKEN or HELLO_LOGIN'] }))).toThrow(/"TOKEN or HELLO_LOGIN", which the config does not declare/);
  });
});

describe('logger', () => {
  it('writes lines at or above its level, redacted, one per call', () => {
    const lines: string[] = [];
    const redactor = new Redactor();
    redactor.add('canary-logger-secret-000');
    const log = createLogger('warn', redactor, (line) => lines.push(line));
    log.debug('hidden');
    log.info('hidden');
    log.warn('careful with canary-logger-secret-000', { requestId: 'r1' });
    log.error('broken');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[\d{4}-\d\d-\d\dT[^\]]+\] warn: careful with \[REDACTED\] \{"requestId":"r1"\}\n$/);
    expect(lines[1]).toMatch(/ error: broken\n$/);
  });

  it('writes nothing when silent', () => {
    const lines: string[] = [];
    const log = createLogger('silent', new Redactor(), (line) => lines.push(line));
    log.error('nothing');
    expect(lines).toEqual([]);
  });
});
