import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { clientConfigPath, MCP_CLIENTS } from '@connectors/contract/clients';
import { toolNameOf, type ConnectorDefinition, type EnvVarSpec } from '@connectors/contract';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const execFileAsync = promisify(execFile);
const windows = process.platform === 'win32';
const NPX = windows ? 'npx.cmd' : 'npx';
const NPM = windows ? 'npm.cmd' : 'npm';

/** The parts of a package.json the pack checks read. */
export interface PackageManifest {
  name: string;
  version: string;
  main?: string;
  types?: string;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

export interface PackOptions {
  /** The connector's package folder (its package.json and built `dist/`), e.g. `new URL('..', import.meta.url)`. */
  packageDir: string | URL;
  /**
   * How to run pnpm, which packs the packages and turns their `workspace:` ranges into real ones.
   * Default: `npx -y pnpm@<version>` with the version of the nearest `packageManager` field above
   * `packageDir`, else `npx -y pnpm`.
   */
  pnpm?: readonly string[];
  /** Time for packing and installing, in ms (default 180 s). */
  timeoutMs?: number;
}

/** How to start the installed bin the way an MCP client config does. */
export interface PackedLaunch {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/** A connector packed with its workspace dependencies and installed with npm into an empty project. */
export interface PackedConnector {
  /** The temporary folder holding the tarballs and `app/`; `remove()` deletes it. */
  dir: string;
  /** The empty project the tarballs were installed into, as on a user's machine. */
  app: string;
  /** The tarballs pnpm packed: the connector's first, then its workspace dependencies'. */
  tarballs: string[];
  /** The installed package: `app/node_modules/<name>`. */
  installed: string;
  /** The package's manifest in the workspace, before packing. */
  manifest: PackageManifest;
  /** Versions of the workspace packages packed along (by name): the ranges that replace `workspace:` point at them. */
  workspaceVersions: Record<string, string>;
  /**
   * `npx -y <name>` in `app`, in the environment an MCP client gives a server: none of the
   * connector's variables, nothing from the package runner or vitest, npm kept offline (everything
   * is installed; it must never download a namesake).
   */
  launch: PackedLaunch;
  remove(): Promise<void>;
}

export interface CommandResult {
  /** The exit code. */
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Packs the connector and, recursively, the workspace packages it depends on (`workspace:`
 * ranges) with pnpm, then installs every tarball with npm into an empty temporary project. Third-
 * party dependencies come from the registry (or npm's cache). Throws if a package is not built
 * (the files its `main`, `types` and `bin` name), or if packing or installing fails; cleans up
 * after itself then.
 */
export async function packConnector(connector: Pick<ConnectorDefinition, 'id' | 'config'>, options: PackOptions): Promise<PackedConnector> {
  const packageDir = folderOf(options.packageDir);
  const manifest = readManifest(packageDir);
  const packages = [{ dir: packageDir, manifest }, ...workspaceDependencies(packageDir, manifest)];
  for (const { dir, manifest: m } of packages) {
    for (const file of builtFiles(m)) {
      if (!existsSync(join(dir, file))) throw new Error(`${join(dir, file)} is missing: build ${m.name} before packing it (turbo does).`);
    }
  }
  const pnpm = options.pnpm ?? defaultPnpm(packageDir);
  const timeout = options.timeoutMs ?? 180_000;
  const env = childEnv(connector);
  const dir = await mkdtemp(join(tmpdir(), `connectors-pack-${connector.id}-`));
  const tarballs: string[] = [];
  const app = join(dir, 'app');
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await mkdir(app);
    // allSettled: if one pack fails, the others must finish before the folder they write to goes.
    const packed = await Promise.allSettled(
      packages.map(async ({ dir: from }) => {
        const { stdout } = await execFileAsync(pnpm[0]!, [...pnpm.slice(1), 'pack', '--pack-destination', dir], { cwd: from, env, timeout });
        const tarball = stdout.trim().split('\n').pop()!.trim();
        if (!tarball.endsWith('.tgz')) throw new Error(`pnpm pack in ${from} did not name a tarball: ${stdout.slice(-300)}`);
        return tarball;
      }),
    );
    const failed = packed.find((p): p is PromiseRejectedResult => p.status === 'rejected');
    if (failed) throw failed.reason;
    tarballs.push(...packed.map((p) => (p as PromiseFulfilledResult<string>).value));
    // Peers the workspace does not provide (a standalone project's @connectors/contract) are installed
    // too, as a server composing connectors would: from the project's own overrides, else the registry.
    const overrides = localOverrides(packageDir, manifest);
    const packedNames = new Set(packages.map(({ manifest: m }) => m.name));
    const peers = Object.entries((manifest.peerDependencies as Record<string, string> | undefined) ?? {})
      .filter(([name]) => !packedNames.has(name))
      .map(([name, range]) => {
        const local = overrides[name];
        // Installed from the file directly; npm refuses an override of a direct dependency.
        delete overrides[name];
        return local ? local.slice('file:'.length) : `${name}@${range}`;
      });
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'pack-smoke', private: true, overrides }));
    // One install, so the connector's ranges on workspace packages are met by the local tarballs.
    await execFileAsync(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs, ...peers], { cwd: app, env, timeout });
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    dir,
    app,
    tarballs,
    installed: join(app, 'node_modules', ...manifest.name.split('/')),
    manifest,
    workspaceVersions: Object.fromEntries(packages.slice(1).map(({ manifest: m }) => [m.name, m.version])),
    launch: { command: NPX, args: ['-y', manifest.name], cwd: app, env: { ...env, npm_config_offline: 'true' } },
    remove,
  };
}

