#!/usr/bin/env node
/**
 * Generates docs/connectors/<id>.md, docs/connectors/README.md, and each package's server.json (the
 * MCP Registry's description of it), mcpb/manifest.json (its MCP Bundle manifest) and
 * toolsnaps/<tool>.json (each tool as tools/list shows it) from every connector's built definition.
 * `--check` writes nothing and exits 1 naming the files that are stale, missing or orphaned, and
 * the packages whose tool snapshots changed without a changeset bumping them enough (minor for a
 * tool or schema, patch for wording; src/semver-check.mjs compares with `git merge-base HEAD main`,
 * or that of HEAD and $CONNECTORS_SNAPSHOT_BASE).
 *
 *   node tools/docs/generate.mjs [--check] [--root <monorepo root>]
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connectorDirs, loadConnector, renderDocs, renderRegistryFiles, staleFiles, writeDocs } from './src/files.mjs';
import { BASE_ENV, checkSnapshotBumps } from './src/semver-check.mjs';
import { orphanSnapshots, renderSnapshotFiles } from './src/toolsnaps.mjs';

const { values } = parseArgs({ options: { check: { type: 'boolean' }, root: { type: 'string' } } });
const root = resolve(values.root ?? join(fileURLToPath(import.meta.url), '../../..'));
const outDir = join(root, 'docs', 'connectors');
const shown = (name) => relative(process.cwd(), join(outDir, name)) || name;

const loaded = [];
const problems = [];
for (const dir of connectorDirs(root)) {
  try {
    loaded.push(await loadConnector(dir));
  } catch (error) {
    problems.push(`  ${relative(root, dir)}: ${error.message}`);
  }
}
if (problems.length) {
  process.stderr.write(`docs: cannot load every connector:\n${problems.join('\n')}\n`);
  process.exit(2);
}

const connectors = loaded.map((entry) => entry.connector);
const files = await renderDocs(connectors);
// Files in the packages (registry files, tool snapshots): absolute path → content.
const packageFiles = new Map([...renderRegistryFiles(loaded), ...renderSnapshotFiles(loaded)]);
const stalePackageFiles = [...packageFiles].filter(([path, content]) => !existsSync(path) || readFileSync(path, 'utf8') !== content).map(([path]) => path);
const dirs = loaded.map((entry) => entry.dir);
const orphans = orphanSnapshots(dirs, packageFiles);
const total = files.size + packageFiles.size;
const bumps = checkSnapshotBumps({ root, dirs, files: packageFiles });
if (values.check) {
  let failed = false;
  const stale = [...staleFiles(outDir, files).map(shown), ...[...stalePackageFiles, ...orphans].sort().map((path) => relative(process.cwd(), path))];
  if (stale.length) {
    process.stderr.write(`docs: generated docs are stale; run \`pnpm run docs\` and commit the result:\n${stale.map((n) => `  ${n}`).join('\n')}\n`);
    failed = true;
  }
  if (bumps.error) {
    process.stderr.write(`docs: cannot check the releases tool changes need: ${bumps.error}\n`);
    failed = true;
  } else if (bumps.missing?.length) {
    process.stderr.write(missingBumps(bumps));
    failed = true;
  }
  if (failed) process.exit(1);
  const semver = bumps.skipped ? `release check skipped: ${bumps.skipped}` : `tool changes since ${short(bumps.compared)} have their changesets`;
  process.stdout.write(`docs: ${total} files up to date (${connectors.length} connectors); ${semver}.\n`);
} else {
  const touched = writeDocs(outDir, files);
  for (const path of stalePackageFiles) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, packageFiles.get(path));
  }
  for (const path of orphans) rmSync(path);
  const lines = [
    ...touched.map((n) => `  ${files.has(n) ? 'wrote' : 'removed'} ${shown(n)}`),
    ...stalePackageFiles.map((path) => `  wrote ${relative(process.cwd(), path)}`),
    ...orphans.map((path) => `  removed ${relative(process.cwd(), path)}`),
  ];
  process.stdout.write(`docs: ${total} files for ${connectors.length} connectors, ${lines.length} changed.\n${lines.map((l) => `${l}\n`).join('')}`);
  // Said now, so the changeset is written with the change rather than when CI fails.
  if (bumps.missing?.length) process.stderr.write(missingBumps(bumps));
}

function short({ base, head, against }) {
  return base === head ? 'HEAD' : `${base.slice(0, 12)} (merge-base of HEAD and ${against})`;
}

function missingBumps({ compared, missing, unreadable }) {
  return [
    `docs: tools changed since ${short(compared)} without the changeset their package's release needs:\n`,
    ...missing.map(
      ({ name, dir, needs, changes, pending }) =>
        `  ${name} (${dir}): needs ${needs} or more${pending ? `, pending: ${pending}` : ''}\n${changes.map((c) => `    ${c}\n`).join('')}`,
    ),
    '  Add a changeset (`npx -y pnpm@10.34.8 changeset`, or a .changeset/<name>.md) with, in its frontmatter:\n',
    ...missing.map(({ name, needs }) => `    "${name}": ${needs}\n`),
    ...(unreadable.length ? [`  Not counted, their frontmatter does not parse: ${unreadable.map((n) => `.changeset/${n}`).join(', ')}.\n`] : []),
    `  (${BASE_ENV} sets what to compare with: a commit or branch, default main.)\n`,
  ].join('');
}
