// What a new user meets first: `configure` (names they type, its own --help, a login step only
// when the auth mode written needs one) and health without credentials (what is missing, where to
// set it, and commands that work from where the bin runs).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandHere } from '../src/cli/run.js';
import { defineConnector, defineTool, envVar, runCli, z } from '../src/index.js';
import { ConnectorRuntime } from '../src/server.js';

const ping = defineTool({
  action: 'ping',
  title: 'Ping',
  description: 'Ping.',
  toolset: 'things',
  access: 'read',
  input: z.object({}),
  output: z.object({ ok: z.boolean() }),
  examples: [{}],
  handler: async () => ({ data: { ok: true } }),
});

/** Two auth modes, like Jira: an API token, or an OAuth client and a login. */
const acme = defineConnector({
  id: 'acme',
  title: 'Acme',
  version: '1.0.0',
  description: 'Acme.',
  config: {
    ACME_API_TOKEN: envVar.secret('API token.'),
    ACME_CLIENT_ID: envVar.string('OAuth client id.'),
  },
  requires: (values) =>
    values.ACME_CLIENT_ID || values.ACME_API_TOKEN
      ? { missing: [] }
      : { missing: ['ACME_API_TOKEN'], problems: ['Or set ACME_CLIENT_ID and run `npx -y @connectors/acme auth login`.'] },
  oauth: {
    authorizeUrl: 'https://auth.acme.test/authorize',
    tokenUrl: 'https://auth.acme.test/token',
    scopes: ['read'],
    clientIdEnv: 'ACME_CLIENT_ID',
    inUse: (values) => values.ACME_CLIENT_ID !== undefined,
  },
  toolsets: { things: 'Things.' },
  client: () => ({}),
  health: async () => ({ user: 'me' }),
  tools: [ping],
});

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'first-run-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}, binPath?: string) {
  let out = '';
  const code = await runCli(acme, {
    argv,
    env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), ...env },
    cwd: home,
    out: (t) => void (out += t),
    err: (t) => void (out += t),
    ...(binPath ? { binPath } : {}),
  });
  return { code, out };
}

describe('configure', () => {
  it('names auth login only when the auth mode written uses OAuth', async () => {
    const token = await cli(['configure', 'cursor'], { ACME_API_TOKEN: 'acme-token-0123456789' });
    expect(token.code).toBe(0);
    expect(token.out).not.toMatch(/auth login/);
    const login = await cli(['configure', 'cursor'], { ACME_CLIENT_ID: 'client-1' });
    expect(login.out).toMatch(/logs in with OAuth: run `npx -y @connectors\/acme auth login`/);
  });

  it('takes the names people type for a client, and refuses others naming the choices', async () => {
    const gemini = await cli(['configure', 'gemini', '--dry-run'], { ACME_API_TOKEN: 'acme-token-0123456789' });
    expect(gemini.code).toBe(0);
    expect(gemini.out).toMatch(/Gemini CLI/);
    expect((await cli(['configure', 'VS_Code', '--dry-run'])).out).toMatch(/VS Code/);
    const unknown = await cli(['configure', 'notepad']);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toMatch(/"notepad" is not a client this command knows\. Use: configure <client>, where <client> is one of claude-desktop/);
  });

  it('answers --help with its own help, not the whole CLI help', async () => {
    const help = await cli(['configure', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: npx -y @connectors\/acme configure <client>/);
    expect(help.out).toMatch(/Also accepted: .*gemini \(gemini-cli\)/);
    expect(help.out).not.toMatch(/Commands:/);
  });
});

describe('health without credentials', () => {
  it('says what is missing, where to set it, and a placeholder left in place', () => {
    const runtime = new ConnectorRuntime(acme, { env: { ACME_API_TOKEN: '<ACME_API_TOKEN>' }, logLevel: 'silent' });
    return runtime.callTool('acme_health', {}).then((result) => {
      const data = (result.structuredContent as { data: Record<string, unknown> }).data;
      expect(data).toMatchObject({ status: 'not_configured', missing: ['ACME_API_TOKEN'] });
      expect(data.next).toMatch(
        /^Set ACME_API_TOKEN in the "env" of this server's entry in your MCP client's config file \(`npx -y @connectors\/acme configure <client>`/,
      );
      expect(data.problems).toEqual([
        'ACME_API_TOKEN still holds the placeholder <ACME_API_TOKEN> that configure wrote: replace it with the real value.',
        'Or set ACME_CLIENT_ID and run `npx -y @connectors/acme auth login`.',
      ]);
    });
  });

  it('names the commands that work from where the bin runs: node and its path in a checkout', async () => {
    const bin = '/home/dev/connectors/packages/acme/dist/bin.js';
    expect(commandHere(acme, bin)).toBe(`node ${bin}`);
    expect(commandHere(acme, '/home/dev/.npm/_npx/1a2b/node_modules/@connectors/acme/dist/bin.js')).toBe('npx -y @connectors/acme');
    expect(commandHere(acme, '/Users/Dev Name/acme/dist/bin.js')).toBe('node "/Users/Dev Name/acme/dist/bin.js"');
    const health = await cli(['health'], {}, bin);
    expect(health.code).toBe(1);
    expect(health.out).toContain(`run \`node ${bin} auth login\``);
    expect(health.out).toContain(`(\`node ${bin} configure <client> --local\``);
    expect(health.out).not.toContain('npx -y');
    const login = await cli(['configure', 'cursor', '--dry-run'], { ACME_CLIENT_ID: 'client-1' }, bin);
    expect(login.out).toContain(`run \`node ${bin} auth login\` once`);
  });
});