/**
 * The project's own overrides that point at local files (`overrides`, or `pnpm.overrides`), e.g. a
 * build of @connectors/contract not yet on the registry: the user's install of the tarball gets
 * them too, as absolute paths.
 */
function localOverrides(packageDir: string, manifest: PackageManifest): Record<string, string> {
  const declared = { ...(manifest.overrides as Record<string, unknown>), ...(manifest.pnpm as { overrides?: Record<string, unknown> } | undefined)?.overrides };
  return Object.fromEntries(
    Object.entries(declared).flatMap(([name, spec]) =>
      typeof spec === 'string' && spec.startsWith('file:') ? [[name, `file:${resolve(packageDir, spec.slice(5))}`]] : [],
    ),
  );
}

/** Runs the installed bin with `args` (`npx -y <name> ...args`); resolves with the exit code instead of throwing. */
export async function runPacked(packed: Pick<PackedConnector, 'launch'>, args: readonly string[], timeoutMs = 30_000): Promise<CommandResult> {
  const { command, args: base, cwd, env } = packed.launch;
  try {
    const { stdout, stderr } = await execFileAsync(command, [...base, ...args], { cwd, env, timeout: timeoutMs });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string; killed?: boolean };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Top-level entries a published connector may have besides `dist/`. */
const PUBLISHED_EXTRAS = /^(package\.json|node_modules|(README|LICENSE|LICENCE|CHANGELOG|NOTICE)(\.[a-z]+)?)$/i;

/**
 * What npm installed is what users get: only `dist/`, the README (and LICENSE, CHANGELOG) and
 * package.json; the files `main`, `types` and `bin` name exist; no `workspace:` range is left, and
 * each workspace dependency became `^<its version>`, so a release of it does not force one here.
 */
export function checkPackedFiles(packed: Pick<PackedConnector, 'installed' | 'manifest' | 'workspaceVersions'>): string[] {
  const manifestPath = join(packed.installed, 'package.json');
  if (!existsSync(manifestPath)) return [`${packed.manifest.name} is not installed at ${packed.installed}.`];
  const text = readFileSync(manifestPath, 'utf8');
  const installed = JSON.parse(text) as PackageManifest;
  const problems: string[] = [];
  if (text.includes('workspace:')) problems.push(`The published package.json still has a workspace: range: ${JSON.stringify(installed.dependencies ?? {})}.`);
  for (const [name, version] of Object.entries(packed.workspaceVersions)) {
    const peers = installed.peerDependencies as Record<string, string> | undefined;
    const range = installed.dependencies?.[name] ?? peers?.[name];
    if (range !== `^${version}`) {
      const declared = packed.manifest.dependencies?.[name] ?? (packed.manifest.peerDependencies as Record<string, string> | undefined)?.[name];
      problems.push(
        `The published dependency on ${name} is ${JSON.stringify(range)}, expected "^${version}" (from ${JSON.stringify(declared)}; use "workspace:^").`,
      );
    }
  }
  if (!readdirSync(packed.installed).some((entry) => /^readme(\.md)?$/i.test(entry))) problems.push('The package has no README.md.');
  if (!readdirSync(packed.installed).some((entry) => /^licen[cs]e(\.[a-z]+)?$/i.test(entry)))
    problems.push('The package has no LICENSE: put the license file next to its package.json.');
  for (const file of builtFiles(installed))
    if (!existsSync(join(packed.installed, file))) problems.push(`The package lacks ${file}, which its package.json names.`);
  for (const entry of readdirSync(packed.installed)) {
    if (entry !== 'dist' && !PUBLISHED_EXTRAS.test(entry))
      problems.push(`The package ships ${entry}: only dist/, the README and package.json belong in it (see "files" in package.json).`);
  }
  return problems;
}

/**
 * `npm publish --dry-run` of every packed tarball (offline, nothing is sent) succeeds and would
 * publish the name and version of its package.json, with its LICENSE and README: the release
 * workflow's publish step, rehearsed. A connector marked private (the template) is left out, as
 * `changeset publish` leaves it out (npm's dry run would not refuse it).
 */
export async function checkPublishDryRun(packed: Pick<PackedConnector, 'tarballs' | 'launch' | 'manifest'>): Promise<string[]> {
  const problems: string[] = [];
  for (const [index, tarball] of packed.tarballs.entries()) {
    if (index === 0 && packed.manifest.private === true) continue;
    let report: Record<string, { name?: string; version?: string; files?: { path: string }[] }>;
    try {
      const { stdout } = await execFileAsync(NPM, ['publish', '--dry-run', '--json', '--offline', tarball], {
        cwd: packed.launch.cwd,
        env: packed.launch.env,
        timeout: 60_000,
      });
      report = JSON.parse(stdout) as typeof report;
    } catch (error) {
      problems.push(`npm publish --dry-run ${basename(tarball)} failed: ${tail(String((error as { stderr?: string }).stderr ?? error))}`);
      continue;
    }
    const entry = Object.values(report)[0];
    const files = (entry?.files ?? []).map((f) => f.path);
    if (!entry?.name || !entry.version) problems.push(`npm publish --dry-run ${basename(tarball)} named no package and version.`);
    for (const needed of ['LICENSE', 'README.md', 'package.json'])
      if (!files.includes(needed)) problems.push(`${entry?.name ?? basename(tarball)} would be published without ${needed}.`);
  }
  return problems;
}

/** `--help` exits 0 and shows `npx -y <name>`, `configure <client>` and each of `variables`. */
export async function checkPackedHelp(packed: Pick<PackedConnector, 'launch' | 'manifest'>, variables: readonly string[]): Promise<string[]> {
  const { code, stdout, stderr } = await runPacked(packed, ['--help']);
  const problems: string[] = [];
  if (code !== 0) problems.push(`--help exited with ${code}: ${tail(stderr)}`);
  if (!stdout.includes(`npx -y ${packed.manifest.name}`)) problems.push(`--help does not show "npx -y ${packed.manifest.name}".`);
  if (!/configure <client>/.test(stdout)) problems.push('--help does not describe "configure <client>".');
  for (const name of variables) if (!stdout.includes(name)) problems.push(`--help does not name the variable ${name}.`);
  return problems;
}

/**
 * The bin needs nothing but its own package: copied alone into an empty folder, with no other
 * package beside it, `tools` lists the tools and `configure` writes Codex's TOML and VS Code's
 * JSONC (the parts loaded on first use). What `npx -y` then installs is this one package.
 */
export async function checkPackedAlone(
  packed: Pick<PackedConnector, 'dir' | 'installed' | 'manifest' | 'launch'>,
  connector: Pick<ConnectorDefinition, 'id'>,
): Promise<string[]> {
  const alone = join(packed.dir, 'alone', 'node_modules', ...packed.manifest.name.split('/'));
  await cp(packed.installed, alone, { recursive: true, dereference: true });
  await rm(join(alone, 'node_modules'), { recursive: true, force: true });
  const declared = packed.manifest.bin;
  const binFile = typeof declared === 'string' ? declared : Object.values(declared ?? {})[0];
  if (!binFile) return [`${packed.manifest.name} declares no bin.`];
  const bin = join(alone, binFile);
  const problems: string[] = [];
  const runAlone = async (args: string[]) => {
    try {
      return await execFileAsync(process.execPath, [bin, ...args], { cwd: dirname(alone), env: packed.launch.env, timeout: 30_000 });
    } catch (error) {
      problems.push(`${packed.manifest.name} alone: ${args.join(' ')} failed: ${errorLine(String((error as { stderr?: string }).stderr ?? error))}`);
      return undefined;
    }
  };
  const tools = await runAlone(['tools']);
  if (tools && !tools.stdout.includes(`${connector.id.replace(/-/g, '_')}_health`))
    problems.push(`${packed.manifest.name} alone: tools did not list its health tool.`);
  for (const [client, file, text] of [
    ['codex', 'config.toml', '# kept\n[other]\nx = 1\n'],
    ['vscode', 'mcp.json', '{\n  // kept\n  "servers": {},\n}\n'],
  ] as const) {
    const path = join(packed.dir, 'alone', file);
    await writeFile(path, text);
    if (await runAlone(['configure', client, '--config-file', path])) {
      const written = readFileSync(path, 'utf8');
      if (!written.includes('kept') || !written.includes(packed.manifest.name))
        problems.push(`${packed.manifest.name} alone: configure ${client} wrote ${JSON.stringify(written.slice(0, 200))}.`);
    }
  }
  return problems;
}

/**
 * The library entry works for a server composing connectors: with @connectors/contract installed
 * beside it (its peer), `import('<name>')` gives the connector definition.
 */
export async function checkPackedLibrary(
  packed: Pick<PackedConnector, 'app' | 'manifest' | 'launch'>,
  connector: Pick<ConnectorDefinition, 'id'>,
): Promise<string[]> {
  const script = `const m = await import(${JSON.stringify(packed.manifest.name)}); const c = m.connector ?? m.default; process.stdout.write(JSON.stringify({ id: c?.id, tools: c?.tools?.length }));`;
  try {
    const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packed.app,
      env: packed.launch.env,
      timeout: 30_000,
    });
    const found = JSON.parse(stdout) as { id?: string; tools?: number };
    return found.id === connector.id && (found.tools ?? 0) > 0
      ? []
      : [`import(${JSON.stringify(packed.manifest.name)}) gave ${stdout}, not the ${connector.id} connector.`];
  } catch (error) {
    return [`import(${JSON.stringify(packed.manifest.name)}) failed: ${errorLine(String((error as { stderr?: string }).stderr ?? error))}`];
  }
}

