// The pack checks: describePackedConnector run end to end on a small connector package (the echo
// connector, depending on the workspace's @connectors/contract), then each check shown to catch what
// it is for, against the echo bin started directly (no packing needed to make it misbehave).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConnectorDefinition } from '@connectors/contract';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkPackedAlone,
  checkPackedFiles,
  checkPackedLibrary,
  checkPackedHealth,
  checkPackedHelp,
  checkPackedStdio,
  checkPackedTools,
  checkPackedVersion,
  describePackedConnector,
  runPacked,
  type PackedLaunch,
} from '../src/index.js';
import { connector } from './fixtures/echo-connector.mjs';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const contractDir = realpathSync(fileURLToPath(new URL('../node_modules/@connectors/contract', import.meta.url)));
const pnpmVersion = /^pnpm@([^+]+)/.exec(JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).packageManager)![1]!;
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const manifest = { name: '@connectors/echo', version: connector.version };

/** Writes the echo connector as a built package: manifest, README, dist/, and the contract linked as pnpm would. */
function echoPackage(dir: string, extra: Record<string, unknown> = {}): void {
  mkdirSync(join(dir, 'dist'), { recursive: true });
  copyFileSync(join(fixtures, 'echo-bin.mjs'), join(dir, 'dist', 'bin.mjs'));
  copyFileSync(join(fixtures, 'echo-connector.mjs'), join(dir, 'dist', 'echo-connector.mjs'));
  copyFileSync(join(fixtures, 'echo-connector.d.mts'), join(dir, 'dist', 'echo-connector.d.mts'));
  writeFileSync(join(dir, 'README.md'), '# Echo\n\nA connector for the fictional Echo API.\n');
  writeFileSync(join(dir, 'LICENSE'), 'MIT License\n');
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      ...manifest,
      type: 'module',
      bin: { 'connectors-echo': './dist/bin.mjs' },
      main: './dist/echo-connector.mjs',
      types: './dist/echo-connector.d.mts',
      files: ['dist'],
      dependencies: { '@connectors/contract': 'workspace:^' },
      ...extra,
    }),
  );
  mkdirSync(join(dir, 'node_modules', '@connectors'), { recursive: true });
  symlinkSync(contractDir, join(dir, 'node_modules', '@connectors', 'contract'), 'dir');
}

