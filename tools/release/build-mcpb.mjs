#!/usr/bin/env node
/**
 * Builds an MCP Bundle (.mcpb) of a connector from this checkout: packs the connector and its
 * workspace packages with pnpm, installs the tarballs with npm into the bundle's `server/`, puts
 * the generated `packages/<id>/mcpb/manifest.json` beside it, and packs it with the official
 * `mcpb` CLI. Build first (pnpm build).
 *
 *   node tools/release/build-mcpb.mjs <id> [--out <dir>]     → <dir>/<id>-<version>.mcpb
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PNPM = ['npx', '-y', 'pnpm@10.34.8'];
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The package folder and the workspace packages it depends on at run time, recursively. */
function withWorkspaceDependencies(dir, seen = new Map()) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (seen.has(pkg.name)) return seen;
  seen.set(pkg.name, dir);
  for (const [name, range] of Object.entries(pkg.dependencies ?? {})) {
    if (String(range).startsWith('workspace:')) withWorkspaceDependencies(join(root, 'packages', name.split('/')[1]), seen);
  }
  return seen;
}

export function buildMcpb(id, outDir) {
  const dir = join(root, 'packages', id);
  const manifestFile = join(dir, 'mcpb', 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: run \`pnpm run docs\` (it generates it).`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const work = mkdtempSync(join(tmpdir(), `mcpb-${id}-`));
  try {
    const tarballs = [...withWorkspaceDependencies(dir).values()].map((from) => {
      const out = execFileSync(PNPM[0], [...PNPM.slice(1), 'pack', '--pack-destination', work], { cwd: from, encoding: 'utf8' });
      return out.trim().split('\n').pop().trim();
    });
    const bundle = join(work, 'bundle');
    mkdirSync(join(bundle, 'server'), { recursive: true });
    copyFileSync(manifestFile, join(bundle, 'manifest.json'));
    copyFileSync(join(root, 'LICENSE'), join(bundle, 'LICENSE'));
    writeFileSync(join(bundle, 'server', 'package.json'), JSON.stringify({ name: `${id}-mcpb-server`, private: true }));
    execFileSync(NPM, ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], { cwd: join(bundle, 'server'), stdio: 'ignore' });
    if (!existsSync(join(bundle, manifest.server.entry_point))) throw new Error(`The bundle lacks its entry point ${manifest.server.entry_point}.`);
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `${id}-${manifest.version}.mcpb`);
    // The official CLI, from this folder's devDependency (its package exports do not include the bin).
    const mcpb = join(dirname(createRequire(import.meta.url).resolve('@anthropic-ai/mcpb')), 'cli', 'cli.js');
    execFileSync(process.execPath, [mcpb, 'pack', bundle, file], { stdio: 'ignore' });
    return file;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
  if (positionals.length !== 1) {
    process.stderr.write('Use: node tools/release/build-mcpb.mjs <connector id> [--out <dir>]\n');
    process.exit(2);
  }
  process.stdout.write(`${buildMcpb(positionals[0], resolve(values.out ?? join(root, 'dist-mcpb')))}\n`);
}