/** `--version` exits 0 and prints the package's version. */
export async function checkPackedVersion(packed: Pick<PackedConnector, 'launch' | 'manifest'>): Promise<string[]> {
  const { code, stdout, stderr } = await runPacked(packed, ['--version']);
  const problems: string[] = [];
  if (code !== 0) problems.push(`--version exited with ${code}: ${tail(stderr)}`);
  if (stdout.trim() !== packed.manifest.version) problems.push(`--version printed "${stdout.trim()}", expected "${packed.manifest.version}".`);
  return problems;
}

/** `tools` lists `<id>_health` and every tool, in order, each with its access; `tools --read-only` only health and the reads. */
export async function checkPackedTools(
  packed: Pick<PackedConnector, 'launch'>,
  connector: Pick<ConnectorDefinition, 'id' | 'tools' | 'optInToolsets'>,
): Promise<string[]> {
  const problems: string[] = [];
  const all = await runPacked(packed, ['tools']);
  if (all.code !== 0) problems.push(`tools exited with ${all.code}: ${tail(all.stderr)}`);
  const expected = expectedTools(connector);
  const listed = firstWords(all.stdout);
  if (listed.join() !== expected.join()) problems.push(`tools lists ${listed.join(', ') || 'nothing'}; expected ${expected.join(', ')}.`);
  for (const tool of defaultTools(connector)) {
    const name = toolNameOf(connector, tool.action);
    if (!new RegExp(`^${name}\\s+${tool.access}\\s`, 'm').test(all.stdout)) problems.push(`tools does not show ${name} as ${tool.access}.`);
  }
  const readOnly = await runPacked(packed, ['tools', '--read-only']);
  const reads = expectedTools(connector, (tool) => tool.access === 'read');
  const listedReads = firstWords(readOnly.stdout);
  if (listedReads.join() !== reads.join()) problems.push(`tools --read-only lists ${listedReads.join(', ') || 'nothing'}; expected ${reads.join(', ')}.`);
  return problems;
}