const work = mkdtempSync(join(tmpdir(), 'testkit-packed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
echoPackage(join(work, 'echo'));

// The whole thing, as a connector's pack.test.ts runs it: pnpm pack (which must turn workspace:^
// into ^<contract version>), npm install into an empty folder, then the bin through npx.
// The echo bin imports the contract instead of bundling it: it cannot run alone.
describePackedConnector(connector, { packageDir: join(work, 'echo'), pnpm: [npx, '-y', `pnpm@${pnpmVersion}`], bundled: false });

/** The echo bin started directly with node, as if it were the installed package. */
function echoLaunch(env: Record<string, string> = {}): PackedLaunch {
  return { command: process.execPath, args: [join(fixtures, 'echo-bin.mjs')], cwd: fixtures, env: { PATH: process.env.PATH ?? '', ...env } };
}
const good = { manifest, launch: echoLaunch() };
const withTool = (action: string, access: 'read' | 'write' | 'destructive') =>
  ({ ...connector, tools: [...connector.tools, { ...connector.tools[0]!, action, access }] }) as ConnectorDefinition;

describe('pack checks catch what they are for', () => {
  it('runPacked gives the exit code and output of the bin', async () => {
    const run = await runPacked(good, ['--version']);
    expect(run).toEqual({ code: 0, stdout: `${connector.version}\n`, stderr: '' });
    expect((await runPacked(good, ['no-such-command'])).code).toBe(2);
  });

  it('checkPackedHelp: the package name and every variable to set', async () => {
    expect(await checkPackedHelp(good, ['ECHO_API_KEY'])).toEqual([]);
    expect(await checkPackedHelp({ ...good, manifest: { ...manifest, name: '@connectors/other' } }, ['ECHO_API_KEY', 'ECHO_TENANT'])).toEqual([
      '--help does not show "npx -y @connectors/other".',
      '--help does not name the variable ECHO_TENANT.',
    ]);
  });

  it('checkPackedVersion: the version of the package', async () => {
    expect(await checkPackedVersion(good)).toEqual([]);
    expect(await checkPackedVersion({ ...good, manifest: { ...manifest, version: '9.9.9' } })).toEqual([
      `--version printed "${connector.version}", expected "9.9.9".`,
    ]);
  });

  it('checkPackedTools: every tool, in order, with its access, and only the reads with --read-only', async () => {
    expect(await checkPackedTools(good, connector)).toEqual([]);
    expect(await checkPackedTools(good, withTool('send_message', 'write'))).toEqual([
      'tools lists echo_health, echo_get_message; expected echo_health, echo_get_message, echo_send_message.',
      'tools does not show echo_send_message as write.',
    ]);
    expect(await checkPackedTools(good, withTool('list_messages', 'read'))).toContainEqual(
      'tools --read-only lists echo_health, echo_get_message; expected echo_health, echo_get_message, echo_list_messages.',
    );
  });

  it('checkPackedHealth: exit 1, not_configured, the id, the version and what is missing', async () => {
    expect(await checkPackedHealth(good, connector, ['ECHO_API_KEY'])).toEqual([]);
    expect(await checkPackedHealth({ ...good, manifest: { ...manifest, version: '9.9.9' } }, { id: 'other' }, ['ECHO_API_KEY', 'ECHO_CLIENT_ID'])).toEqual([
      'health reports connector "echo", expected "other".',
      `health reports version "${connector.version}", expected "9.9.9".`,
      'health reports missing ["ECHO_API_KEY"], expected [ECHO_API_KEY, ECHO_CLIENT_ID].',
    ]);
    // Configured (with a vendor nobody answers on), health exits 1 with another status.
    const configured = { manifest, launch: echoLaunch({ ECHO_API_KEY: 'k', ECHO_API_URL: 'http://127.0.0.1:9' }) };
    expect(await checkPackedHealth(configured, connector, ['ECHO_API_KEY'])).toEqual([
      'health reports status "error", expected "not_configured".',
      'health reports missing undefined, expected [ECHO_API_KEY].',
    ]);
  });

  it('checkPackedStdio: the server names itself as the package, lists the tools and asks for its variables', async () => {
    expect(await checkPackedStdio(good, connector, ['ECHO_API_KEY'])).toEqual([]);
    expect(
      await checkPackedStdio({ ...good, manifest: { ...manifest, version: '9.9.9' } }, withTool('send_message', 'write'), ['ECHO_API_KEY', 'ECHO_TENANT']),
    ).toEqual([
      `The server calls itself @connectors/echo@${connector.version}, expected @connectors/echo@9.9.9.`,
      'tools/list has echo_health, echo_get_message; expected echo_health, echo_get_message, echo_send_message.',
      'The not_configured error of echo_get_message does not name ECHO_TENANT.',
    ]);
    const missing = { manifest, launch: { ...echoLaunch(), args: [join(fixtures, 'no-such-bin.mjs')] } };
    expect(await checkPackedStdio(missing, connector, [], 5_000)).toEqual([expect.stringContaining('Cannot find module')]);
  });

  it('checkPackedAlone: a bin that needs packages beside it fails from its package alone', async () => {
    const dir = join(work, 'alone-check');
    mkdirSync(dir, { recursive: true });
    const problems = await checkPackedAlone(
      { dir, installed: join(work, 'echo'), manifest: { ...manifest, bin: { 'connectors-echo': './dist/bin.mjs' } }, launch: echoLaunch() },
      connector,
    );
    expect(problems[0]).toMatch(/^@connectors\/echo alone: tools failed: .*Cannot find package '@connectors\/contract'/s);
    expect(problems).toHaveLength(3);
  });

  it('checkPackedLibrary: the definition from import(<name>), next to the contract', async () => {
    const app = join(work, 'library-app');
    mkdirSync(join(app, 'node_modules', '@connectors'), { recursive: true });
    symlinkSync(join(work, 'echo'), join(app, 'node_modules', '@connectors', 'echo'), 'dir');
    writeFileSync(
      join(work, 'echo', 'package.json'),
      JSON.stringify({ ...JSON.parse(readFileSync(join(work, 'echo', 'package.json'), 'utf8')), exports: './dist/echo-connector.mjs' }),
    );
    expect(await checkPackedLibrary({ app, manifest, launch: echoLaunch() }, connector)).toEqual([]);
    expect(await checkPackedLibrary({ app, manifest, launch: echoLaunch() }, { id: 'other' })).toEqual([
      expect.stringMatching(/gave \{"id":"echo".*not the other connector/),
    ]);
    expect(await checkPackedLibrary({ app, manifest: { ...manifest, name: '@connectors/nowhere' }, launch: echoLaunch() }, connector)).toEqual([
      expect.stringMatching(/import\("@connectors\/nowhere"\) failed: .*Cannot find package/s),
    ]);
  });

  it('checkPackedFiles: only dist, README and package.json; built files present; workspace ranges replaced by ^version', () => {
    const installed = join(work, 'installed');
    const layout = (files: Record<string, string>) => {
      rmSync(installed, { recursive: true, force: true });
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(join(installed, file, '..'), { recursive: true });
        writeFileSync(join(installed, file), text);
      }
    };
    const published = (dependency: string) =>
      JSON.stringify({
        ...manifest,
        types: './dist/index.d.ts',
        bin: { echo: './dist/bin.js' },
        dependencies: { '@connectors/contract': dependency, zod: '^4.1.0' },
      });
    const packed = {
      installed,
      manifest: { ...manifest, dependencies: { '@connectors/contract': 'workspace:^' } },
      workspaceVersions: { '@connectors/contract': '0.3.1' },
    };

    layout({ 'package.json': published('^0.3.1'), 'README.md': '# Echo', LICENSE: 'MIT', 'dist/index.d.ts': '', 'dist/bin.js': '' });
    expect(checkPackedFiles(packed)).toEqual([]);

    layout({ 'package.json': published('workspace:^'), 'dist/bin.js': '', 'src/index.ts': '', 'test/a.test.ts': '' });
    expect(checkPackedFiles(packed)).toEqual([
      'The published package.json still has a workspace: range: {"@connectors/contract":"workspace:^","zod":"^4.1.0"}.',
      'The published dependency on @connectors/contract is "workspace:^", expected "^0.3.1" (from "workspace:^"; use "workspace:^").',
      'The package has no README.md.',
      'The package has no LICENSE: put the license file next to its package.json.',
      'The package lacks ./dist/index.d.ts, which its package.json names.',
      'The package ships src: only dist/, the README and package.json belong in it (see "files" in package.json).',
      'The package ships test: only dist/, the README and package.json belong in it (see "files" in package.json).',
    ]);

    // workspace:* pins the exact version: a release of the contract would force one here.
    layout({ 'package.json': published('0.3.1'), 'README.md': '# Echo', LICENSE: 'MIT', 'dist/index.d.ts': '', 'dist/bin.js': '' });
    expect(checkPackedFiles({ ...packed, manifest: { ...manifest, dependencies: { '@connectors/contract': 'workspace:*' } } })).toEqual([
      'The published dependency on @connectors/contract is "0.3.1", expected "^0.3.1" (from "workspace:*"; use "workspace:^").',
    ]);
    expect(checkPackedFiles({ ...packed, installed: join(work, 'nowhere') })).toEqual([`@connectors/echo is not installed at ${join(work, 'nowhere')}.`]);
  });
});
