// `configure <client>`: merges this server into the client's config file and says what changed.
import { readFile, realpath, stat } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { writeFileAtomic } from '../../core/atomic-file.js';
import { pathFor } from '../../core/paths.js';
import { loadConfig } from '../../definition/config.js';
import { pollIntervalOf, type ConnectorDefinition } from '../../definition/connector.js';
import { HEALTH_ACTION, packageNameOf, toolNameOf } from '../../definition/names.js';
import { unknownGatingNames } from '../../runtime/gating.js';
import { UsageError, type CliOptions } from '../options.js';
import { CLIENTS, clientConfigPath, clientNamed, MCP_CLIENTS, type McpClient } from './clients.js';
import { ClientConfigError, loadFormatLibraries } from './formats.js';
import {
  clientConfigSnippet,
  isPlaceholder,
  isPlainObject,
  loadedSnippetText,
  mergeClientConfig,
  placeholderFor,
  type ClientConfigSnippet,
  type ServerEntry,
} from './snippet.js';

export interface ConfigureIo {
  /** How this connector is run here (`npx -y <package>`, or `node <bin>` in a checkout), for the commands it names. */
  command?: string;
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
  const target = client === undefined ? undefined : clientNamed(client);
  if (!target || extra.length) {
    const unknown = client !== undefined && !target ? `"${client}" is not a client this command knows. ` : '';
    throw new UsageError(`${unknown}Use: configure <client>, where <client> is one of ${MCP_CLIENTS.join(', ')}.`);
  }
  checkGatingFlags(connector, options.serverArgs);
  // A poll interval the server would refuse at start must not be written into the client's entry.
  try {
    pollIntervalOf(connector, options.pollIntervalMs);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
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
      snippet = clientConfigSnippet(connector, target, {
        args: options.serverArgs,
        env: fromEnv,
        existingEnv: envOf(previous),
        platform,
        ...(local ? { local } : {}),
      });
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
      io.out(followUp(connector, snippet, target, io.command));
      return 0;
    }
    const verb = merge.action === 'added' ? (options.dryRun ? 'Would add' : 'Added') : options.dryRun ? 'Would update' : 'Updated';
    const created = current.text === undefined ? ' (new file)' : '';
    const changes = merge.action === 'updated' ? describeChanges(merge.previous, snippet.entry, connector) : [];
    const report =
      `${verb} "${connector.id}" ${merge.action === 'added' ? 'to' : 'in'} ${where}${created}:\n${shown}\n` +
      (changes.length ? `Changed: ${changes.join('; ')}.\n` : '');
    if (options.dryRun) {
      io.out(`${report}Dry run: nothing was written.\n`);
      io.out(followUp(connector, snippet, target, io.command));
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
    const literalSecret = Object.entries(snippet.entry.env ?? {}).some(
      ([name, value]) => connector.config[name]?.secret && !isPlaceholder(value) && !value.startsWith('${'),
    );
    // A file that holds a secret ends 0600, whether it is new or was readable by others before.
    await writeFileAtomic(current.path, text, { mode: literalSecret ? 0o600 : (current.mode ?? 0o644) });
    io.out(report);
    io.out(followUp(connector, snippet, target, io.command));
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

function followUp(connector: ConnectorDefinition, snippet: ClientConfigSnippet, client: McpClient, command?: string): string {
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
  // The login runs here, in a shell: the command that works from where this bin runs (a checkout's `node <bin>`).
  const login = local ? `${snippet.entry.command} ${local} auth login` : `${command ?? `npx -y ${packageNameOf(connector)}`} auth login`;
  // The configuration written decides: an API token instead of a login needs no `auth login`.
  const written = loadConfig(connector.config, snippet.entry.env ?? {}).values;
  if (connector.oauth && (connector.oauth.inUse?.(written) ?? true)) lines.push(`This connector logs in with OAuth: run \`${login}\` once on this machine.`);
  if (local)
    lines.push(
      `It runs this checkout's build (${local}): build again after pulling changes; run configure without --local to switch to the published package.`,
    );
  lines.push(CLIENTS[client].next);
  return `${lines.join('\n')}\n`;
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
  const names = [{ action: HEALTH_ACTION }, ...connector.tools].map((t) => ({ action: t.action, name: toolNameOf(connector, t.action, separator) }));
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