/**
 * One command puts the installed connector into each client's own file: `configure <client>` in a
 * fresh home writes the client's default file (JSON, JSONC or TOML) naming `npx -y <name>`.
 */
export async function checkPackedConfigure(
  packed: Pick<PackedConnector, 'launch' | 'manifest' | 'dir'>,
  connector: Pick<ConnectorDefinition, 'id'>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const client of MCP_CLIENTS) {
    const home = await mkdtemp(join(packed.dir, `home-${client}-`));
    const env = { ...packed.launch.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), APPDATA: join(home, 'AppData') };
    const cwd = join(home, 'project');
    await mkdir(cwd, { recursive: true });
    const { code, stderr } = await runPacked({ launch: { ...packed.launch, env, cwd: packed.launch.cwd } }, ['configure', client], 30_000).catch(
      (error: Error) => ({ code: -1, stdout: '', stderr: error.message }),
    );
    if (code !== 0) {
      problems.push(`configure ${client} exited with ${code}: ${tail(stderr)}`);
      continue;
    }
    // VS Code's file is per workspace folder: the one configure ran in.
    const file = clientConfigPath(client, { env, cwd: packed.launch.cwd });
    if (!existsSync(file)) {
      problems.push(`configure ${client} did not write ${file}.`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    if (!text.includes(packed.manifest.name) || !text.includes(connector.id))
      problems.push(`configure ${client} wrote ${file} without a "${connector.id}" entry running ${packed.manifest.name}.`);
    if (client === 'vscode') await rm(file, { force: true });
  }
  return problems;
}

