import { isDeepStrictEqual } from 'node:util';
import { readFile, realpath, stat } from 'node:fs/promises';
import { loadConfig, type EnvVarSpec } from '../config.js';
import { packageNameOf, toolNameOf, type ConnectorDefinition } from '../define.js';
import { unknownGatingNames } from '../gating.js';
import { writeFileAtomic } from '../atomic-file.js';
import { homeDir, pathFor } from '../oauth/paths.js';
import { ClientConfigError, json, jsonc, loadFormatLibraries, toml, tomlLibrary, type ConfigFormat } from './config-formats.js';
import { UsageError, type CliOptions } from './options.js';

export { ClientConfigError } from './config-formats.js';

export const MCP_CLIENTS = ['claude-desktop', 'cursor', 'vscode', 'claude-code', 'windsurf', 'gemini-cli', 'codex'] as const;
export type McpClient = (typeof MCP_CLIENTS)[number];
/** The clients every connector README shows a snippet for; the others are in docs/clients.md. */
export const README_CLIENTS: readonly McpClient[] = ['claude-desktop', 'cursor', 'vscode', 'claude-code'];

type ServersKey = 'mcpServers' | 'servers' | 'mcp_servers';

interface ClientInfo {
  title: string;
  /** Where the servers live in the file. */
  key: ServersKey;
  location: string;
  /** What to do after the file changed. */
  next: string;
  format: ConfigFormat;
}

const CLIENTS: Record<McpClient, ClientInfo> = {
  'claude-desktop': {
    title: 'Claude Desktop',
    key: 'mcpServers',
    location:
      'claude_desktop_config.json in ~/Library/Application Support/Claude/ (macOS), %APPDATA%\\Claude\\ (Windows) or ~/.config/Claude/ (Linux)',
    next: 'Quit and reopen Claude Desktop to load it.',
    format: json,
  },
  cursor: {
    title: 'Cursor',
    key: 'mcpServers',
    location: '~/.cursor/mcp.json (global, every project)',
    next: 'Cursor picks it up by itself; check Settings → MCP (Tools & Integrations).',
    format: json,
  },
  vscode: {
    title: 'VS Code',
    key: 'servers',
    location: '.vscode/mcp.json in the workspace folder',
    next: 'Start it with the Start button in .vscode/mcp.json, or from "MCP: List Servers".',
    format: jsonc,
  },
  'claude-code': {
    title: 'Claude Code',
    key: 'mcpServers',
    location: '~/.claude.json (user scope, every project)',
    next: 'Start a new Claude Code session; `claude mcp list` shows it.',
    format: json,
  },
  windsurf: {
    title: 'Windsurf',
    key: 'mcpServers',
    location: '~/.codeium/windsurf/mcp_config.json',
    next: 'In Windsurf, open Settings → Cascade → MCP Servers and press Refresh.',
    format: json,
  },
  'gemini-cli': {
    title: 'Gemini CLI',
    key: 'mcpServers',
    location: '~/.gemini/settings.json (user; a project has .gemini/settings.json)',
    next: 'Start a new `gemini` session; `/mcp` lists it.',
    format: json,
  },
  codex: {
    title: 'Codex CLI',
    key: 'mcp_servers',
    location: '~/.codex/config.toml ($CODEX_HOME/config.toml)',
    next: 'Start a new `codex` session; `codex mcp list` shows it.',
    format: toml,
  },
};

/** A VS Code input variable: VS Code asks for the value once and keeps it in its secret storage. */
export interface VsCodeInput {
  type: 'promptString';
  id: string;
  description: string;
  password: boolean;
}

/** One server entry as the clients read it. */
export interface ServerEntry {
  type?: 'stdio';
  command: string;
  args: string[];
  env?: Record<string, string>;
}

