import { mkdtemp, mkdir, readdir, readFile, rm, stat, symlink, writeFile, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientConfigPath, clientConfigSnippet, mergeClientConfig, type McpClient } from '../src/clients.js';
import { defineConnector, defineTool, envVar, runCli, z } from '../src/index.js';

/** Obviously fake; it must reach the client's file but never the terminal. */
const SECRET = 'memo-secret-canary-7f3a9c';

const ping = (action: string, toolset: string, access: 'read' | 'write') =>
  defineTool({
    action,
    title: action,
    description: `${action}.`,
    toolset,
    access,
    input: z.object({}),
    output: z.object({ ok: z.boolean() }),
    examples: [{}],
    handler: async () => ({ data: { ok: true } }),
  });

const memo = defineConnector({
  id: 'memo',
  title: 'Memo',
  version: '1.2.3',
  description: 'Memos.',
  config: {
    MEMO_API_TOKEN: envVar.secret('API token from Memo settings.', { required: true }),
    MEMO_API_URL: envVar.url('Base URL of the Memo API.', { default: 'https://api.memo.test' }),
    MEMO_REGION: envVar.string('Data region (eu or us).'),
  },
  toolsets: { memos: 'Read and write memos.', admin: 'Workspace admin.' },
  client: () => ({}),
  health: async () => ({}),
  tools: [ping('list_memos', 'memos', 'read'), ping('create_memo', 'memos', 'write'), ping('list_users', 'admin', 'read')],
});

let home: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'configure-test-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function configure(argv: string[], extraEnv: NodeJS.ProcessEnv = {}, cwd = join(home, 'project')) {
  let out = '';
  let err = '';
  const code = await runCli(memo, {
    argv: ['configure', ...argv],
    env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), ...extraEnv },
    cwd,
    out: (t) => void (out += t),
    err: (t) => void (err += t),
  });
  return { code, out, err, all: out + err };
}

