// `pnpm create @connectors/connector my-crm` as a user outside this repository runs it: the
// scaffolder is packed and installed from its tarball, run in an empty folder, and the project it
// makes installs @connectors/contract and @connectors/testkit from their packed tarballs (standing
// in for the registry, through the project's own overrides), then builds, typechecks and passes
// every one of its tests, the packed-install checks included. Third-party packages come from the
// registry or pnpm's store.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const PNPM = ['npx', '-y', `pnpm@${JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).packageManager.split('@')[1]}`];

let dir: string;
let tarballs: Record<string, string>;
let project: string;
let created: { stdout: string; stderr: string };

function childEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS' && key !== 'FORCE_COLOR'));
  return { ...env, NO_COLOR: '1' };
}

async function sh(command: string[], cwd: string, timeout = 180_000): Promise<string> {
  try {
    const { stdout } = await run(command[0]!, command.slice(1), { cwd, env: childEnv(), timeout, maxBuffer: 20 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command.join(' ')} failed in ${cwd}:\n${`${stdout}\n${stderr}`.trim().slice(-6000)}`);
  }
}

async function pack(packageDir: string): Promise<string> {
  const stdout = await sh([...PNPM, 'pack', '--pack-destination', dir], packageDir);
  return stdout.trim().split('\n').pop()!.trim();
}

const tarballFiles = async (tarball: string) => (await sh(['tar', '-tzf', tarball], dir)).split('\n').filter(Boolean);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'create-standalone-'));
  tarballs = {
    scaffolder: await pack(join(repo, 'tools', 'create-connector')),
    contract: await pack(join(repo, 'packages', 'contract')),
    testkit: await pack(join(repo, 'packages', 'testkit')),
  };
  // What `pnpm create` does: fetch @connectors/create-connector and run its bin in the user's folder.
  const runner = join(dir, 'runner');
  await mkdir(runner);
  await writeFile(join(runner, 'package.json'), '{ "private": true }\n');
  await sh(['npm', 'install', '--no-audit', '--no-fund', '--offline', tarballs.scaffolder], runner);
  const work = join(dir, 'work');
  await mkdir(work);
  created = await run(join(runner, 'node_modules', '.bin', 'create-connector'), ['my-crm', '--title', 'My CRM'], { cwd: work, env: childEnv() });
  project = join(work, 'my-crm');
}, timeLimit(240_000));

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the published scaffolder', () => {
  it('carries the template with its versions, without installs or build output', async () => {
    const files = await tarballFiles(tarballs.scaffolder);
    expect(files).toEqual(
      expect.arrayContaining([
        'package/index.mjs',
        'package/LICENSE',
        'package/template/.template.json',
        'package/template/src/connector.ts',
        'package/template/test/conformance.test.ts',
      ]),
    );
    expect(files.filter((f) => /\/(node_modules|dist)\//.test(f) || f.startsWith('package/test/'))).toEqual([]);
  });

  it('creates my-crm/ in the current folder and says what to run', () => {
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('Created my-crm/: my-crm-connector ("My CRM")');
    expect(created.stdout).toContain('cd my-crm && npm install && npm run build && npm test');
    // This checkout's packages are unreleased (0.0.0): the summary says npm has none yet, and what to do.
    const unreleased = JSON.parse(readFileSync(join(repo, 'packages', 'contract', 'package.json'), 'utf8')).version === '0.0.0';
    if (unreleased)
      expect(created.stdout).toMatch(
        /@connectors\/contract and @connectors\/testkit are not on npm yet[\s\S]*npm install <checkout>\/packages\/contract <checkout>\/packages\/testkit/,
      );
    else expect(created.stdout).not.toContain('not on npm yet');
    expect(readdirSync(join(dir, 'work'))).toEqual(['my-crm']);
  });
});

describe('the project it creates', () => {
  it('is a package of its own on the released packages, with its own build tools', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    const contractVersion = JSON.parse(readFileSync(join(repo, 'packages', 'contract', 'package.json'), 'utf8')).version;
    expect(manifest).toMatchObject({
      name: 'my-crm-connector',
      version: '0.1.0',
      bin: { 'my-crm-connector': './dist/bin.js' },
      peerDependencies: { '@connectors/contract': `^${contractVersion}` },
      devDependencies: {
        '@connectors/contract': `^${contractVersion}`,
        typescript: expect.any(String),
        tsup: expect.any(String),
        vitest: expect.any(String),
        nock: expect.any(String),
      },
    });
    expect(manifest.devDependencies['@connectors/testkit']).toMatch(/^\^\d/);
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
    for (const key of ['private', 'mcpName', 'repository']) expect(manifest).not.toHaveProperty(key);
    expect(JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8')).extends).toBeUndefined();
  });

  it('leaves out what only the workspace’s tools read, and adds a .gitignore', () => {
    for (const path of ['demo', 'bench', 'server.json', 'mcpb', 'toolsnaps']) expect(existsSync(join(project, path))).toBe(false);
    expect(readFileSync(join(project, '.gitignore'), 'utf8')).toContain('node_modules/');
    expect(readFileSync(join(project, 'LICENSE'), 'utf8')).toMatch(/Copyright \(c\) \d{4} The my-crm-connector authors/);
  });

  it('has a README for its own package: npx -y my-crm-connector, npm scripts, no workspace commands', () => {
    const readme = readFileSync(join(project, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# My CRM MCP connector\n/);
    expect(readme).toContain('npx -y my-crm-connector');
    expect(readme).toContain('npm run build');
    expect(readme).not.toMatch(/@connectors\/my-crm|--filter|-only -->|docs\/connectors\//);
    expect(readFileSync(join(project, 'src', 'connector.ts'), 'utf8')).toContain('packageName: pkg.name');
  });

  it(
    'installs, builds, typechecks and passes all its tests, the packed install included',
    async () => {
      const manifestPath = join(project, 'package.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      manifest.pnpm.overrides = { '@connectors/contract': `file:${tarballs.contract}`, '@connectors/testkit': `file:${tarballs.testkit}` };
      await writeFile(manifestPath, JSON.stringify(manifest, null, 2));

      await sh([...PNPM, 'install', '--prefer-offline'], project);
      await sh([...PNPM, 'run', 'build'], project);
      await sh([...PNPM, 'run', 'typecheck'], project);
      const output = await sh([...PNPM, 'test', '--no-file-parallelism'], project, timeLimit(300_000));
      // Every test passed: none failed, none skipped.
      expect(output).toMatch(/Test Files\s+(\d+) passed \(\1\)/);
      expect(output).toMatch(/Tests\s+(\d+) passed \(\1\)/);
      expect(output).toContain('my-crm-connector packed and installed with npm');
    },
    timeLimit(420_000),
  );
});
