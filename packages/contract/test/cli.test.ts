import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { parseCliOptions, UsageError } from '../src/cli/options.js';
import { CANARY_TOKEN, NOTES_URL, configuredEnv, notesConnector } from './support/notes-connector.js';
import { useNock } from './support/runtime.js';

useNock();

function parse(argv: string[], env: NodeJS.ProcessEnv = {}) {
  return parseCliOptions('notes', argv, env);
}

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

async function cli(argv: string[], env: NodeJS.ProcessEnv = configuredEnv) {
  let out = '';
  let err = '';
  const code = await runCli(notesConnector, { argv, env, out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('parseCliOptions', () => {
  it('defaults to serving stdio with no gating', () => {
    expect(parse([])).toMatchObject({
      command: 'serve',
      gating: { readOnly: false },
      toolSeparator: '_',
      logLevel: 'info',
      http: false,
      port: 3000,
      host: '127.0.0.1',
      maxResultBytes: 100_000,
    });
  });

  it('reads every flag', () => {
    const options = parse([
      'serve',
      '--read-only',
      '--toolsets',
      'notes, admin',
      '--tools=get_note',
      '--exclude-tools',
      'delete_note',
      '--tool-separator',
      '.',
      '--log-level',
      'debug',
      '--http',
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--max-result-bytes',
      '5000',
    ]);
    expect(options).toMatchObject({
      command: 'serve',
      gating: { readOnly: true, toolsets: ['notes', 'admin'], tools: ['get_note'], excludeTools: ['delete_note'] },
      toolSeparator: '.',
      logLevel: 'debug',
      http: true,
      port: 0,
      host: '0.0.0.0',
      maxResultBytes: 5000,
    });
  });

  it('reads the environment equivalents, prefixed with the connector id', () => {
    const options = parse([], {
      NOTES_READ_ONLY: 'true',
      NOTES_TOOLSETS: 'notes',
      NOTES_TOOLS: 'list_notes,get_note',
      NOTES_EXCLUDE_TOOLS: 'get_note',
      NOTES_TOOL_SEPARATOR: '.',
      NOTES_LOG_LEVEL: 'warn',
    });
    expect(options).toMatchObject({
      gating: { readOnly: true, toolsets: ['notes'], tools: ['list_notes', 'get_note'], excludeTools: ['get_note'] },
      toolSeparator: '.',
      logLevel: 'warn',
    });
    expect(parse([], { NOTES_READ_ONLY: '1' }).gating.readOnly).toBe(true);
    expect(parse([], { NOTES_READ_ONLY: 'false' }).gating.readOnly).toBe(false);
    expect(parse([], { NOTES_READ_ONLY: '' }).gating.readOnly).toBe(false);
  });

  it('lets a flag win over its environment variable', () => {
    expect(parse(['--toolsets', 'admin', '--log-level', 'error'], { NOTES_TOOLSETS: 'notes', NOTES_LOG_LEVEL: 'debug' })).toMatchObject({
      gating: { toolsets: ['admin'] },
      logLevel: 'error',
    });
  });

  it('uses the hyphen-free upper-case id for the variables of a hyphenated connector', () => {
    expect(parseCliOptions('google-drive', [], { GOOGLE_DRIVE_READ_ONLY: 'true' }).gating.readOnly).toBe(true);
  });

  it('treats an empty list variable as unset', () => {
    expect(parse([], { NOTES_TOOLS: ' ' }).gating).not.toHaveProperty('tools');
  });

  it.each([
    [['--verbose'], "Unknown option '--verbose'."],
    [['-x'], "Unknown option '-x'."],
    [['srve'], 'Unknown command "srve". Commands: serve, health, tools, configure, auth.'],
    [['--port'], "Option '--port <value>' argument missing"],
    [['--port', 'eighty'], 'Invalid port "eighty": use a whole number from 0 to 65535.'],
    [['--port', '70000'], 'Invalid port "70000": use a whole number from 0 to 65535.'],
    [['--max-result-bytes', '10'], 'Invalid max result bytes "10": use a whole number from 1000 to 10000000.'],
    [['--tool-separator', '/'], 'Invalid tool separator "/": use one of _, ..'],
    [['--log-level', 'loud'], 'Invalid log level "loud": use one of debug, info, warn, error, silent.'],
  ])('explains %j clearly', (argv, message) => {
    expect(usageError(() => parse(argv))).toBe(message);
  });

  it.each([
    [{ NOTES_READ_ONLY: 'maybe' }, 'Invalid NOTES_READ_ONLY="maybe": use true or false.'],
    [{ NOTES_TOOL_SEPARATOR: '::' }, 'Invalid tool separator "::": use one of _, ..'],
    [{ NOTES_LOG_LEVEL: 'verbose' }, 'Invalid log level "verbose": use one of debug, info, warn, error, silent.'],
  ])('rejects invalid environment values %j', (env, message) => {
    expect(usageError(() => parse([], env))).toBe(message);
  });
});

describe('runCli', () => {
  it('--help prints usage with flags, env names and configuration, and exits 0', async () => {
    const { code, out, err } = await cli(['--help']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('Usage: npx -y @connectors/notes');
    expect(out).toContain('--read-only');
    expect(out).toContain('env NOTES_READ_ONLY');
    expect(out).toContain('Only these toolsets: notes, admin');
    expect(out).toMatch(/NOTES_API_TOKEN\s+\(required\) \(secret\) API token/);
    expect(out).not.toContain(CANARY_TOKEN);
  });

  it("--help names a third party's own package when the connector sets packageName", async () => {
    let out = '';
    const code = await runCli({ ...notesConnector, packageName: '@acme/notes-mcp' }, { argv: ['--help'], env: {}, out: (t) => (out += t), err: () => {} });
    expect(code).toBe(0);
    expect(out).toContain('Usage: npx -y @acme/notes-mcp');
    expect(out).not.toContain('@connectors/notes');
  });

  it('-h and -v are short for --help and --version', async () => {
    expect((await cli(['-h'])).out).toContain('Usage:');
    expect(await cli(['-v'])).toEqual({ code: 0, out: '1.2.3\n', err: '' });
    expect(await cli(['--version'])).toEqual({ code: 0, out: '1.2.3\n', err: '' });
  });

  it('exits 2 with the message and a pointer to --help on a usage error', async () => {
    const { code, out, err } = await cli(['--bogus']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe("Unknown option '--bogus'.\nRun with --help for usage.\n");
  });

  it('exits 2 on an unknown gating name instead of serving a surprising tool list', async () => {
    const { code, err } = await cli(['tools', '--toolsets', 'nope']);
    expect(code).toBe(2);
    expect(err).toMatch(/unknown toolset "nope"/);
  });

  it('tools lists what this configuration registers, one line each, even without configuration', async () => {
    const { code, out } = await cli(['tools', '--read-only'], {});
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(['notes_health', 'notes_list_notes', 'notes_get_note']);
    expect(lines[1]).toMatch(/^notes_list_notes\s+read\s+List notes, newest first\.$/);
  });

  it('tools --json prints the full descriptors', async () => {
    const { code, out } = await cli(['tools', '--json', '--tool-separator', '.']);
    expect(code).toBe(0);
    const tools = JSON.parse(out) as { name: string; inputSchema: unknown; outputSchema: unknown; annotations: { destructiveHint: boolean } }[];
    expect(tools.map((t) => t.name)).toContain('notes.delete_note');
    expect(tools.find((t) => t.name === 'notes.delete_note')!.annotations.destructiveHint).toBe(true);
    for (const tool of tools) expect(tool).toHaveProperty('outputSchema');
  });

  it('health prints the report and exits 0 when the vendor accepts the credentials', async () => {
    nock(NOTES_URL).get('/v1/me').reply(200, { name: 'Ada', workspace: 'Lab', scopes: [] });
    const { code, out } = await cli(['health']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ status: 'ok', user: 'Ada', org: 'Lab', connector: 'notes', version: '1.2.3' });
    expect(out).not.toContain(CANARY_TOKEN);
  });

  it('health exits 1 when configuration is missing, naming it', async () => {
    const { code, out } = await cli(['health'], {});
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ status: 'not_configured', missing: ['NOTES_API_TOKEN'] });
  });

  it('health exits 1 when the vendor refuses the credentials', async () => {
    nock(NOTES_URL)
      .get('/v1/me')
      .reply(401, { error: { code: 'revoked', message: `token ${CANARY_TOKEN} revoked` } });
    const { code, out } = await cli(['health']);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ status: 'error', error: { code: 'unauthorized' } });
    expect(out).not.toContain(CANARY_TOKEN);
  });

  it('auth explains that an API-token connector has no login', async () => {
    const { code, err } = await cli(['auth', 'login']);
    expect(code).toBe(2);
    expect(err).toMatch(/does not use an OAuth login; set its environment variables instead/);
  });
});