export interface ClientConfigOptions {
  /** Server flags after the package name, e.g. `['--read-only']`. */
  args?: string[];
  /**
   * Values from the environment to write into `env` (the connector's variables, and any other name given
   * here, written as is). Required variables without one get a placeholder
   * (VS Code: an input prompt). For VS Code, secrets are never written into the workspace file: they
   * become input prompts.
   */
  env?: Record<string, string>;
  /** Values already in the client's entry, written back as they are unless `env` has a newer one. */
  existingEnv?: Record<string, string>;
  /** Claude Code on native Windows needs `cmd /c npx`. Defaults to POSIX shapes. */
  platform?: NodeJS.Platform;
  /** `configure --local`: run this built bin with this Node (absolute paths) instead of `npx -y <package>`. */
  local?: { node: string; bin: string };
}

export interface ClientConfigSnippet {
  client: McpClient;
  /** The client's name for people, e.g. "Claude Desktop". */
  title: string;
  /** Where the client's file lives, for people. */
  location: string;
  /** The key of the servers object in the file. */
  key: ServersKey;
  /** The server's name in that object: the connector id. */
  name: string;
  entry: ServerEntry;
  /** VS Code inputs the entry refers to (empty for other clients). */
  inputs: VsCodeInput[];
  /** Variables whose value in `env` is a placeholder to fill in. */
  placeholders: string[];
  /** VS Code: variables VS Code asks for when the server starts. */
  prompted: string[];
  /** The JSON to merge into the file, e.g. `{ "mcpServers": { "jira": { ... } } }`. */
  snippet: Record<string, unknown>;
}

/** The value written for a required variable that is not set yet. */
export function placeholderFor(name: string): string {
  return `<${name}>`;
}

function isPlaceholder(value: string): boolean {
  return /^<[A-Za-z0-9_]+>$/.test(value);
}