const read = async (path: string) => JSON.parse(await readFile(path, 'utf8'));
// Tests run on Linux/macOS CI; the default locations are checked per platform below with clientConfigPath.
const desktopFile = () => clientConfigPath('claude-desktop', { env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') }, cwd: home });

describe('configure: merging into an existing file', () => {
  it('adds our server and keeps every other server and unrelated key as they were', async () => {
    const file = desktopFile();
    const existing = {
      globalShortcut: 'Ctrl+Space',
      mcpServers: {
        github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_TOKEN: 'ghp_other' } },
        files: { command: 'node', args: ['/opt/files.js'] },
      },
      preferences: { theme: 'dark' },
    };
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, `${JSON.stringify(existing, null, 2)}\n`);

    const result = await configure(['claude-desktop'], { MEMO_API_TOKEN: SECRET, MEMO_REGION: 'eu' });

    expect(result.code).toBe(0);
    const written = await read(file);
    expect(written.globalShortcut).toBe('Ctrl+Space');
    expect(written.preferences).toEqual({ theme: 'dark' });
    expect(written.mcpServers.github).toEqual(existing.mcpServers.github);
    expect(written.mcpServers.files).toEqual(existing.mcpServers.files);
    expect(Object.keys(written.mcpServers)).toEqual(['github', 'files', 'memo']);
    expect(written.mcpServers.memo).toEqual({
      command: 'npx',
      args: ['-y', '@connectors/memo'],
      env: { MEMO_API_TOKEN: SECRET, MEMO_REGION: 'eu' },
    });
    expect(result.out).toContain(`Added "memo" to Claude Desktop config ${file}`);
    expect(result.out).toContain('"MEMO_API_TOKEN": "***"');
    expect(result.out).toContain('"MEMO_REGION": "eu"');
    expect(result.all).not.toContain(SECRET);
    expect(await readFile(file, 'utf8')).toMatch(/\n$/);
  });

  it('says unchanged on a second run, and updated (with what changed) when the flags differ', async () => {
    const env = { MEMO_API_TOKEN: SECRET };
    expect((await configure(['claude-desktop'], env)).code).toBe(0);
    const before = await readFile(desktopFile(), 'utf8');

    const again = await configure(['claude-desktop'], env);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Unchanged: "memo" is already up to date');
    expect(await readFile(desktopFile(), 'utf8')).toBe(before);

    const gated = await configure(['claude-desktop', '--read-only', '--toolsets', 'memos'], env);
    expect(gated.code).toBe(0);
    expect(gated.out).toContain('Updated "memo"');
    expect(gated.out).toContain('Changed: args ["-y","@connectors/memo"] → ["-y","@connectors/memo","--read-only","--toolsets","memos"]');
    expect((await read(desktopFile())).mcpServers.memo.args).toEqual(['-y', '@connectors/memo', '--read-only', '--toolsets', 'memos']);
    expect(gated.all).not.toContain(SECRET);
  });

  it('reports a changed secret without printing either value', async () => {
    await configure(['claude-desktop'], { MEMO_API_TOKEN: SECRET });
    const rotated = await configure(['claude-desktop'], { MEMO_API_TOKEN: `${SECRET}-rotated` });
    expect(rotated.out).toContain('Changed: env MEMO_API_TOKEN changed.');
    expect(rotated.all).not.toContain(SECRET);
    expect((await read(desktopFile())).mcpServers.memo.env.MEMO_API_TOKEN).toBe(`${SECRET}-rotated`);
  });

  it('keeps values and keys of our entry that this run does not set (a token set earlier, a proxy added by hand)', async () => {
    const file = desktopFile();
    await mkdir(join(file, '..'), { recursive: true });
    const entry = {
      command: 'npx',
      args: ['-y', '@connectors/memo'],
      env: { MEMO_API_TOKEN: SECRET, HTTPS_PROXY: 'http://proxy.corp:3128' },
      disabled: false,
    };
    await writeFile(file, JSON.stringify({ mcpServers: { memo: entry } }));

    const result = await configure(['claude-desktop'], {});
    expect(result.code).toBe(0);
    expect(result.out).toContain('Unchanged');
    expect((await read(file)).mcpServers.memo).toEqual(entry);
    expect(result.all).not.toContain(SECRET);
    expect(result.out).not.toContain('proxy.corp');
  });

  it('writes a placeholder for a required variable that is not set and says which to fill in', async () => {
    const result = await configure(['claude-desktop']);
    expect(result.code).toBe(0);
    expect((await read(desktopFile())).mcpServers.memo.env).toEqual({ MEMO_API_TOKEN: '<MEMO_API_TOKEN>' });
    expect(result.out).toContain('Fill in MEMO_API_TOKEN in that file');
    expect(result.out).toContain('Quit and reopen Claude Desktop');
  });

  it('writes through a symlinked config file instead of replacing the link', async () => {
    const real = join(home, 'dotfiles', 'claude.json');
    await mkdir(join(real, '..'), { recursive: true });
    await writeFile(real, '{"mcpServers":{}}\n');
    const file = desktopFile();
    await mkdir(join(file, '..'), { recursive: true });
    await symlink(real, file);

    expect((await configure(['claude-desktop'], { MEMO_API_TOKEN: SECRET })).code).toBe(0);
    expect((await lstat(file)).isSymbolicLink()).toBe(true);
    expect((await read(real)).mcpServers.memo.command).toBe('npx');
  });

  it('leaves no temporary file behind and keeps the indentation of the file', async () => {
    const file = desktopFile();
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, '{\n\t"mcpServers": {}\n}\n');
    await configure(['claude-desktop'], { MEMO_API_TOKEN: SECRET });
    expect(await readdir(join(file, '..'))).toEqual(['claude_desktop_config.json']);
    expect(await readFile(file, 'utf8')).toMatch(/^\{\n\t"mcpServers": \{\n\t\t"memo"/);
  });
});

