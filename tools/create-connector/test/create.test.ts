// End to end: scaffold into a throwaway workspace, then prove the new package builds, typechecks
// and passes the template's tests without a single edit. No network: instead of `pnpm install`,
// the new package's dependencies are linked to where the real workspace installed them.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const cli = join(repo, 'tools', 'create-connector', 'index.mjs');
const templateDir = join(repo, 'templates', 'connector');
const bin = (name: string) => join(repo, 'node_modules', '.bin', name);

let ws: string;

function create(args: string[], dir = ws) {
  const result = spawnSync(process.execPath, [cli, ...args, '--dir', dir], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * What `pnpm install` would do for a package in the temporary workspace: link each dependency to
 * where the real workspace installed it for `installedFor`, with workspace packages pointing at the
 * temporary workspace's copies.
 */
async function linkDependencies(installedFor: string, packageDir: string): Promise<void> {
  const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  const names = Object.keys({ ...manifest.peerDependencies, ...manifest.dependencies, ...manifest.devDependencies });
  for (const name of names) {
    const installed = join(installedFor, 'node_modules', name);
    if (!existsSync(installed)) {
      if (name in (manifest.peerDependencies ?? {})) continue;
      throw new Error(`${name} is not installed in ${installedFor}; run pnpm install in the repository first.`);
    }
    const real = realpathSync(installed);
    const workspacePackage = relative(join(repo, 'packages'), real);
    const target = !workspacePackage.startsWith('..') && !workspacePackage.includes('/') ? join(ws, 'packages', workspacePackage) : real;
    const link = join(packageDir, 'node_modules', name);
    await mkdir(dirname(link), { recursive: true });
    await symlink(target, link, 'dir');
  }
}

/** A copy of a built workspace package (manifest and dist), so a rebuild elsewhere cannot change it mid-test. */
async function copyBuiltPackage(dir: string): Promise<void> {
  const from = join(repo, 'packages', dir);
  for (const file of ['dist/index.js', 'dist/index.d.ts']) {
    if (!existsSync(join(from, file))) throw new Error(`packages/${dir}/${file} is missing: build the workspace first (turbo does).`);
  }
  await cp(join(from, 'dist'), join(ws, 'packages', dir, 'dist'), { recursive: true });
  await copyFile(join(from, 'package.json'), join(ws, 'packages', dir, 'package.json'));
  await linkDependencies(from, join(ws, 'packages', dir));
}

/** Every file below `dir` except installs and build output, as paths relative to `dir`. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (['node_modules', 'dist'].includes(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path, base) : [relative(base, path)];
  });
}

/** The child must not think it runs inside this vitest worker. */
function childEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS' && key !== 'FORCE_COLOR'));
  return { ...env, NO_COLOR: '1' };
}

/** Runs a tool of the root workspace in the package; a failure shows the tool's own output. */
async function inPackage(packageDir: string, tool: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(bin(tool), args, { cwd: packageDir, env: childEnv(), timeout: timeLimit(120_000), maxBuffer: 20 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${tool} ${args.join(' ')} failed in ${packageDir}:\n${`${stdout}\n${stderr}`.trim().slice(-6000)}`);
  }
}

async function buildAndTest(packageDir: string): Promise<string> {
  await inPackage(packageDir, 'tsup', []);
  await inPackage(packageDir, 'tsc', ['-p', 'tsconfig.json']);
  // pack.test.ts installs from the npm registry; the template's own run covers it. One file at a
  // time: the nested run should not fight this suite for CPU (the conformance suite uses short timeouts).
  return inPackage(packageDir, 'vitest', ['run', '--exclude', 'test/pack.test.ts', '--no-file-parallelism']);
}

beforeAll(async () => {
  ws = await mkdtemp(join(tmpdir(), 'create-connector-'));
  for (const file of ['package.json', 'pnpm-workspace.yaml', 'tsconfig.base.json']) await copyFile(join(repo, file), join(ws, file));
  await mkdir(join(ws, 'packages'));
  await mkdir(join(ws, '.changeset'));
  await copyFile(join(repo, '.changeset', 'config.json'), join(ws, '.changeset', 'config.json'));
  // The built SDK and testkit, and the root's tools (tsup, vitest, typescript), as the workspace has them.
  await copyBuiltPackage('contract');
  await copyBuiltPackage('testkit');
  await symlink(join(repo, 'node_modules'), join(ws, 'node_modules'), 'dir');
});

afterAll(async () => {
  if (ws) await rm(ws, { recursive: true, force: true });
});

describe('create-connector acme --title "Acme CRM"', () => {
  let result: ReturnType<typeof create>;
  let packageDir: string;

  beforeAll(() => {
    result = create(['acme', '--title', 'Acme CRM']);
    packageDir = join(ws, 'packages', 'acme');
  });

  it('succeeds and tells the user what to run next', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created packages/acme: @connectors/acme ("Acme CRM")');
    expect(result.stdout).toContain('npx -y pnpm@10.34.8 install');
    expect(result.stdout).toContain('acme_<action>');
  });

  it('copies the template without installs or build output', () => {
    const files = walk(packageDir);
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'src/connector.ts', 'src/client.ts', 'test/tools/list-tasks.test.ts', 'test/harness.ts']),
    );
    expect(files.filter((f) => f.startsWith('.turbo') || f.endsWith('.tgz') || f === 'CHANGELOG.md')).toEqual([]);
    expect(existsSync(join(packageDir, 'node_modules'))).toBe(false);
    expect(existsSync(join(packageDir, 'dist'))).toBe(false);
    expect(readdirSync(join(ws, 'packages')).sort()).toEqual(['acme', 'contract', 'testkit']);
  });

  it('writes the manifest: name, bin, version 0.0.0 (released as 0.1.0 by its initial changeset), repository directory', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: '@connectors/acme',
      version: '0.0.0',
      bin: { 'connectors-acme': './dist/bin.js' },
      repository: { directory: 'packages/acme' },
      peerDependencies: { '@connectors/contract': 'workspace:^' },
      devDependencies: { '@connectors/contract': 'workspace:^' },
    });
    // The template is private (never published); the connector made from it is not.
    expect(manifest.private).toBeUndefined();
  });

  it('leaves no starter, Starter or STARTER anywhere, in names or contents', () => {
    const leftovers = walk(packageDir).flatMap((file) => {
      const hits = [...readFileSync(join(packageDir, file), 'utf8').matchAll(/.{0,30}starter.{0,30}/gi)].map((m) => `${file}: ${m[0]}`);
      return /starter/i.test(file) ? [file, ...hits] : hits;
    });
    expect(leftovers).toEqual([]);
  });

  it('renames identifiers, prose, variables and tool names each their own way', () => {
    const client = readFileSync(join(packageDir, 'src', 'client.ts'), 'utf8');
    expect(client).toContain('export function createAcmeClient(');
    expect(client).toContain("vendor: 'Acme CRM',");
    expect(client).toContain('values.ACME_API_TOKEN');
    expect(client).toContain('export type AcmeContext');
    const connector = readFileSync(join(packageDir, 'src', 'connector.ts'), 'utf8');
    expect(connector).toContain("id: 'acme',");
    expect(connector).toContain("title: 'Acme CRM',");
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# Acme CRM MCP connector\n/);
    expect(readme).toContain('| `acme_list_tasks` |');
    expect(readme).toContain('npx -y @connectors/acme');
    expect(readme).not.toContain('template-only');
  });

  it('writes the changeset for the first release', () => {
    const changeset = readFileSync(join(ws, '.changeset', 'acme-initial.md'), 'utf8');
    expect(changeset).toMatch(/^---\n"@connectors\/acme": minor\n---\n\n.+Acme CRM/);
  });

  it(
    'builds, typechecks and passes its own tests with no edits',
    async () => {
      await linkDependencies(templateDir, packageDir);
      const output = await buildAndTest(packageDir);
      expect(output).toMatch(/Test Files\s+\d+ passed \(\d+\)/);
      expect(output).not.toMatch(/failed/);

      const built = join(packageDir, 'dist', 'bin.js');
      const version = await run(process.execPath, [built, '--version'], { env: childEnv() });
      expect(version.stdout.trim()).toBe('0.0.0');
      const tools = await run(process.execPath, [built, 'tools'], { env: childEnv() });
      expect(tools.stdout).toMatch(/^acme_health\s/m);
      expect(tools.stdout).toMatch(/^acme_create_task\s+write/m);
      const health = spawnSync(process.execPath, [built, 'health'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
      expect(health.status).toBe(1);
      expect(JSON.parse(health.stdout)).toMatchObject({ status: 'not_configured', connector: 'acme', missing: ['ACME_API_TOKEN'] });
    },
    timeLimit(180_000),
  );
});

describe('create-connector google-sheets (a dashed name, default title)', () => {
  it(
    'derives every spelling and still typechecks and passes its tests',
    async () => {
      const result = create(['google-sheets']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('@connectors/google-sheets ("Google Sheets")');
      const packageDir = join(ws, 'packages', 'google-sheets');
      const config = readFileSync(join(packageDir, 'src', 'config.ts'), 'utf8');
      expect(config).toContain('GOOGLE_SHEETS_API_TOKEN');
      expect(readFileSync(join(packageDir, 'src', 'client.ts'), 'utf8')).toContain('createGoogleSheetsClient');
      expect(readFileSync(join(packageDir, 'README.md'), 'utf8')).toContain('| `google_sheets_list_tasks` |');

      // A dashed name is where renaming can produce invalid identifiers or tool names: typecheck
      // everything, and run the tests that pin the id, the tool names and the variables.
      await linkDependencies(templateDir, packageDir);
      await inPackage(packageDir, 'tsc', ['-p', 'tsconfig.json']);
      const output = await inPackage(packageDir, 'vitest', [
        'run',
        '--no-file-parallelism',
        'test/health.test.ts',
        'test/readme.test.ts',
        'test/tools/list-tasks.test.ts',
      ]);
      expect(output).toMatch(/Test Files\s+3 passed \(3\)/);
    },
    timeLimit(120_000),
  );
});

describe('refusals', () => {
  it('refuses an existing packages/<name> and changes nothing in it', async () => {
    const dir = join(ws, 'packages', 'taken');
    await mkdir(dir);
    await writeFile(join(dir, 'keep.txt'), 'mine');

    const result = create(['taken']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('packages/taken already exists');
    expect(readdirSync(dir)).toEqual(['keep.txt']);
    expect(existsSync(join(ws, '.changeset', 'taken-initial.md'))).toBe(false);
  });

  it('refuses when the initial changeset is already there', async () => {
    await writeFile(join(ws, '.changeset', 'leftover-initial.md'), '---\n---\n');
    const result = create(['leftover']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('.changeset/leftover-initial.md already exists');
    expect(existsSync(join(ws, 'packages', 'leftover'))).toBe(false);
  });

  it.each([
    [['Acme'], /not a valid connector name/],
    [['a'], /not a valid connector name/],
    [['acme_crm'], /not a valid connector name/],
    [['9lives'], /not a valid connector name/],
    [['x'.repeat(40)], /not a valid connector name/],
    [['contract'], /reserved/],
    [['testkit'], /reserved/],
    [['starter'], /reserved/],
    [[], /a connector name is required/],
    [['acme', 'crm'], /Expected one connector name/],
    [['acme', '--force'], /Unknown option '--force'/],
    [['acme', '--title'], /--title/],
    [['acme', '--title', "O'Reilly"], /not usable/],
  ])('refuses %j with a usage error', (args, message) => {
    const before = readdirSync(join(ws, 'packages')).sort();
    const result = create(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('--help');
    expect(result.stdout).toBe('');
    expect(readdirSync(join(ws, 'packages')).sort()).toEqual(before);
  });

  it('refuses --package inside the workspace, where the package is @connectors/<name>', () => {
    const result = create(['acme2', '--package', 'acme-mcp']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--package is for a project of its own');
    expect(existsSync(join(ws, 'packages', 'acme2'))).toBe(false);
  });

  it.each([['Acme'], ['@connectors/acme'], ['a b'], ['@scope/']])('refuses the npm name %j for a project of its own', async (packageName) => {
    const empty = await mkdtemp(join(tmpdir(), 'create-connector-empty-'));
    try {
      const result = create(['acme', '--package', packageName], empty);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--package/);
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
  it('prints usage for --help', () => {
    const result = create(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: pnpm create @connectors/connector <name>');
    expect(result.stdout).toContain('npx -y pnpm@10.34.8 create-connector <name>');
  });
});