/**
 * `health` with no configuration exits 1 and prints a report: `not_configured`, the connector id,
 * the package version, and `missing` as expected (variable names, in order).
 */
export async function checkPackedHealth(
  packed: Pick<PackedConnector, 'launch' | 'manifest'>,
  connector: Pick<ConnectorDefinition, 'id'>,
  missing: readonly string[],
): Promise<string[]> {
  const { code, stdout, stderr } = await runPacked(packed, ['health']);
  const problems: string[] = [];
  if (code !== 1) problems.push(`health without configuration exited with ${code}, expected 1.`);
  let report: { status?: unknown; connector?: unknown; version?: unknown; missing?: unknown };
  try {
    report = JSON.parse(stdout) as typeof report;
  } catch {
    return [...problems, `health did not print a JSON report: ${tail(stdout)} stderr: ${tail(stderr)}`];
  }
  if (report.status !== 'not_configured') problems.push(`health reports status ${JSON.stringify(report.status)}, expected "not_configured".`);
  if (report.connector !== connector.id) problems.push(`health reports connector ${JSON.stringify(report.connector)}, expected "${connector.id}".`);
  if (report.version !== packed.manifest.version)
    problems.push(`health reports version ${JSON.stringify(report.version)}, expected "${packed.manifest.version}".`);
  const reported = Array.isArray(report.missing) ? report.missing : [];
  if (reported.join() !== missing.join()) problems.push(`health reports missing ${JSON.stringify(report.missing)}, expected [${missing.join(', ')}].`);
  return problems;
}