describe('configure: --dry-run', () => {
  it('prints the change and writes nothing, for a new file', async () => {
    const result = await configure(['claude-desktop', '--dry-run'], { MEMO_API_TOKEN: SECRET });
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Would add "memo" to Claude Desktop config ${desktopFile()} (new file)`);
    expect(result.out).toContain('"MEMO_API_TOKEN": "***"');
    expect(result.out).toContain('Dry run: nothing was written.');
    expect(result.all).not.toContain(SECRET);
    await expect(stat(desktopFile())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('prints the change and writes nothing, for an existing file', async () => {
    const file = desktopFile();
    await mkdir(join(file, '..'), { recursive: true });
    const original = '{ "mcpServers": { "memo": { "command": "node", "args": ["old.js"] } } }';
    await writeFile(file, original);
    const before = await stat(file);

    const result = await configure(['claude-desktop', '--dry-run'], { MEMO_API_TOKEN: SECRET });
    expect(result.out).toContain('Would update "memo"');
    expect(result.out).toContain('command "node" → "npx"');
    expect(await readFile(file, 'utf8')).toBe(original);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });
});

describe('configure: files it will not touch', () => {
  it('refuses a file that is not valid JSON, exit 2, without quoting the file', async () => {
    const file = desktopFile();
    await mkdir(join(file, '..'), { recursive: true });
    const broken = `{\n  "mcpServers": {\n    "other": { "env": { "TOKEN": "${SECRET}" } },\n  }\n}\n`;
    await writeFile(file, broken);

    const result = await configure(['claude-desktop'], { MEMO_API_TOKEN: SECRET });
    expect(result.code).toBe(2);
    expect(result.err).toContain(`${file} is not valid JSON at line 4, column 3: expected double-quoted property name;`);
    expect(result.err).toContain('it was left unchanged');
    expect(result.err).toContain('add this to it by hand');
    expect(result.all).not.toContain(SECRET);
    expect(await readFile(file, 'utf8')).toBe(broken);
  });

  it('refuses a file whose mcpServers is not an object', async () => {
    const file = desktopFile();
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, '{"mcpServers": ["memo"]}');
    const result = await configure(['claude-desktop'], { MEMO_API_TOKEN: SECRET });
    expect(result.code).toBe(2);
    expect(result.err).toContain('"mcpServers" is not a JSON object');
    expect(await readFile(file, 'utf8')).toBe('{"mcpServers": ["memo"]}');
  });

  it('treats an empty file as an empty config', async () => {
    const file = desktopFile();
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, '');
    expect((await configure(['claude-desktop'], { MEMO_API_TOKEN: SECRET })).code).toBe(0);
    expect(Object.keys((await read(file)).mcpServers)).toEqual(['memo']);
  });

  it('rejects an unknown client, and gating flags that name nothing, with exit 2', async () => {
    const unknown = await configure(['zed']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('claude-desktop, cursor, vscode, claude-code, windsurf, gemini-cli, codex');
    const badToolset = await configure(['cursor', '--toolsets', 'nope']);
    expect(badToolset.code).toBe(2);
    expect(badToolset.err).toContain('unknown toolset "nope"');
    await expect(stat(join(home, '.cursor', 'mcp.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('configure: each client file', () => {
  it('cursor: mcpServers in ~/.cursor/mcp.json', async () => {
    const result = await configure(['cursor', '--tools', 'list_memos'], { MEMO_API_TOKEN: SECRET });
    const file = join(home, '.cursor', 'mcp.json');
    expect(result.out).toContain(file);
    expect(await read(file)).toEqual({
      mcpServers: { memo: { command: 'npx', args: ['-y', '@connectors/memo', '--tools', 'list_memos'], env: { MEMO_API_TOKEN: SECRET } } },
    });
    expect(result.out).toContain('Cursor');
  });

  it('vscode: servers (type stdio) in .vscode/mcp.json of the working folder; secrets become input prompts', async () => {
    const cwd = join(home, 'project');
    const file = join(cwd, '.vscode', 'mcp.json');
    await mkdir(join(file, '..'), { recursive: true });
    const existing = {
      inputs: [{ type: 'promptString', id: 'github-token', description: 'GitHub token', password: true }],
      servers: { github: { type: 'stdio', command: 'npx', args: ['-y', 'gh-mcp'], env: { GITHUB_TOKEN: '${input:github-token}' } } },
    };
    await writeFile(file, JSON.stringify(existing, null, 2));

    const result = await configure(['vscode'], { MEMO_API_TOKEN: SECRET, MEMO_REGION: 'us' }, cwd);
    expect(result.code).toBe(0);
    const written = await read(file);
    expect(written.servers.github).toEqual(existing.servers.github);
    expect(written.servers.memo).toEqual({
      type: 'stdio',
      command: 'npx',
      args: ['-y', '@connectors/memo'],
      env: { MEMO_API_TOKEN: '${input:memo-api-token}', MEMO_REGION: 'us' },
    });
    expect(written.inputs).toEqual([
      existing.inputs[0],
      { type: 'promptString', id: 'memo-api-token', description: 'Memo: API token from Memo settings.', password: true },
    ]);
    // A workspace file is easily committed: the secret is not in it.
    expect(await readFile(file, 'utf8')).not.toContain(SECRET);
    expect(result.out).toContain('VS Code asks for MEMO_API_TOKEN');

    const again = await configure(['vscode'], { MEMO_API_TOKEN: SECRET, MEMO_REGION: 'us' }, cwd);
    expect(again.out).toContain('Unchanged');
    expect((await read(file)).inputs).toHaveLength(2);
  });

  it('vscode: edits a file with comments and trailing commas in place, keeping them', async () => {
    const cwd = join(home, 'project');
    const file = join(cwd, '.vscode', 'mcp.json');
    await mkdir(join(file, '..'), { recursive: true });
    const original = '{\n  // my servers\n  "servers": {\n    /* the wiki */ "wiki": { "command": "wiki-mcp" },\n  },\n  "inputs": [],\n}\n';
    await writeFile(file, original);
    const result = await configure(['vscode'], { MEMO_API_TOKEN: SECRET }, cwd);
    expect(result.code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('// my servers');
    expect(text).toContain('/* the wiki */ "wiki": { "command": "wiki-mcp" },');
    expect(text).not.toContain(SECRET);
    const { parse } = await import('jsonc-parser');
    const parsed = parse(text, [], { allowTrailingComma: true });
    expect(parsed.servers.wiki).toEqual({ command: 'wiki-mcp' });
    expect(parsed.servers.memo).toMatchObject({ type: 'stdio', command: 'npx', env: { MEMO_API_TOKEN: '${input:memo-api-token}' } });
    expect(parsed.inputs).toEqual([expect.objectContaining({ id: 'memo-api-token', password: true })]);
    expect((await configure(['vscode'], {}, cwd)).out).toContain('Unchanged');
  });

  it('vscode: refuses a file that is not JSON even with comments allowed, without quoting it', async () => {
    const cwd = join(home, 'project');
    const file = join(cwd, '.vscode', 'mcp.json');
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, `{ "servers": { "x": "${SECRET}" } `);
    const result = await configure(['vscode'], {}, cwd);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/is not valid JSON with comments at line 1, column \d+/);
    expect(result.err).not.toContain(SECRET);
  });

  it.each([
    ['windsurf', ['.codeium', 'windsurf', 'mcp_config.json']],
    ['gemini-cli', ['.gemini', 'settings.json']],
  ])('%s: mcpServers in its JSON file, other settings kept', async (client, parts) => {
    const file = join(home, ...parts);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, JSON.stringify({ theme: 'GitHub', mcpServers: { other: { command: 'other-mcp' } } }, null, 2));
    const result = await configure([client], { MEMO_API_TOKEN: SECRET });
    expect(result.code).toBe(0);
    expect(await read(file)).toEqual({
      theme: 'GitHub',
      mcpServers: { other: { command: 'other-mcp' }, memo: { command: 'npx', args: ['-y', '@connectors/memo'], env: { MEMO_API_TOKEN: SECRET } } },
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('codex: [mcp_servers.memo] in ~/.codex/config.toml, the user’s comments and other tables left as they were', async () => {
    const file = join(home, '.codex', 'config.toml');
    await mkdir(join(file, '..'), { recursive: true });
    const original = [
      '# my Codex settings',
      'model = "o3" # the default',
      '',
      '[mcp_servers.wiki]',
      'command = "wiki-mcp"',
      '',
      '# memo, added by hand once',
      '[mcp_servers.memo]',
      'command = "old"',
      'startup_timeout_ms = 20000',
      '[mcp_servers.memo.env]',
      'MEMO_REGION = "eu"',
      '',
      '# profiles below',
      '[profiles.fast]',
      'model = "o4-mini"',
      '',
    ].join('\n');
    await writeFile(file, original);
    const result = await configure(['codex', '--read-only'], { MEMO_API_TOKEN: SECRET });
    expect(result.code).toBe(0);
    const text = await readFile(file, 'utf8');
    for (const kept of [
      '# my Codex settings',
      'model = "o3" # the default',
      '[mcp_servers.wiki]\ncommand = "wiki-mcp"',
      '# memo, added by hand once',
      '# profiles below\n[profiles.fast]\nmodel = "o4-mini"',
    ]) {
      expect(text).toContain(kept);
    }
    const { parse } = await import('smol-toml');
    const parsed = parse(text) as { mcp_servers: Record<string, unknown>; profiles: unknown; model: string };
    expect(parsed.model).toBe('o3');
    expect(parsed.profiles).toEqual({ fast: { model: 'o4-mini' } });
    expect(parsed.mcp_servers.wiki).toEqual({ command: 'wiki-mcp' });
    // Keys of our entry this command does not manage stay (startup_timeout_ms); the region set before stays.
    expect(parsed.mcp_servers.memo).toEqual({
      command: 'npx',
      args: ['-y', '@connectors/memo', '--read-only'],
      env: { MEMO_API_TOKEN: SECRET, MEMO_REGION: 'eu' },
      startup_timeout_ms: 20000,
    });
    expect(text.match(/\[mcp_servers\.memo\]/g)).toHaveLength(1);
    expect(result.out).not.toContain(SECRET);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await configure(['codex', '--read-only'], { MEMO_API_TOKEN: SECRET })).out).toContain('Unchanged');
  });

  it('codex: adds the table to a new or an existing file, and refuses an entry written as an inline table', async () => {
    const file = join(home, '.codex', 'config.toml');
    expect((await configure(['codex'], {}, home)).code).toBe(0);
    const { parse } = await import('smol-toml');
    expect(parse(await readFile(file, 'utf8'))).toEqual({
      mcp_servers: { memo: { command: 'npx', args: ['-y', '@connectors/memo'], env: { MEMO_API_TOKEN: '<MEMO_API_TOKEN>' } } },
    });
    await writeFile(file, 'mcp_servers = { memo = { command = "by-hand" } }\n');
    const inline = await configure(['codex'], { MEMO_API_TOKEN: SECRET });
    expect(inline.code).toBe(2);
    expect(inline.err).toContain('change it by hand');
    expect(await readFile(file, 'utf8')).toBe('mcp_servers = { memo = { command = "by-hand" } }\n');
    await writeFile(file, `model = "o3"\napi_key = "${SECRET}\n`);
    const broken = await configure(['codex']);
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/is not valid TOML at line 2/);
    expect(broken.err).not.toContain(SECRET);
  });

  it('claude-code: mcpServers (type stdio) in ~/.claude.json, leaving everything else in that file alone', async () => {
    const file = join(home, '.claude.json');
    const existing = {
      numStartups: 42,
      theme: 'dark',
      oauthAccount: { emailAddress: 'me@example.com' },
      projects: { '/work/app': { allowedTools: ['Bash'], mcpServers: { local: { type: 'stdio', command: 'node', args: ['x.js'] } } } },
      mcpServers: { other: { type: 'stdio', command: 'uvx', args: ['other-mcp'], env: {} } },
      tipsHistory: { 'memory-command': 3 },
    };
    await writeFile(file, JSON.stringify(existing, null, 2), { mode: 0o600 });

    const result = await configure(['claude-code', '--exclude-tools', 'create_memo'], { MEMO_API_TOKEN: SECRET });
    expect(result.code).toBe(0);
    const written = await read(file);
    const { mcpServers, ...rest } = written;
    const { mcpServers: oldServers, ...oldRest } = existing;
    expect(rest).toEqual(oldRest);
    expect(mcpServers.other).toEqual(oldServers.other);
    expect(mcpServers.memo).toEqual({
      type: 'stdio',
      command: 'npx',
      args: ['-y', '@connectors/memo', '--exclude-tools', 'create_memo'],
      env: { MEMO_API_TOKEN: SECRET },
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(result.all).not.toContain(SECRET);
  });

  it('narrows an existing world-readable file to 0600 when it gets a secret', async () => {
    const file = join(home, '.claude.json');
    await writeFile(file, JSON.stringify({ theme: 'dark' }), { mode: 0o644 });
    expect((await configure(['claude-code'], { MEMO_API_TOKEN: SECRET })).code).toBe(0);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await read(file)).theme).toBe('dark');
  });

  it('creates a new file holding a secret with mode 0600', async () => {
    await configure(['claude-code'], { MEMO_API_TOKEN: SECRET });
    expect((await stat(join(home, '.claude.json'))).mode & 0o777).toBe(0o600);
  });

  it('--config-file writes to the given path (relative to the working folder)', async () => {
    const cwd = join(home, 'project');
    const result = await configure(['cursor', '--config-file', 'custom/mcp.json'], { MEMO_API_TOKEN: SECRET }, cwd);
    expect(result.code).toBe(0);
    expect((await read(join(cwd, 'custom', 'mcp.json'))).mcpServers.memo.command).toBe('npx');
    await expect(stat(join(home, '.cursor', 'mcp.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('configure --local (a checkout, before anything is published)', () => {
  async function localConfigure(argv: string[], binPath: string) {
    let out = '';
    let err = '';
    const code = await runCli(memo, {
      argv: ['configure', ...argv],
      env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), MEMO_API_TOKEN: SECRET },
      cwd: join(home, 'project'),
      out: (t) => void (out += t),
      err: (t) => void (err += t),
      binPath,
      nodePath: '/opt/node-20/bin/node',
    });
    return { code, out, err };
  }

  it('writes the absolute Node and the built bin (links resolved) with the flags, and says to rebuild after pulling', async () => {
    const dist = join(home, 'checkout', 'packages', 'memo', 'dist');
    await mkdir(dist, { recursive: true });
    await writeFile(join(dist, 'bin.js'), '#!/usr/bin/env node\n');
    await mkdir(join(home, 'bin'), { recursive: true });
    await symlink(join(dist, 'bin.js'), join(home, 'bin', 'connectors-memo'));
    const { code, out } = await localConfigure(['claude-desktop', '--local', '--read-only'], join(home, 'bin', 'connectors-memo'));
    expect(code).toBe(0);
    const entry = (await read(desktopFile())).mcpServers.memo;
    expect(entry).toEqual({ command: '/opt/node-20/bin/node', args: [join(dist, 'bin.js'), '--read-only'], env: { MEMO_API_TOKEN: SECRET } });
    expect(out).toContain(`It runs this checkout's build (${join(dist, 'bin.js')})`);
    expect(out).not.toContain(SECRET);
  });

  it('refuses a bin that is missing or not built JavaScript, and --local on other commands', async () => {
    const missing = await localConfigure(['cursor', '--local'], join(home, 'nowhere', 'bin.js'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('does not exist');
    await writeFile(join(home, 'bin.ts'), '');
    expect((await localConfigure(['cursor', '--local'], join(home, 'bin.ts'))).err).toContain('is not a built bin');
    let err = '';
    expect(await runCli(memo, { argv: ['serve', '--local'], env: {}, out: () => {}, err: (t) => void (err += t) })).toBe(2);
    expect(err).toContain('--local is for `configure');
  });
});

describe('configure: OAuth connectors', () => {
  const crm = defineConnector({
    id: 'crm',
    title: 'CRM',
    version: '1.0.0',
    description: 'Contacts.',
    config: {
      CRM_CLIENT_ID: envVar.string('OAuth client id.', { required: true }),
      CRM_CLIENT_SECRET: envVar.secret('OAuth client secret.', { required: true }),
    },
    toolsets: { contacts: 'Contacts.' },
    client: () => ({}),
    health: async () => ({}),
    tools: [],
    oauth: {
      authorizeUrl: 'https://auth.crm.test/a',
      tokenUrl: 'https://auth.crm.test/t',
      scopes: [],
      clientIdEnv: 'CRM_CLIENT_ID',
      clientSecretEnv: 'CRM_CLIENT_SECRET',
    },
  });

  it('writes the client credentials, passes XDG_CONFIG_HOME on (so the server finds the tokens) and says to log in', async () => {
    let out = '';
    const xdg = join(home, 'xdg');
    const code = await runCli(crm, {
      argv: ['configure', 'cursor'],
      env: { HOME: home, XDG_CONFIG_HOME: xdg, CRM_CLIENT_ID: 'client-1', CRM_CLIENT_SECRET: SECRET },
      out: (t) => void (out += t),
      err: (t) => void (out += t),
    });
    expect(code).toBe(0);
    expect((await read(join(home, '.cursor', 'mcp.json'))).mcpServers.crm.env).toEqual({
      CRM_CLIENT_ID: 'client-1',
      CRM_CLIENT_SECRET: SECRET,
      XDG_CONFIG_HOME: xdg,
    });
    expect(out).toContain(`"XDG_CONFIG_HOME": "${xdg}"`);
    expect(out).toContain('run `npx -y @connectors/crm auth login` once');
    expect(out).not.toContain(SECRET);
  });
});

describe('clientConfigPath', () => {
  const env = { HOME: '/Users/ada', USERPROFILE: 'C:\\Users\\ada', APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' };
  it.each([
    ['claude-desktop', 'darwin', '/Users/ada/Library/Application Support/Claude/claude_desktop_config.json'],
    ['claude-desktop', 'win32', 'C:\\Users\\ada\\AppData\\Roaming\\Claude\\claude_desktop_config.json'],
    ['claude-desktop', 'linux', '/Users/ada/.config/Claude/claude_desktop_config.json'],
    ['cursor', 'darwin', '/Users/ada/.cursor/mcp.json'],
    ['cursor', 'win32', 'C:\\Users\\ada\\.cursor\\mcp.json'],
    ['claude-code', 'linux', '/Users/ada/.claude.json'],
    ['claude-code', 'win32', 'C:\\Users\\ada\\.claude.json'],
    ['vscode', 'linux', '/srv/app/.vscode/mcp.json'],
  ] as [McpClient, NodeJS.Platform, string][])('%s on %s', (client, platform, expected) => {
    expect(clientConfigPath(client, { env, platform, cwd: platform === 'win32' ? 'C:\\app' : '/srv/app' })).toBe(expected);
  });

  it('honours XDG_CONFIG_HOME on Linux and CLAUDE_CONFIG_DIR for Claude Code', () => {
    expect(clientConfigPath('claude-desktop', { env: { HOME: '/h', XDG_CONFIG_HOME: '/x' }, platform: 'linux' })).toBe('/x/Claude/claude_desktop_config.json');
    expect(clientConfigPath('claude-code', { env: { HOME: '/h', CLAUDE_CONFIG_DIR: '/h/.claude' }, platform: 'linux' })).toBe('/h/.claude/.claude.json');
  });
});

describe('clientConfigSnippet (what the docs generator shows)', () => {
  it('gives placeholders for required variables and nothing else', () => {
    expect(clientConfigSnippet(memo, 'claude-desktop').snippet).toEqual({
      mcpServers: { memo: { command: 'npx', args: ['-y', '@connectors/memo'], env: { MEMO_API_TOKEN: '<MEMO_API_TOKEN>' } } },
    });
    expect(clientConfigSnippet(memo, 'cursor').placeholders).toEqual(['MEMO_API_TOKEN']);
  });

  it('gives VS Code an input prompt and a stdio server', () => {
    const vscode = clientConfigSnippet(memo, 'vscode');
    expect(vscode.snippet).toEqual({
      inputs: [{ type: 'promptString', id: 'memo-api-token', description: 'Memo: API token from Memo settings.', password: true }],
      servers: { memo: { type: 'stdio', command: 'npx', args: ['-y', '@connectors/memo'], env: { MEMO_API_TOKEN: '${input:memo-api-token}' } } },
    });
    expect(vscode.prompted).toEqual(['MEMO_API_TOKEN']);
  });

  it('wraps npx in cmd /c for Claude Code on native Windows', () => {
    expect(clientConfigSnippet(memo, 'claude-code', { platform: 'win32', args: ['--read-only'] }).entry).toMatchObject({
      type: 'stdio',
      command: 'cmd',
      args: ['/c', 'npx', '-y', '@connectors/memo', '--read-only'],
    });
  });

  it('is merged without touching other servers (pure merge)', () => {
    const config = { mcpServers: { a: { command: 'a' } }, other: 1 };
    const merged = mergeClientConfig(config, clientConfigSnippet(memo, 'cursor', { env: { MEMO_API_TOKEN: 'x' } }));
    expect(merged.action).toBe('added');
    expect(merged.config).toEqual({
      mcpServers: { a: { command: 'a' }, memo: { command: 'npx', args: ['-y', '@connectors/memo'], env: { MEMO_API_TOKEN: 'x' } } },
      other: 1,
    });
    expect(config.mcpServers).toEqual({ a: { command: 'a' } });
  });
});
