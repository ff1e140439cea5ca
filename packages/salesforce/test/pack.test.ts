// The published package, not the workspace: pack this connector and @connectors/contract with
// pnpm (which turns `workspace:^` into a real range), install both tarballs with npm into an empty
// folder, and run the bin the way an MCP client config does: `npx -y @connectors/<id>`.
// npm fetches the third-party dependencies (@modelcontextprotocol/server, zod) from the registry.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { toolName } from '@connectors/contract';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connector } from '../src/connector.js';
import pkg from '../package.json' with { type: 'json' };

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const contractDir = dirname(createRequire(import.meta.url).resolve('@connectors/contract/package.json'));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const PNPM = ['-y', 'pnpm@10.34.8'];
const tokenVar = Object.entries(connector.config).find(([, variable]) => variable.secret)![0];
// Derived from the definition, so this test keeps passing as tools are added or replaced.
const expectedTools = ['health', ...connector.tools.map((t) => t.action)].map((action) => toolName(connector.id, action));
const readTools = ['health', ...connector.tools.filter((t) => t.access === 'read').map((t) => t.action)].map((action) => toolName(connector.id, action));

let work: string;
let app: string;

// What a package manager running these tests puts in the environment about *this* package (its
// prefix, lifecycle, manifest) must not steer the npm inside the test; registry, proxy and CA stay.
const RUNNER_ENV = /^(npm_package_|npm_lifecycle_|npm_command$|npm_execpath$|npm_node_execpath$|npm_config_(local_prefix|prefix|global_prefix|user_agent|verify_deps_before_run)$|pnpm_|VITEST)/i;

/** This process's environment without the package runner's and the test runner's variables, and without the connector's own. */
function cleanEnv(): Record<string, string> {
  const prefix = connector.id.toUpperCase().replace(/-/g, '_') + '_';
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || RUNNER_ENV.test(key) || key.startsWith(prefix)) continue;
    env[key] = value;
  }
  env.npm_config_loglevel = 'error';
  env.npm_config_update_notifier = 'false';
  return env;
}

/** The environment of an MCP client launching the server: no credentials, npm kept off the network. */
function clientEnv(): Record<string, string> {
  const env = cleanEnv();
  // Everything is installed locally; `npx -y` must find it there, never download a namesake.
  env.npm_config_offline = 'true';
  return env;
}

/** `npx -y @connectors/<id> ...args` in the install folder; resolves with the exit code instead of throwing. */
async function npxConnector(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(npx, ['-y', pkg.name, ...args], { cwd: app, env: clientEnv(), timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

async function pack(dir: string): Promise<string> {
  for (const built of ['dist/index.js', 'dist/index.d.ts']) {
    if (!existsSync(join(dir, built))) throw new Error(`${join(dir, built)} is missing: build before this test (turbo does).`);
  }
  const { stdout } = await run(npx, [...PNPM, 'pack', '--pack-destination', work], { cwd: dir, env: cleanEnv(), timeout: 60_000 });
  const tarball = stdout.trim().split('\n').pop()!.trim();
  expect(tarball).toMatch(/\.tgz$/);
  return tarball;
}

describe(`${pkg.name} packed and installed with npm`, () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), `connectors-pack-${connector.id}-`));
    app = join(work, 'app');
    await mkdir(app);
    const [contractTarball, connectorTarball] = await Promise.all([pack(contractDir), pack(packageDir)]);
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'pack-smoke', private: true }));
    // Both tarballs in one install, so the connector's `@connectors/contract` range is met by the local one.
    const install = ['install', '--no-audit', '--no-fund', '--prefer-offline', contractTarball!, connectorTarball!];
    await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', install, { cwd: app, env: cleanEnv(), timeout: 90_000 });
  }, 120_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('publishes only dist, the README and package.json, with workspace ranges replaced', async () => {
    const installed = join(app, 'node_modules', ...pkg.name.split('/'));
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
    expect(manifest.dependencies['@connectors/contract']).toMatch(/^\^\d+\.\d+\.\d+/);
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
    expect(existsSync(join(installed, 'README.md'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(installed, 'src'))).toBe(false);
    expect(existsSync(join(installed, 'test'))).toBe(false);
  });

  it('--help describes the commands and the variables to set', async () => {
    const { code, stdout } = await npxConnector(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`npx -y ${pkg.name}`);
    expect(stdout).toContain(tokenVar);
    expect(stdout).toMatch(/configure <client>/);
  });

  it('--version prints the package version', async () => {
    const { code, stdout } = await npxConnector(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(pkg.version);
  });

  it('tools lists every tool with its access, and --read-only drops the writes', async () => {
    const all = await npxConnector(['tools']);
    expect(all.code).toBe(0);
    expect(all.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0])).toEqual(expectedTools);
    for (const t of connector.tools) expect(all.stdout).toMatch(new RegExp(`${toolName(connector.id, t.action)}\\s+${t.access}\\s`));

    const readOnly = await npxConnector(['tools', '--read-only']);
    expect(readOnly.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0])).toEqual(readTools);
  });

  it('health exits 1 and reports not_configured when the token is missing', async () => {
    const { code, stdout } = await npxConnector(['health']);
    expect(code).toBe(1);
    // With nothing set, the quickest mode is asked for by name (an access token and the org's URL), the OAuth flows in words.
    expect(JSON.parse(stdout)).toMatchObject({ status: 'not_configured', connector: connector.id, version: pkg.version, missing: ['SALESFORCE_INSTANCE_URL', tokenVar, expect.stringContaining('OAuth flow')] });
  });

  it('serves MCP over stdio to a real client', async () => {
    const transport = new StdioClientTransport({ command: npx, args: ['-y', pkg.name], cwd: app, env: clientEnv(), stderr: 'pipe' });
    const client = new Client({ name: 'pack-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()).toMatchObject({ name: pkg.name, version: pkg.version });
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(expectedTools);
      for (const tool of tools) expect(tool.outputSchema).toBeDefined();

      const first = connector.tools[0]!;
      const result = await client.callTool({ name: toolName(connector.id, first.action), arguments: first.examples[0] as Record<string, unknown> });
      expect(result.isError).toBe(true);
      expect(result.structuredContent).toMatchObject({ ok: false, error: { code: 'not_configured' } });
      expect(JSON.stringify(result.structuredContent)).toContain(tokenVar);
    } finally {
      await client.close();
    }
  });
});
