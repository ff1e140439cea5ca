#!/usr/bin/env node
// Runs before every `pnpm install` (the root's `pnpm:devPreinstall` script). The connectors' bins
// are build output (`dist/bin.js`), and pnpm links each workspace package's bins into the packages
// that depend on it: on a fresh clone, before the first build, that printed one "WARN Failed to
// create bin ... ENOENT" per link. A placeholder at each missing bin lets pnpm link it; the build
// replaces it with the real bin, which the links then run. Only files under dist/ are written, so
// the published package and its `bin` field stay as they are. Node built-ins only: nothing is
// installed yet.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The package folders pnpm-workspace.yaml names (`- dir/*` and `- dir` entries). */
export function workspaceDirs(root = ROOT) {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const block = /^packages:\s*\n((?:[ \t]+-.*\n?)+)/m.exec(yaml)?.[1] ?? '';
  const dirs = [];
  for (const [, raw] of block.matchAll(/^[ \t]+-\s*['"]?([^'"\n#]+?)['"]?\s*$/gm)) {
    if (raw.startsWith('!')) continue;
    if (raw.endsWith('/*')) {
      const parent = join(root, raw.slice(0, -2));
      if (existsSync(parent)) for (const name of readdirSync(parent).sort()) dirs.push(join(parent, name));
    } else dirs.push(join(root, raw));
  }
  return dirs.filter((dir) => existsSync(join(dir, 'package.json')));
}

const placeholder = (name) =>
  [
    '#!/usr/bin/env node',
    '// Placeholder written by `pnpm install` (tools/install/placeholder-bins.mjs) so that pnpm can link this bin; the build replaces it.',
    `process.stderr.write(${JSON.stringify(`${name} is not built yet: run \`npx -y pnpm@10.34.8 build\` first.\n`)});`,
    'process.exitCode = 1;',
    '',
  ].join('\n');

/** Writes a placeholder at every missing bin under a package's dist/; returns the files written. */
export function writePlaceholderBins(root = ROOT) {
  const written = [];
  for (const dir of workspaceDirs(root)) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
    for (const bin of bins) {
      const file = join(dir, bin);
      if (!normalize(file).startsWith(join(dir, 'dist') + sep) || existsSync(file)) continue;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, placeholder(manifest.name));
      chmodSync(file, 0o755);
      written.push(file);
    }
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) writePlaceholderBins();