/**
 * The official MCP client, started as a client config starts the server, connects over stdio: the
 * server names itself as the package at its version, lists every tool with an outputSchema, and
 * answers a call of the first tool (its first example) with a `not_configured` error that names
 * each of `variables`.
 */
export async function checkPackedStdio(
  packed: Pick<PackedConnector, 'launch' | 'manifest'>,
  connector: Pick<ConnectorDefinition, 'id' | 'tools' | 'optInToolsets'>,
  variables: readonly string[],
  timeoutMs = 30_000,
): Promise<string[]> {
  const { command, args, cwd, env } = packed.launch;
  const transport = new StdioClientTransport({ command, args, cwd, env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  const client = new Client({ name: '@connectors/testkit pack check', version: '0' });
  const problems: string[] = [];
  try {
    await withTimeout(client.connect(transport), timeoutMs, 'the MCP client could not connect');
    const server = client.getServerVersion();
    if (server?.name !== packed.manifest.name || server.version !== packed.manifest.version) {
      problems.push(`The server calls itself ${server?.name}@${server?.version}, expected ${packed.manifest.name}@${packed.manifest.version}.`);
    }
    const { tools } = await withTimeout(client.listTools(), timeoutMs, 'no answer to tools/list');
    const expected = expectedTools(connector);
    const listed = tools.map((tool) => tool.name);
    if (listed.join() !== expected.join()) problems.push(`tools/list has ${listed.join(', ')}; expected ${expected.join(', ')}.`);
    const bare = tools.filter((tool) => !tool.outputSchema).map((tool) => tool.name);
    if (bare.length) problems.push(`No outputSchema on ${bare.join(', ')}.`);

    const first = defaultTools(connector)[0];
    if (first) {
      const name = toolNameOf(connector, first.action);
      const result = await withTimeout(
        client.callTool({ name, arguments: (first.examples?.[0] ?? {}) as Record<string, unknown> }),
        timeoutMs,
        `no answer from ${name}`,
      );
      const envelope = result.structuredContent as { ok?: unknown; error?: { code?: unknown } } | undefined;
      if (result.isError !== true || envelope?.ok !== false || envelope.error?.code !== 'not_configured') {
        problems.push(
          `${name} without configuration did not answer a not_configured error: ${JSON.stringify(result.structuredContent ?? result).slice(0, 300)}`,
        );
      }
      const text = JSON.stringify(result.structuredContent ?? {});
      for (const variable of variables) if (!text.includes(variable)) problems.push(`The not_configured error of ${name} does not name ${variable}.`);
    }
  } catch (error) {
    problems.push(`${(error as Error).message}. stderr: ${tail(stderr)}`);
  } finally {
    await client.close().catch(() => undefined);
  }
  return problems;
}

export interface PackedConnectorOptions extends PackOptions {
  /**
   * The variables `health` reports missing with no configuration, in order. Default: the variables
   * the config marks `required`. They must also appear in `--help` and in the `not_configured` error.
   */
  missing?: readonly string[];
  /**
   * Whether the bin is bundled with its dependencies (the contract's `connectorBuild`), so it runs
   * from its package alone. Default true; false for a bin that imports installed dependencies.
   */
  bundled?: boolean;
}

/**
 * Registers the vitest tests of the published package: packs the connector and its workspace
 * dependencies, installs them with npm into an empty folder, and runs the bin the way an MCP client
 * config does (`npx -y <name>`): the files it ships, `--help`, `--version`, `tools`, `health`, and
 * the official MCP client over stdio. Build first; npm needs the registry (or its cache) for the
 * third-party dependencies.
 */
export function describePackedConnector(connector: ConnectorDefinition, options: PackedConnectorOptions): void {
  const manifest = readManifest(folderOf(options.packageDir));
  const missing =
    options.missing ??
    Object.entries<EnvVarSpec>(connector.config)
      .filter(([, variable]) => variable.required)
      .map(([name]) => name);

  const expectNone = (problems: string[]) => expect(problems).toEqual([]);
  const timeout = 60_000;
  let packed: PackedConnector | undefined;
  const ready = (): PackedConnector => {
    if (!packed) throw new Error(`${manifest.name} was not packed and installed (see the error of the hook before).`);
    return packed;
  };

  describe(`${manifest.name} packed and installed with npm`, () => {
    beforeAll(
      async () => {
        packed = await packConnector(connector, options);
      },
      (options.timeoutMs ?? 180_000) + 10_000,
    );
    afterAll(async () => {
      await packed?.remove();
    });

    it('publishes only dist, the README and package.json, with workspace ranges replaced', () => expectNone(checkPackedFiles(ready())));
    it('would publish each tarball (npm publish --dry-run) with its LICENSE and README, unless private', { timeout }, async () =>
      expectNone(await checkPublishDryRun(ready())),
    );
    it('--help describes the commands and the variables to set', { timeout }, async () => expectNone(await checkPackedHelp(ready(), missing)));
    it('configure writes it into every client’s own file with one command', { timeout: timeout * 2 }, async () =>
      expectNone(await checkPackedConfigure(ready(), connector)),
    );
    it('--version prints the package version', { timeout }, async () => expectNone(await checkPackedVersion(ready())));
    if (options.bundled !== false) {
      it('the bin runs from its package alone: tools, and configure for TOML and JSONC files', { timeout }, async () =>
        expectNone(await checkPackedAlone(ready(), connector)),
      );
    }
    it('the library entry gives the connector next to @connectors/contract', { timeout }, async () => expectNone(await checkPackedLibrary(ready(), connector)));
    it('tools lists every tool with its access, and --read-only drops the writes', { timeout }, async () =>
      expectNone(await checkPackedTools(ready(), connector)),
    );
    it('health exits 1 and reports not_configured without configuration', { timeout }, async () =>
      expectNone(await checkPackedHealth(ready(), connector, missing)),
    );
    it('serves MCP over stdio to a real client', { timeout }, async () => expectNone(await checkPackedStdio(ready(), connector, missing)));
  });
}

/** `<id>_health` and then every tool registered by default (that passes `filter`): opt-in toolsets stay off. */
function expectedTools(
  connector: Pick<ConnectorDefinition, 'id' | 'tools' | 'optInToolsets'>,
  filter: (tool: ConnectorDefinition['tools'][number]) => boolean = () => true,
): string[] {
  return [
    'health',
    ...defaultTools(connector)
      .filter(filter)
      .map((tool) => tool.action),
  ].map((action) => toolNameOf(connector, action));
}

function defaultTools(connector: Pick<ConnectorDefinition, 'tools' | 'optInToolsets'>): ConnectorDefinition['tools'] {
  const optIn = new Set(connector.optInToolsets ?? []);
  return connector.tools.filter((tool) => !optIn.has(tool.toolset));
}

function firstWords(stdout: string): string[] {
  return stdout
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(/\s+/)[0]!);
}

function folderOf(dir: string | URL): string {
  return resolve(dir instanceof URL || dir.startsWith('file:') ? fileURLToPath(dir) : dir);
}

function readManifest(dir: string): PackageManifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageManifest;
}

