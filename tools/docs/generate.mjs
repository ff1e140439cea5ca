#!/usr/bin/env node
/**
 * Generates docs/connectors/<id>.md, docs/connectors/README.md, and each package's server.json (the
 * MCP Registry's description of it) and mcpb/manifest.json (its MCP Bundle manifest) from every
 * connector's built definition. `--check` writes nothing and exits 1 naming the files that are stale.
 *
 *   node tools/docs/generate.mjs [--check] [--root <monorepo root>]
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connectorDirs, loadConnector, renderDocs, renderRegistryFiles, staleFiles, writeDocs } from './src/files.mjs';

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
const registryFiles = renderRegistryFiles(loaded);
const staleRegistry = [...registryFiles].filter(([path, content]) => !existsSync(path) || readFileSync(path, 'utf8') !== content).map(([path]) => path);
if (values.check) {
  const stale = [...staleFiles(outDir, files).map(shown), ...staleRegistry.map((path) => relative(process.cwd(), path))];
  if (stale.length) {
    process.stderr.write(`docs: generated docs are stale; run \`pnpm run docs\` and commit the result:\n${stale.map((n) => `  ${n}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(`docs: ${files.size + registryFiles.size} files up to date (${connectors.length} connectors).\n`);
} else {
  const touched = writeDocs(outDir, files);
  for (const path of staleRegistry) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, registryFiles.get(path));
  }
  const lines = [
    ...touched.map((n) => `  ${files.has(n) ? 'wrote' : 'removed'} ${shown(n)}`),
    ...staleRegistry.map((path) => `  wrote ${relative(process.cwd(), path)}`),
  ];
  process.stdout.write(
    `docs: ${files.size + registryFiles.size} files for ${connectors.length} connectors, ${lines.length} changed.\n${lines.map((l) => `${l}\n`).join('')}`,
  );
}
