/**
 * The release a tool change needs, checked against the tool snapshots of the base commit. The
 * bin's tools/list is the package's API, so each change needs a pending changeset
 * (`.changeset/*.md`) bumping its package by at least:
 *
 * - `minor`: a tool added, removed or renamed, its input or output schema or its annotations
 *   changed. The issue's rule; while the packages are 0.x a minor is also the bump that leaves
 *   callers' caret ranges. A breaking one (a tool removed, an input narrowed) deserves `major` at
 *   1.0 and later (docs/writing-a-connector.md, "Release"): the check asks for the floor only.
 * - `patch`: only a title or description changed, "a fix that keeps every name and schema".
 *
 * The base is `git merge-base HEAD main` (or `origin/main`), or with CONNECTORS_SNAPSHOT_BASE set
 * (a commit or branch: CI passes the pull request's base) the merge-base of HEAD and that. When
 * the base is HEAD itself (main's own CI), the working tree is compared with HEAD, so a clean
 * checkout passes. The generated snapshots are compared, not the files on disk, which the
 * staleness check covers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { stableJson } from '@connectors/contract';
import { SNAPSHOT_DIR } from './toolsnaps.mjs';

export const BASE_ENV = 'CONNECTORS_SNAPSHOT_BASE';
const RANK = { none: 0, patch: 1, minor: 2, major: 3 };
/** Each field of a snapshot, as the change is named, and the least bump its change needs. */
const FIELDS = [
  ['title', 'title', 'patch'],
  ['description', 'description', 'patch'],
  ['annotations', 'annotations', 'minor'],
  ['inputSchema', 'input schema', 'minor'],
  ['outputSchema', 'output schema', 'minor'],
];

/**
 * Checks the generated snapshots (absolute path → content) of the connector packages in `dirs`
 * against the base. Returns `{ skipped }` outside a git checkout, `{ error }` when the base cannot
 * be found, else `{ compared, missing, unreadable }`: what resolveBase found, the packages whose
 * snapshots changed without the bump they need (each with the changes and that bump), and the
 * changeset files that do not parse.
 */
export function checkSnapshotBumps({ root, dirs, files, env = process.env }) {
  const found = resolveBase(root, env);
  if (!found.base) return found;
  const { top, base } = found;
  const realRoot = realpathSync(root);
  const toTop = (path) =>
    relative(top, join(realRoot, relative(root, path)))
      .split(sep)
      .join('/');
  // A folder that no longer exists has nothing to release, so only today's packages are compared.
  const packages = new Map(dirs.map((dir) => [toTop(dir), JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name]));
  const before = snapshotsAt(top, base, [...packages.keys()]);
  const after = new Map([...files].map(([path, content]) => [toTop(path), content]));
  const { bumps, unreadable } = pendingBumps(root);
  const missing = [];
  for (const [dir, changes] of snapshotChanges(before, after)) {
    const name = packages.get(dir);
    const needs = changes.reduce((most, change) => (RANK[change.needs] > RANK[most] ? change.needs : most), 'none');
    if (!name || RANK[bumps.get(name) ?? 'none'] >= RANK[needs]) continue;
    missing.push({ name, dir, needs, changes: changes.map((change) => change.text), pending: bumps.get(name) });
  }
  return { compared: found, missing, unreadable };
}

/**
 * What changed per package folder, between two maps of snapshot path (relative, `/`) → content:
 * `{ text, needs }` per change, `needs` the least bump it calls for.
 */
export function snapshotChanges(before, after) {
  const byDir = new Map();
  const add = (path, tool, change) => {
    const dir = path.slice(0, path.lastIndexOf(`/${SNAPSHOT_DIR}/`));
    if (!byDir.has(dir)) byDir.set(dir, { added: [], removed: [], changed: [] });
    byDir.get(dir)[change].push(tool);
  };
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const path of paths) {
    const tool = path.slice(path.lastIndexOf('/') + 1).replace(/\.json$/, '');
    const [old, now] = [before.get(path), after.get(path)];
    if (old === undefined) add(path, { tool, now: parse(now) }, 'added');
    else if (now === undefined) add(path, { tool, old: parse(old) }, 'removed');
    else {
      const fields = changedFields(parse(old), parse(now));
      if (fields.length) add(path, { tool, fields }, 'changed');
    }
  }
  return new Map([...byDir].map(([dir, found]) => [dir, describeChanges(found)]));
}

/** One change per line; a tool removed and one added with the same schemas is called a rename. */
function describeChanges({ added, removed, changed }) {
  const changes = [];
  const schemas = (snap) => stableJson([snap?.inputSchema, snap?.outputSchema]);
  const fresh = [...added];
  for (const gone of removed) {
    const index = fresh.findIndex((item) => item.now && gone.old && schemas(item.now) === schemas(gone.old));
    const text = index >= 0 ? `${gone.tool} renamed to ${fresh.splice(index, 1)[0].tool}` : `${gone.tool} removed`;
    changes.push({ text, needs: 'minor' });
  }
  for (const item of fresh) changes.push({ text: `${item.tool} added`, needs: 'minor' });
  for (const { tool, fields } of changed) {
    const needs = fields.some(([, , bump]) => bump === 'minor') ? 'minor' : 'patch';
    changes.push({ text: `${tool}: ${fields.map(([, label]) => label).join(', ')} changed`, needs });
  }
  return changes;
}