/** The files a manifest promises: `main`, `types` and every `bin`. */
function builtFiles(manifest: PackageManifest): string[] {
  const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
  return [manifest.main, manifest.types, ...bins].filter((file): file is string => typeof file === 'string');
}

/** The workspace packages `manifest` depends on (through `workspace:` ranges), recursively, each once. */
function workspaceDependencies(dir: string, manifest: PackageManifest, seen = new Set<string>([manifest.name])): { dir: string; manifest: PackageManifest }[] {
  const found: { dir: string; manifest: PackageManifest }[] = [];
  // Peers too: a connector's library entry imports @connectors/contract, a peer the composing server installs.
  const declared = { ...(manifest.peerDependencies as Record<string, string> | undefined), ...manifest.dependencies, ...manifest.optionalDependencies };
  for (const [name, range] of Object.entries(declared)) {
    if (!range.startsWith('workspace:') || seen.has(name)) continue;
    seen.add(name);
    const linked = join(dir, 'node_modules', ...name.split('/'));
    if (!existsSync(linked)) throw new Error(`${name} is not linked into ${dir}/node_modules: run pnpm install first.`);
    const depDir = realpathSync(linked);
    const depManifest = readManifest(depDir);
    found.push({ dir: depDir, manifest: depManifest }, ...workspaceDependencies(depDir, depManifest, seen));
  }
  return found;
}

