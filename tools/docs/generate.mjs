#!/usr/bin/env node
/**
 * Generates docs/connectors/<id>.md and docs/connectors/README.md from every connector's built
 * definition. `--check` writes nothing and exits 1 naming the files that are stale.
 *
 *   node tools/docs/generate.mjs [--check] [--root <monorepo root>]
 */
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connectorDirs, loadConnector, renderDocs, staleFiles, writeDocs } from './src/files.mjs';

const { values } = parseArgs({ options: { check: { type: 'boolean' }, root: { type: 'string' } } });
const root = resolve(values.root ?? join(fileURLToPath(import.meta.url), '../../..'));
const outDir = join(root, 'docs', 'connectors');
const shown = (name) => relative(process.cwd(), join(outDir, name)) || name;

const connectors = [];
const problems = [];
for (const dir of connectorDirs(root)) {
  try {
    connectors.push(await loadConnector(dir));
  } catch (error) {
    problems.push(`  ${relative(root, dir)}: ${error.message}`);
  }
}
if (problems.length) {
  process.stderr.write(`docs: cannot load every connector:\n${problems.join('\n')}\n`);
  process.exit(2);
}

const files = renderDocs(connectors);
if (values.check) {
  const stale = staleFiles(outDir, files);
  if (stale.length) {
    process.stderr.write(`docs: generated docs are stale; run \`pnpm run docs\` and commit the result:\n${stale.map((n) => `  ${shown(n)}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(`docs: ${files.size} files up to date (${connectors.length} connectors).\n`);
} else {
  const touched = writeDocs(outDir, files);
  const lines = touched.map((n) => `  ${files.has(n) ? 'wrote' : 'removed'} ${shown(n)}`);
  process.stdout.write(`docs: ${files.size} files for ${connectors.length} connectors, ${touched.length} changed.\n${lines.map((l) => l + '\n').join('')}`);
}