function changedFields(old, now) {
  if (!old || !now) return [['', 'snapshot', 'minor']];
  return FIELDS.filter(([key]) => stableJson(old[key]) !== stableJson(now[key]));
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The highest pending bump per package, from `.changeset/*.md`; files whose frontmatter does not parse are listed apart. */
export function pendingBumps(root) {
  const dir = join(root, '.changeset');
  const bumps = new Map();
  const unreadable = [];
  if (!existsSync(dir)) return { bumps, unreadable };
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .sort()) {
    const releases = parseChangeset(readFileSync(join(dir, name), 'utf8'));
    if (!releases) {
      unreadable.push(name);
      continue;
    }
    for (const [pkg, type] of releases) if (RANK[type] > RANK[bumps.get(pkg) ?? 'none']) bumps.set(pkg, type);
  }
  return { bumps, unreadable };
}

/** A changeset's releases (`"@connectors/jira": minor` lines between `---` fences), or undefined if it is not one. */
export function parseChangeset(text) {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return undefined;
  const end = lines.indexOf('---', 1);
  if (end < 0) return undefined;
  const releases = [];
  for (const line of lines.slice(1, end)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const match = /^\s*(["']?)([^"'\s:][^"':]*)\1\s*:\s*(major|minor|patch|none)\s*$/.exec(line);
    if (!match) return undefined;
    releases.push([match[2], match[3]]);
  }
  return releases;
}

/** `{ top, base, head, against }`, or `{ skipped }` outside a git checkout, or `{ error }`. */
export function resolveBase(root, env = process.env) {
  const requested = env[BASE_ENV]?.trim();
  const top = git(root, ['rev-parse', '--show-toplevel']);
  if (top.status !== 0) {
    // Only a folder that is not a checkout at all (an unpacked tarball, a test's fixture) is
    // skipped; any other git failure (such as an unsafe-ownership refusal in a CI container) is
    // an error, never a silent pass.
    if (/not a git repository/i.test(top.stderr)) return { skipped: `${root} is not a git checkout` };
    return { error: `git cannot read ${root}: ${top.stderr.trim()}` };
  }
  const head = revParse(root, 'HEAD');
  if (!head) return requested ? { error: 'HEAD has no commit yet.' } : { skipped: 'no commit yet' };
  const candidates = requested ? [requested] : ['main', 'origin/main'];
  const against = candidates.find((ref) => revParse(root, ref));
  if (!against) {
    return {
      error: requested
        ? `${BASE_ENV}=${requested} is not a commit in this checkout (a shallow clone? fetch the history, e.g. actions/checkout with fetch-depth: 0).`
        : `neither main nor origin/main exists to compare with; set ${BASE_ENV} to the commit or branch the change is based on.`,
    };
  }
  const base = git(root, ['merge-base', 'HEAD', against]);
  if (base.status !== 0) return { error: `HEAD and ${against} have no common commit here (a shallow clone? fetch the history).` };
  return { top: realpathSync(top.stdout.trim()), base: base.stdout.trim(), head, against };
}

function revParse(cwd, ref) {
  const result = git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function git(cwd, args, input) {
  // With input (cat-file --batch), stdout stays a Buffer: the sizes it gives are in bytes.
  const options = input === undefined ? { encoding: 'utf8' } : { input: Buffer.from(input) };
  const result = spawnSync('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, ...options });
  if (result.error) return { status: 1, stdout: '', stderr: `not a git repository (${result.error.message})` };
  return result;
}

/** The snapshot files of the folders `dirs` (relative to the top) at `commit`: path → content. */
export function snapshotsAt(top, commit, dirs) {
  if (!dirs.length) return new Map();
  const listed = git(top, ['ls-tree', '-r', '-z', '--name-only', commit, '--', ...dirs.map((dir) => `${dir}/${SNAPSHOT_DIR}/`)]);
  if (listed.status !== 0) throw new Error(`git ls-tree ${commit} failed: ${listed.stderr}`);
  const paths = listed.stdout.split('\0').filter((path) => path.endsWith('.json') && path.slice(0, path.lastIndexOf('/')).endsWith(`/${SNAPSHOT_DIR}`));
  if (!paths.length) return new Map();
  // One `git cat-file --batch` for every file: "<oid> blob <size>\n<content>\n" each.
  const batch = git(top, ['cat-file', '--batch'], paths.map((path) => `${commit}:${path}\n`).join(''));
  if (batch.status !== 0) throw new Error(`git cat-file failed: ${batch.stderr}`);
  const out = batch.stdout;
  const files = new Map();
  let at = 0;
  for (const path of paths) {
    const newline = out.indexOf(10, at);
    const size = Number(out.toString('utf8', at, newline).split(' ')[2]);
    files.set(path, out.toString('utf8', newline + 1, newline + 1 + size));
    at = newline + 1 + size + 1;
  }
  return files;
}
