// Tool snapshots: written per tool, checked for staleness and orphans, and the release their
// changes need, checked against a real git history (a throwaway repository per test).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseChangeset, snapshotChanges } from '../src/semver-check.mjs';
import { runGenerator, writeFixture } from './fixture.js';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

const snaps = () => join(root!, 'packages', 'demo', 'toolsnaps');
const listed = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('  packages/'))
    .map((line) => line.trim());

describe('tool snapshots', () => {
  it('writes one file per tool, health included, as tools/list describes it', () => {
    root = writeFixture(undefined, [{ action: 'ping', input: '{ host: z.string().describe("Where.") }' }]);
    expect(runGenerator(root).status).toBe(0);
    expect(readdirSync(snaps()).sort()).toEqual(['demo_health.json', 'demo_ping.json']);
    const text = readFileSync(join(snaps(), 'demo_ping.json'), 'utf8');
    const snap = JSON.parse(text);
    expect(Object.keys(snap)).toEqual(['name', 'title', 'description', 'annotations', 'inputSchema', 'outputSchema']);
    expect(snap).toMatchObject({
      name: 'demo_ping',
      title: 'Ping',
      annotations: { readOnlyHint: true, destructiveHint: false },
      inputSchema: { type: 'object', properties: { host: { type: 'string', description: 'Where.' } }, required: ['host'] },
      outputSchema: { type: 'object', required: ['ok', 'meta'] },
    });
    expect(text).toBe(`${JSON.stringify(snap, null, 2)}\n`);
    expect(runGenerator(root, ['--check']).status).toBe(0);
  });

  it('--check names a stale, a missing and an orphaned snapshot; a run rewrites and removes them', () => {
    root = writeFixture(undefined, [{ action: 'ping' }, { action: 'echo' }]);
    runGenerator(root);
    writeFileSync(join(snaps(), 'demo_ping.json'), readFileSync(join(snaps(), 'demo_ping.json'), 'utf8').replace('"Ping."', '"Pong."'));
    rmSync(join(snaps(), 'demo_echo.json'));
    writeFileSync(join(snaps(), 'demo_gone.json'), '{}\n');

    const check = runGenerator(root, ['--check']);
    expect(check.status).toBe(1);
    expect(listed(check.stderr)).toEqual([
      'packages/demo/toolsnaps/demo_echo.json',
      'packages/demo/toolsnaps/demo_gone.json',
      'packages/demo/toolsnaps/demo_ping.json',
    ]);

    const write = runGenerator(root);
    expect(write.stdout).toContain('removed packages/demo/toolsnaps/demo_gone.json');
    expect(existsSync(join(snaps(), 'demo_gone.json'))).toBe(false);
    expect(runGenerator(root, ['--check']).status).toBe(0);
  });
});

