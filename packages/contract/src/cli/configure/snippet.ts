// The server entry a client's file gets, and its merge into what the file holds: pure, so the docs
// generator and the testkit show exactly what `configure` writes.
import { isDeepStrictEqual } from 'node:util';
import { loadConfig, type EnvVarSpec } from '../../definition/config.js';
import type { ConnectorDefinition } from '../../definition/connector.js';
import { packageNameOf } from '../../definition/names.js';
import { CLIENTS, type McpClient, type ServersKey } from './clients.js';
import { ClientConfigError, loadFormatLibraries, toml, tomlLibrary } from './formats.js';

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

export function isPlaceholder(value: string): boolean {
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

export function loadedSnippetText(snippet: Pick<ClientConfigSnippet, 'client' | 'snippet'>): { language: 'json' | 'toml'; text: string } {
  if (CLIENTS[snippet.client].format === toml) return { language: 'toml', text: tomlLibrary().stringify(snippet.snippet).trim() };
  return { language: 'json', text: JSON.stringify(snippet.snippet, null, 2) };
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

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
