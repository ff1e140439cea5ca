// Connectors take @connectors/contract as an optional peer (docs/decisions/0007). Changesets'
// default bumps every peer dependent to a new major on any contract minor; with
// onlyUpdatePeerDependentsWhenOutOfRange it leaves them alone while the new contract is inside
// their peer range. Proved with `changeset status` on a trial changeset, in a throwaway git
// repository holding this repository's manifests and changesets configuration, released as the
// pending changesets say (the state the next contract minor will meet).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const changesetBin = join(root, 'node_modules', '@changesets', 'cli', 'bin.js');
const OPTIONS = '___experimentalUnsafeOptions_WILL_CHANGE_IN_PATCH';

interface Release {
  name: string;
  type: 'major' | 'minor' | 'patch' | 'none';
  oldVersion?: string;
  newVersion?: string;
}

/** Every workspace package's manifest, by path relative to the root (pnpm-workspace.yaml's packages/*, templates/*, tools/*). */
const manifests = ['packages', 'templates', 'tools']
  .flatMap((group) => readdirSync(join(root, group)).map((name) => `${group}/${name}/package.json`))
  .filter((path) => existsSync(join(root, path)));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
/** The packages that take the contract as a peer: every connector and the template. */
const peerDependents = manifests
  .map((path) => readJson(join(root, path)))
  .filter((manifest) => manifest.peerDependencies?.['@connectors/contract'])
  .map((manifest) => manifest.name as string);

let repo: string;

function git(...args: string[]) {
  const result = spawnSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

/** `changeset status` in the throwaway repository: the release plan its changesets make. */
function status(): Release[] {
  const output = join(repo, 'release-plan.json');
  const result = spawnSync(process.execPath, [changesetBin, 'status', '--output', output], { cwd: repo, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`changeset status failed:\n${result.stdout}\n${result.stderr}`);
  const plan = readJson(output);
  rmSync(output);
  return plan.releases;
}

const pendingChangesets = () => readdirSync(join(repo, '.changeset')).filter((name) => name.endsWith('.md') && name !== 'README.md');
const config = () => readJson(join(repo, '.changeset', 'config.json'));
const writeConfig = (value: object) => writeFileSync(join(repo, '.changeset', 'config.json'), `${JSON.stringify(value, null, 2)}\n`);
const bumpOf = (plan: Release[], name: string) => plan.find((release) => release.name === name)?.type ?? 'none';

let pending: Release[];
let trial: Release[];

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'peer-bumps-'));
  for (const path of ['package.json', 'pnpm-workspace.yaml', ...manifests]) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    copyFileSync(join(root, path), join(repo, path));
  }
  mkdirSync(join(repo, '.changeset'));
  for (const name of readdirSync(join(root, '.changeset')).filter((n) => n.endsWith('.md') || n === 'config.json')) {
    copyFileSync(join(root, '.changeset', name), join(repo, '.changeset', name));
  }
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'the repository as it is');

  // What `changeset version` will do with the pending changesets: new versions, changesets used up.
  pending = status();
  for (const path of manifests) {
    const manifest = readJson(join(repo, path));
    const release = pending.find((r) => r.name === manifest.name);
    if (release?.newVersion && release.type !== 'none')
      writeFileSync(join(repo, path), `${JSON.stringify({ ...manifest, version: release.newVersion }, null, 2)}\n`);
  }
  for (const name of pendingChangesets()) rmSync(join(repo, '.changeset', name));
  git('add', '-A');
  git('commit', '-q', '-m', 'Release packages');

  writeFileSync(join(repo, '.changeset', 'trial-contract-minor.md'), '---\n"@connectors/contract": minor\n---\n\nA new export.\n');
  trial = status();
  // Two `changeset status` runs and two commits: seconds, more on a busy machine.
}, timeLimit(120_000));

afterAll(() => {
  if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('a contract minor release', () => {
  it('finds the connectors that take the contract as a peer', () => {
    expect(peerDependents).toEqual(expect.arrayContaining(['@connectors/jira', '@connectors/discord', '@connectors/coconut', '@connectors/starter']));
  });

  it('is configured to bump peer dependents only when the new contract leaves their range', () => {
    expect(readJson(join(root, '.changeset', 'config.json'))[OPTIONS]).toMatchObject({ onlyUpdatePeerDependentsWhenOutOfRange: true });
  });

  it('starts from a contract at 1.0 or later: under 1.0 a caret range (`workspace:^` published as ^0.y.z) excludes the next minor', () => {
    const contract = readJson(join(repo, 'packages', 'contract', 'package.json')).version;
    expect(Number(contract.split('.')[0]), `the contract is at ${contract} after the pending release`).toBeGreaterThanOrEqual(1);
  });

  it('bumps the contract by minor', () => {
    expect(bumpOf(trial, '@connectors/contract')).toBe('minor');
  });

  it('leaves every connector unreleased, or at most a patch or minor: never a major', () => {
    const bumps = Object.fromEntries(peerDependents.map((name) => [name, bumpOf(trial, name)]));
    for (const [name, bump] of Object.entries(bumps)) expect(['none', 'patch', 'minor'], `${name} is bumped ${bump}`).toContain(bump);
  });

  it('would bump every connector to a major without the option (so the option is what holds them back)', () => {
    const configured = config();
    try {
      const { [OPTIONS]: _dropped, ...defaults } = configured;
      writeConfig(defaults);
      const plan = status();
      for (const name of peerDependents) expect(bumpOf(plan, name), name).toBe('major');
    } finally {
      writeConfig(configured);
    }
  });
});