function inputId(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

/**
 * The server entry (and the JSON snippet around it) for one client: pure, so the docs generator shows
 * exactly what `configure` writes. Without options it gives the documentation form: placeholders for
 * the required variables.
 */
export function clientConfigSnippet(connector: ConnectorDefinition, client: McpClient, options: ClientConfigOptions = {}): ClientConfigSnippet {
  const info = CLIENTS[client];
  const fromEnv = options.env ?? {};
  const existing = options.existingEnv ?? {};
  const known = { ...existing, ...fromEnv };
  const { missing } = loadConfig(connector.config, known, connector.requires?.bind(connector));

  const env: Record<string, string> = {};
  const inputs: VsCodeInput[] = [];
  const placeholders: string[] = [];
  const prompted: string[] = [];
  const prompt = (name: string, secret: boolean, description: string) => {
    inputs.push({ type: 'promptString', id: inputId(name), description: `${connector.title}: ${description}`, password: secret });
    env[name] = `\${input:${inputId(name)}}`;
    prompted.push(name);
  };
  for (const [name, variable] of Object.entries<EnvVarSpec>(connector.config)) {
    const secret = variable.secret === true;
    const value = fromEnv[name]?.trim() ? fromEnv[name]! : existing[name]?.trim() ? existing[name]! : undefined;
    const isNew = Boolean(fromEnv[name]?.trim());
    if (value !== undefined) {
      if (client === 'vscode' && value === `\${input:${inputId(name)}}`) prompt(name, secret, variable.description);
      // A workspace file is easily committed: a secret from the environment becomes a prompt instead.
      else if (client === 'vscode' && secret && isNew && !value.startsWith('${')) prompt(name, true, variable.description);
      else env[name] = value;
    } else if (missing.includes(name)) {
      if (client === 'vscode') prompt(name, secret, variable.description);
      else {
        env[name] = placeholderFor(name);
        placeholders.push(name);
      }
    }
  }
  // Other variables: given ones (XDG_CONFIG_HOME for OAuth tokens), and those the user added by hand (a proxy, a CA bundle).
  for (const [name, value] of Object.entries(known)) if (!(name in connector.config) && !isPlaceholder(value)) env[name] = value;

  const serverArgs = ['-y', packageNameOf(connector), ...(options.args ?? [])];
  const wrapForWindows = client === 'claude-code' && options.platform === 'win32' && !options.local;
  // A checkout's build runs with an absolute Node: clients started from a GUI often lack the shell's PATH (nvm).
  const command = options.local ? { command: options.local.node, args: [options.local.bin, ...(options.args ?? [])] } : undefined;
  const entry: ServerEntry = {
    ...(client === 'vscode' || client === 'claude-code' ? { type: 'stdio' as const } : {}),
    command: command?.command ?? (wrapForWindows ? 'cmd' : 'npx'),
    args: command?.args ?? (wrapForWindows ? ['/c', 'npx', ...serverArgs] : serverArgs),
    ...(Object.keys(env).length ? { env } : {}),
  };
  const servers = { [connector.id]: entry };
  const snippet = client === 'vscode' && inputs.length ? { inputs, servers } : { [info.key]: servers };
  return { client, title: info.title, location: info.location, key: info.key, name: connector.id, entry, inputs, placeholders, prompted, snippet };
}

/** The snippet as it reads in the client's file: TOML for Codex, JSON (two spaces) for the others. */
export async function snippetText(snippet: Pick<ClientConfigSnippet, 'client' | 'snippet'>): Promise<{ language: 'json' | 'toml'; text: string }> {
  await loadFormatLibraries();
  return loadedSnippetText(snippet);
}

function loadedSnippetText(snippet: Pick<ClientConfigSnippet, 'client' | 'snippet'>): { language: 'json' | 'toml'; text: string } {
  if (CLIENTS[snippet.client].format === toml) return { language: 'toml', text: tomlLibrary().stringify(snippet.snippet).trim() };
  return { language: 'json', text: JSON.stringify(snippet.snippet, null, 2) };
}

/** The client's config file for this user (and, for VS Code, this workspace folder). */
export function clientConfigPath(
  client: McpClient,
  context: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; cwd?: string } = {},
): string {
  const env = context.env ?? process.env;
  const platform = context.platform ?? process.platform;
  const path = pathFor(platform);
  const home = homeDir(env, platform);
  switch (client) {
    case 'claude-desktop':
      if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
      if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Claude', 'claude_desktop_config.json');
      return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Claude', 'claude_desktop_config.json');
    case 'cursor':
      return path.join(home, '.cursor', 'mcp.json');
    case 'vscode':
      return path.join(context.cwd ?? process.cwd(), '.vscode', 'mcp.json');
    case 'claude-code':
      return path.join(env.CLAUDE_CONFIG_DIR || home, '.claude.json');
    case 'windsurf':
      return path.join(home, '.codeium', 'windsurf', 'mcp_config.json');
    case 'gemini-cli':
      return path.join(home, '.gemini', 'settings.json');
    case 'codex':
      return path.join(env.CODEX_HOME || path.join(home, '.codex'), 'config.toml');
  }
}

const ENTRY_KEYS = ['type', 'command', 'args', 'env'];

export type MergeAction = 'added' | 'updated' | 'unchanged';


/**
 * Puts the snippet's entry into a parsed client config: other servers, other inputs and every
 * unrelated key stay as they are (and where they are); only our own entry is replaced.
 */
export function mergeClientConfig(
  config: Record<string, unknown>,
  snippet: ClientConfigSnippet,
): { config: Record<string, unknown>; action: MergeAction; previous?: unknown } {
  const servers = config[snippet.key] ?? {};
  if (!isPlainObject(servers)) throw new ClientConfigError(`"${snippet.key}" is not a JSON object`);
  const previous = servers[snippet.name];
  // Keys of our entry that we do not write (VS Code `envFile`, a client's own flags) are the user's: keep them.
  const kept = isPlainObject(previous) ? Object.fromEntries(Object.entries(previous).filter(([key]) => !ENTRY_KEYS.includes(key))) : {};
  const entry = { ...snippet.entry, ...kept };
  const merged: Record<string, unknown> = { ...config, [snippet.key]: { ...servers, [snippet.name]: entry } };
  let inputsChanged = false;
  if (snippet.inputs.length) {
    const inputs = config.inputs ?? [];
    if (!Array.isArray(inputs)) throw new ClientConfigError('"inputs" is not a JSON array');
    const next = [...inputs];
    for (const input of snippet.inputs) {
      const at = next.findIndex((item) => isPlainObject(item) && item.id === input.id);
      if (at === -1) next.push(input);
      else if (!isDeepStrictEqual(next[at], input)) next[at] = input;
      else continue;
      inputsChanged = true;
    }
    merged.inputs = next;
  }
  const action: MergeAction = previous === undefined ? 'added' : isDeepStrictEqual(previous, entry) && !inputsChanged ? 'unchanged' : 'updated';
  return { config: action === 'unchanged' ? config : merged, action, ...(previous !== undefined ? { previous } : {}) };
}