/** git in the fixture, with an identity and no user or system configuration. */
function git(...args: string[]) {
  const result = spawnSync('git', args, {
    cwd: root,
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
  return result.stdout.trim();
}

const changeset = (name: string, body: string) => {
  mkdirSync(join(root!, '.changeset'), { recursive: true });
  writeFileSync(join(root!, '.changeset', name), `---\n${body}\n---\n\nWhat changed.\n`);
};

describe('the release a tool change needs (--check against git)', () => {
  /** A repository on main whose one commit has the snapshots of ping (input: host) and echo. */
  function repository() {
    root = writeFixture(undefined, [{ action: 'ping', input: '{ host: z.string() }' }, { action: 'echo' }]);
    expect(runGenerator(root).status).toBe(0);
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'snapshots');
  }

  it('passes on a clean checkout of main (the base is HEAD: the working tree is compared with it)', () => {
    repository();
    const check = runGenerator(root!, ['--check']);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('tool changes since HEAD have their changesets');
  });

  it('fails for a changed input schema, naming the package and the tool, until a minor changeset is pending', () => {
    repository();
    writeFixture(root, [{ action: 'ping', input: '{ host: z.string(), port: z.number() }' }, { action: 'echo' }]);
    expect(runGenerator(root!).status).toBe(0);

    const check = runGenerator(root!, ['--check']);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("tools changed since HEAD without the changeset their package's release needs");
    expect(check.stderr).toContain('@connectors/demo (packages/demo): needs minor or more');
    expect(check.stderr).toContain('demo_ping: input schema changed');
    expect(check.stderr).toContain('"@connectors/demo": minor');

    changeset('demo-patch.md', '"@connectors/demo": patch');
    const patch = runGenerator(root!, ['--check']);
    expect(patch.status).toBe(1);
    expect(patch.stderr).toContain('needs minor or more, pending: patch');

    changeset('demo-port.md', "'@connectors/demo': minor");
    const minor = runGenerator(root!, ['--check']);
    expect(minor.stderr).toBe('');
    expect(minor.status).toBe(0);
  });

  it('names a renamed, a removed and an added tool; a major changeset covers them', () => {
    repository();
    writeFixture(root, [
      { action: 'pong', input: '{ host: z.string() }' },
      { action: 'shout', input: '{ text: z.string() }' },
    ]);
    runGenerator(root!);
    const check = runGenerator(root!, ['--check']);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('demo_ping renamed to demo_pong');
    expect(check.stderr).toContain('demo_echo removed');
    expect(check.stderr).toContain('demo_shout added');

    changeset('demo-major.md', '"@connectors/demo": major');
    expect(runGenerator(root!, ['--check']).status).toBe(0);
  });

  it('compares a branch with its merge-base with main, or with CONNECTORS_SNAPSHOT_BASE', () => {
    repository();
    const base = git('rev-parse', 'HEAD');
    git('checkout', '-q', '-b', 'feature');
    writeFixture(root, [{ action: 'ping', input: '{ host: z.string().max(10) }' }, { action: 'echo' }]);
    runGenerator(root!);
    git('commit', '-q', '-am', 'narrow the host');
    // Committed: HEAD is no longer the base, the branch's own commits are what is compared.
    const check = runGenerator(root!, ['--check']);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(`since ${base.slice(0, 12)} (merge-base of HEAD and main)`);
    expect(check.stderr).toContain('demo_ping: input schema changed');

    // A pull request's CI, where no main branch is checked out: the base is passed in.
    git('checkout', '-q', '--detach');
    git('branch', '-q', '-D', 'main');
    const missingBase = runGenerator(root!, ['--check']);
    expect(missingBase.status).toBe(1);
    expect(missingBase.stderr).toContain('neither main nor origin/main exists');
    const pr = runGenerator(root!, ['--check'], { CONNECTORS_SNAPSHOT_BASE: base });
    expect(pr.status).toBe(1);
    expect(pr.stderr).toContain('demo_ping: input schema changed');
    expect(runGenerator(root!, ['--check'], { CONNECTORS_SNAPSHOT_BASE: 'HEAD' }).status).toBe(0);
  });

  it('asks only for a patch when nothing but a description changed', () => {
    repository();
    writeFixture(root, [{ action: 'ping', input: '{ host: z.string() }', description: 'Ping a host.' }, { action: 'echo' }]);
    runGenerator(root!);
    const check = runGenerator(root!, ['--check']);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('@connectors/demo (packages/demo): needs patch or more');
    expect(check.stderr).toContain('demo_ping: description changed');

    changeset('demo-wording.md', '"@connectors/demo": patch');
    expect(runGenerator(root!, ['--check']).status).toBe(0);
  });

  it('leaves alone what only looks different: key order and formatting of a snapshot at the base', () => {
    repository();
    const file = join(snaps(), 'demo_ping.json');
    const snap = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ outputSchema: snap.outputSchema, ...snap }));
    git('commit', '-q', '-am', 'reformatted');
    runGenerator(root!);
    expect(runGenerator(root!, ['--check']).status).toBe(0);
  });
});

describe('parseChangeset', () => {
  it('reads the frontmatter, quoted or not', () => {
    expect(parseChangeset('---\n"@connectors/jira": minor\n\'@connectors/coder\': patch\n@connectors/discord: major\n---\n\nText.\n')).toEqual([
      ['@connectors/jira', 'minor'],
      ['@connectors/coder', 'patch'],
      ['@connectors/discord', 'major'],
    ]);
    expect(parseChangeset('---\n---\n\nNothing to release.\n')).toEqual([]);
  });

  it('refuses what changesets would refuse: no frontmatter, a heading instead of it, an unknown bump', () => {
    expect(parseChangeset('"@connectors/jira": minor\n')).toBeUndefined();
    expect(parseChangeset('---\n\n## "@connectors/jira": minor\n\nText.\n')).toBeUndefined();
    expect(parseChangeset('---\n"@connectors/jira": huge\n---\n')).toBeUndefined();
  });
});

describe('snapshotChanges', () => {
  const snap = (name: string, input: object, description = 'D') =>
    JSON.stringify({ name, title: 'T', description, annotations: {}, inputSchema: input, outputSchema: {} });
  it('says what changed, per package folder, and the least bump each change needs', () => {
    const before = new Map([
      ['packages/a/toolsnaps/a_x.json', snap('a_x', { type: 'object' })],
      ['packages/a/toolsnaps/a_y.json', snap('a_y', { type: 'object', properties: { id: {} } })],
      ['packages/b/toolsnaps/b_z.json', snap('b_z', {})],
    ]);
    const after = new Map([
      ['packages/a/toolsnaps/a_x.json', snap('a_x', { type: 'object', properties: { q: {} } })],
      ['packages/a/toolsnaps/a_y2.json', snap('a_y2', { type: 'object', properties: { id: {} } })],
      ['packages/b/toolsnaps/b_z.json', snap('b_z', {}, 'Better words.')],
    ]);
    expect(snapshotChanges(before, after)).toEqual(
      new Map([
        [
          'packages/a',
          [
            { text: 'a_y renamed to a_y2', needs: 'minor' },
            { text: 'a_x: input schema changed', needs: 'minor' },
          ],
        ],
        ['packages/b', [{ text: 'b_z: description changed', needs: 'patch' }]],
      ]),
    );
  });
});
