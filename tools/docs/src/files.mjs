/** Finding the connector packages, and writing or checking the generated files. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GENERATED_MARKER, renderConnector, renderIndex } from './render.mjs';
import { renderMcpbManifest } from './mcpb-manifest.mjs';
import { NAMESPACE, renderServerJson } from './server-json.mjs';

/** packages/* that are not the SDK or the testkit, plus the template; sorted by directory. */
export function connectorDirs(root) {
  const packages = join(root, 'packages');
  const dirs = existsSync(packages)
    ? readdirSync(packages, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !['contract', 'testkit'].includes(entry.name))
        .map((entry) => join(packages, entry.name))
    : [];
  const template = join(root, 'templates', 'connector');
  if (existsSync(template)) dirs.push(template);
  return dirs.filter((dir) => existsSync(join(dir, 'package.json'))).sort();
}

/** Imports a package's built default export and checks it is publishable as documented. */
export async function loadConnector(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const entry = join(dir, 'dist', 'index.js');
  if (!existsSync(entry)) throw new Error(`${pkg.name}: ${entry} is missing; build first (pnpm build).`);
  const connector = (await import(pathToFileURL(entry).href)).default;
  if (!connector || typeof connector.id !== 'string' || !Array.isArray(connector.tools)) {
    throw new Error(`${pkg.name}: dist/index.js must default-export its connector definition.`);
  }
  // `npx -y @connectors/<id>` is what the docs tell people to run: it has to resolve to this package's only bin.
  if (pkg.name !== `@connectors/${connector.id}`)
    throw new Error(`${pkg.name}: its connector id is "${connector.id}", so the package must be named @connectors/${connector.id}.`);
  const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.keys(pkg.bin ?? {});
  if (bins.length !== 1) throw new Error(`${pkg.name}: needs exactly one bin for \`npx -y ${pkg.name}\` (has ${bins.length}).`);
  // The MCP Registry ties a server.json to its npm package by this field.
  if (pkg.mcpName !== `${NAMESPACE}/${connector.id}`)
    throw new Error(`${pkg.name}: package.json needs "mcpName": "${NAMESPACE}/${connector.id}" (the MCP Registry name).`);
  return { connector, dir, pkg };
}

/** Each package's registry files, server.json and mcpb/manifest.json: absolute path → content. */
export function renderRegistryFiles(loaded) {
  return new Map(
    loaded.flatMap(({ connector, dir, pkg }) => [
      [join(dir, 'server.json'), renderServerJson(connector, pkg)],
      [join(dir, 'mcpb', 'manifest.json'), renderMcpbManifest(connector, pkg)],
    ]),
  );
}

/** Every generated file as relative path → content, sorted by path. */
export async function renderDocs(connectors) {
  const sorted = [...connectors].sort((a, b) => byCodeUnits(a.id, b.id));
  const files = new Map([['README.md', renderIndex(sorted)]]);
  for (const connector of sorted) files.set(`${connector.id}.md`, await renderConnector(connector));
  return new Map([...files].sort(([a], [b]) => byCodeUnits(a, b)));
}

/** Not localeCompare: the order must not depend on the machine's locale. */
function byCodeUnits(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Generated files in `dir` that no connector produces any more (hand-written files are left alone). */
function orphans(dir, files) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && !files.has(name))
    .filter((name) => readFileSync(join(dir, name), 'utf8').startsWith(GENERATED_MARKER))
    .sort();
}

/** Files whose checked-in copy differs from the generated one, is missing, or is orphaned. */
export function staleFiles(dir, files) {
  const stale = [...files].filter(([name, content]) => !existsSync(join(dir, name)) || readFileSync(join(dir, name), 'utf8') !== content);
  return [...stale.map(([name]) => name), ...orphans(dir, files)].sort();
}

/** Writes what changed and removes orphans; returns the names touched. */
export function writeDocs(dir, files) {
  mkdirSync(dir, { recursive: true });
  const touched = staleFiles(dir, files);
  for (const name of touched) {
    if (files.has(name)) writeFileSync(join(dir, name), files.get(name));
    else rmSync(join(dir, name));
  }
  return touched;
}