export interface ConfigureIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd?: string;
  platform?: NodeJS.Platform;
  /** `--local`: the bin being run and the Node running it (default process.argv[1] and process.execPath). */
  binPath?: string;
  nodePath?: string;
}

/** `configure <client>`: merges this server into the client's config file and says what changed. */
export async function runConfigure(connector: ConnectorDefinition, options: CliOptions, io: ConfigureIo): Promise<number> {
  const [client, ...extra] = options.rest;
  if (!client || !(MCP_CLIENTS as readonly string[]).includes(client) || extra.length) {
    throw new UsageError(`Use: configure <client>, where <client> is one of ${MCP_CLIENTS.join(', ')}.`);
  }
  const target = client as McpClient;
  checkGatingFlags(connector, options.serverArgs);
  await loadFormatLibraries();
  const platform = io.platform ?? process.platform;
  const cwd = io.cwd ?? process.cwd();
  const file = options.configFile ? pathFor(platform).resolve(cwd, options.configFile) : clientConfigPath(target, { env: io.env, platform, cwd });
  const local = options.local ? await localBin(connector, io) : undefined;

  const fromEnv: Record<string, string> = {};
  for (const name of Object.keys(connector.config)) {
    const value = io.env[name];
    if (value !== undefined && value.trim() !== '') fromEnv[name] = value.trim();
  }
  // The client may start the server without the shell's XDG_CONFIG_HOME (GUI apps on macOS): pass it on
  // so the server finds the tokens `auth login` saved under it.
  if (connector.oauth && io.env.XDG_CONFIG_HOME) fromEnv.XDG_CONFIG_HOME = io.env.XDG_CONFIG_HOME;
  for (const bad of loadConfig(connector.config, fromEnv).invalid) io.err(`Warning: ${bad.name} ${bad.message}; it is written as set.\n`);

  // Another program (Claude Code itself) may rewrite its file meanwhile: merge again if it changed under us.
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await readConfigFile(file);
    let parsed: Record<string, unknown>;
    let snippet: ClientConfigSnippet;
    let merge: ReturnType<typeof mergeClientConfig>;
    try {
      parsed = CLIENTS[target].format.parse(current.text);
      const previous = (parsed[CLIENTS[target].key] as Record<string, unknown> | undefined)?.[connector.id];
      snippet = clientConfigSnippet(connector, target, { args: options.serverArgs, env: fromEnv, existingEnv: envOf(previous), platform, ...(local ? { local } : {}) });
      merge = mergeClientConfig(parsed, snippet);
    } catch (error) {
      if (!(error instanceof ClientConfigError)) throw error;
      const manual = clientConfigSnippet(connector, target, { args: options.serverArgs, env: fromEnv, platform, ...(local ? { local } : {}) });
      io.err(
        `${current.path} ${error.message}; it was left unchanged.\n` +
          `Fix the file, or add this to it by hand:\n${loadedSnippetText({ client: target, snippet: maskSnippet(manual, connector) }).text}\n`,
      );
      return 2;
    }

    const where = `${CLIENTS[target].title} config ${current.path}`;
    const shown = loadedSnippetText({ client: target, snippet: maskSnippet(snippet, connector) }).text;
    if (merge.action === 'unchanged') {
      io.out(`Unchanged: "${connector.id}" is already up to date in ${where}.\n`);
      io.out(followUp(connector, snippet, target));
      return 0;
    }
    const verb = merge.action === 'added' ? (options.dryRun ? 'Would add' : 'Added') : options.dryRun ? 'Would update' : 'Updated';
    const created = current.text === undefined ? ' (new file)' : '';
    const changes = merge.action === 'updated' ? describeChanges(merge.previous, snippet.entry, connector) : [];
    const report =
      `${verb} "${connector.id}" ${merge.action === 'added' ? 'to' : 'in'} ${where}${created}:\n${shown}\n` +
      (changes.length ? `Changed: ${changes.join('; ')}.\n` : '');
    if (options.dryRun) {
      io.out(report + 'Dry run: nothing was written.\n');
      io.out(followUp(connector, snippet, target));
      return 0;
    }

    let text: string;
    try {
      text = CLIENTS[target].format.write(current.text, merge.config, { key: snippet.key, name: snippet.name, inputs: snippet.inputs.length > 0 });
    } catch (error) {
      if (!(error instanceof ClientConfigError)) throw error;
      io.err(`${current.path} ${error.message}; it was left unchanged.\n`);
      return 2;
    }
    const latest = await readConfigFile(file);
    if (latest.text !== current.text) continue;
    const literalSecret = Object.entries(snippet.entry.env ?? {}).some(([name, value]) => connector.config[name]?.secret && !isPlaceholder(value) && !value.startsWith('${'));
    // A file that holds a secret ends 0600, whether it is new or was readable by others before.
    await writeFileAtomic(current.path, text, { mode: literalSecret ? 0o600 : (current.mode ?? 0o644) });
    io.out(report);
    io.out(followUp(connector, snippet, target));
    return 0;
  }
  io.err(`${file} kept changing while it was being updated; close ${CLIENTS[target].title} and run configure again.\n`);
  return 1;
}