/** `npx -y pnpm@<version>` from the nearest `packageManager: "pnpm@..."` above `dir`. */
function defaultPnpm(dir: string): string[] {
  for (let current = dir; ; current = dirname(current)) {
    const path = join(current, 'package.json');
    if (existsSync(path)) {
      const field = (JSON.parse(readFileSync(path, 'utf8')) as { packageManager?: unknown }).packageManager;
      const version = typeof field === 'string' ? /^pnpm@([^+\s]+)/.exec(field)?.[1] : undefined;
      if (version) return [NPX, '-y', `pnpm@${version}`];
    }
    if (dirname(current) === current) return [NPX, '-y', 'pnpm'];
  }
}

/**
 * What the package runner running these tests puts in the environment about *this* package (its
 * prefix, lifecycle, manifest) must not steer the npm inside the test; registry, proxy and CA stay.
 * NODE_PATH goes too: pnpm points it at the workspace's hoisted packages, where a dependency the
 * package forgot to ship would be found.
 */
const RUNNER_ENV =
  /^(npm_package_|npm_lifecycle_|npm_command$|npm_execpath$|npm_node_execpath$|npm_config_(local_prefix|prefix|global_prefix|user_agent|verify_deps_before_run)$|pnpm_|VITEST|NODE_PATH$)/i;

/** This process's environment without the runners' variables and without the connector's own. */
function childEnv(connector: Pick<ConnectorDefinition, 'id' | 'config'>): Record<string, string> {
  const prefix = `${connector.id.toUpperCase().replace(/-/g, '_')}_`;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || RUNNER_ENV.test(key) || key.startsWith(prefix) || key in connector.config) continue;
    env[key] = value;
  }
  env.npm_config_loglevel = 'error';
  env.npm_config_update_notifier = 'false';
  return env;
}

async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function tail(text: string): string {
  const trimmed = text.trim();
  return trimmed ? trimmed.slice(-600) : '(empty)';
}

/** A crashed Node process's error line (`Error [ERR_…]: …`) rather than the end of its stack. */
function errorLine(text: string): string {
  return text.split('\n').find((line) => /^\w*Error\b|^Error \[/.test(line.trim())) ?? tail(text);
}