/**
 * The built bin this `configure --local` runs from, resolved through links (pnpm's `.bin`), so the
 * client starts this checkout's build; refused when it is not a built JavaScript file.
 */
async function localBin(connector: ConnectorDefinition, io: ConfigureIo): Promise<{ node: string; bin: string }> {
  const given = io.binPath ?? process.argv[1];
  const usage = `--local writes this checkout's build into the client: run it as \`node <checkout>/packages/${connector.id}/dist/bin.js configure <client> --local\` after building.`;
  if (!given) throw new UsageError(usage);
  let bin: string;
  try {
    bin = await realpath(given);
  } catch {
    throw new UsageError(`${given} does not exist. ${usage}`);
  }
  if (!/\.(c|m)?js$/.test(bin) || !(await stat(bin)).isFile()) throw new UsageError(`${bin} is not a built bin. ${usage}`);
  return { node: io.nodePath ?? process.execPath, bin };
}

function followUp(connector: ConnectorDefinition, snippet: ClientConfigSnippet, client: McpClient): string {
  const lines: string[] = [];
  if (snippet.placeholders.length) {
    lines.push(
      `Fill in ${snippet.placeholders.join(', ')} in that file (replace ${snippet.placeholders.map((n) => `"${placeholderFor(n)}"`).join(', ')}), ` +
        `or set ${snippet.placeholders.length > 1 ? 'them' : 'it'} in this shell and run configure again.`,
    );
  }
  if (snippet.prompted.length) {
    const many = snippet.prompted.length > 1;
    lines.push(`VS Code asks for ${snippet.prompted.join(', ')} when the server first starts and keeps ${many ? 'them' : 'it'} in its secret storage.`);
  }
  const local = snippet.entry.command !== 'npx' && snippet.entry.command !== 'cmd' ? snippet.entry.args[0] : undefined;
  const login = local ? `${snippet.entry.command} ${local} auth login` : `npx -y ${packageNameOf(connector)} auth login`;
  if (connector.oauth) lines.push(`This connector logs in with OAuth: run \`${login}\` once on this machine.`);
  if (local) lines.push(`It runs this checkout's build (${local}): build again after pulling changes; run configure without --local to switch to the published package.`);
  lines.push(CLIENTS[client].next);
  return lines.join('\n') + '\n';
}

function checkGatingFlags(connector: ConnectorDefinition, args: string[]): void {
  const value = (flag: string) => {
    const at = args.indexOf(flag);
    return at === -1 ? undefined : args[at + 1]?.split(',');
  };
  const toolsets = value('--toolsets');
  const tools = value('--tools');
  const excludeTools = value('--exclude-tools');
  const separator = value('--tool-separator')?.[0] === '.' ? '.' : '_';
  const names = [{ action: 'health' }, ...connector.tools].map((t) => ({ action: t.action, name: toolNameOf(connector, t.action, separator) }));
  const problems = unknownGatingNames(
    { ...(toolsets ? { toolsets } : {}), ...(tools ? { tools } : {}), ...(excludeTools ? { excludeTools } : {}) },
    Object.keys(connector.toolsets),
    names,
  );
  if (problems.length) throw new UsageError(`Invalid gating options: ${problems.join('; ')}.`);
}

async function readConfigFile(file: string): Promise<{ path: string; text?: string; mode?: number }> {
  // Write through a symlink (dotfile managers) rather than replacing it with a plain file.
  let path = file;
  try {
    path = await realpath(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return { path };
  }
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { path, text, mode: info.mode & 0o777 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path };
    throw error;
  }
}

function envOf(entry: unknown): Record<string, string> | undefined {
  if (!isPlainObject(entry) || !isPlainObject(entry.env)) return undefined;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(entry.env)) if (typeof value === 'string' && !isPlaceholder(value)) env[name] = value;
  return env;
}

const PUBLIC_VARIABLES = new Set(['XDG_CONFIG_HOME']);

/** What may be shown of an env value: non-secret configuration, placeholders and references; `***` otherwise. */
function shownValue(connector: ConnectorDefinition, name: string, value: string): string {
  const variable = connector.config[name];
  if (isPlaceholder(value) || value.startsWith('${') || PUBLIC_VARIABLES.has(name)) return value;
  return variable && !variable.secret ? value : '***';
}

function maskEntry(entry: ServerEntry, connector: ConnectorDefinition): ServerEntry {
  if (!entry.env) return entry;
  return { ...entry, env: Object.fromEntries(Object.entries(entry.env).map(([name, value]) => [name, shownValue(connector, name, value)])) };
}

function maskSnippet(snippet: ClientConfigSnippet, connector: ConnectorDefinition): Record<string, unknown> {
  const servers = { [snippet.name]: maskEntry(snippet.entry, connector) };
  return snippet.client === 'vscode' && snippet.inputs.length ? { inputs: snippet.inputs, servers } : { [snippet.key]: servers };
}

function describeChanges(previous: unknown, entry: ServerEntry, connector: ConnectorDefinition): string[] {
  const before = isPlainObject(previous) ? previous : {};
  const changes: string[] = [];
  for (const key of ['type', 'command', 'args'] as const) {
    if (!isDeepStrictEqual(before[key], entry[key])) changes.push(`${key} ${JSON.stringify(before[key] ?? null)} → ${JSON.stringify(entry[key] ?? null)}`);
  }
  const oldEnv = isPlainObject(before.env) ? before.env : {};
  const newEnv = entry.env ?? {};
  for (const name of Object.keys(newEnv)) {
    if (!(name in oldEnv)) changes.push(`env ${name} added`);
    else if (oldEnv[name] !== newEnv[name]) {
      const old = typeof oldEnv[name] === 'string' ? shownValue(connector, name, oldEnv[name] as string) : '***';
      const now = shownValue(connector, name, newEnv[name]!);
      changes.push(old === '***' && now === '***' ? `env ${name} changed` : `env ${name} ${JSON.stringify(old)} → ${JSON.stringify(now)}`);
    }
  }
  for (const name of Object.keys(oldEnv)) if (!(name in newEnv)) changes.push(`env ${name} removed`);
  return changes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
