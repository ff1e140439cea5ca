// Install footprint: what `npx -y @connectors/<id>` costs a user. Packs the connector and the
// workspace packages it depends on (none for a bundled bin: the contract is an optional peer),
// installs the tarballs with npm into an empty folder with an empty npm cache, as on a first
// `npx -y`, and counts the packages and bytes that land in node_modules and the install's time.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './targets.mjs';

const PNPM = ['-y', 'pnpm@10.34.8'];

function workspaceDeps(dir, seen = new Map()) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  seen.set(pkg.name, dir);
  for (const [name, range] of Object.entries(pkg.dependencies ?? {})) {
    if (!String(range).startsWith('workspace:') || seen.has(name)) continue;
    workspaceDeps(join(root, 'packages', name.replace('@connectors/', '')), seen);
  }
  return seen;
}

function walk(dir) {
  let bytes = 0;
  let packages = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      const inner = walk(path);
      bytes += inner.bytes;
      packages += inner.packages;
    } else {
      bytes += statSync(path).size;
    }
  }
  // A package is a folder with a package.json directly under a node_modules (or @scope) folder.
  if (/node_modules[\\/](@[^\\/]+[\\/])?[^\\/@]+$/.test(dir) && existsSync(join(dir, 'package.json'))) packages += 1;
  return { bytes, packages };
}

const run = promisify(execFile);

// Asynchronous on purpose: an install takes a minute on a busy machine, and a blocked event loop
// makes the test runner's worker miss its own heartbeats.
export async function measureInstall(target) {
  const work = mkdtempSync(join(tmpdir(), `bench-install-${target.id}-`));
  try {
    const tarballs = [];
    for (const dir of workspaceDeps(target.dir).values()) {
      const { stdout } = await run('npx', [...PNPM, 'pack', '--pack-destination', work], { cwd: dir, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      tarballs.push(stdout.trim().split('\n').pop());
    }
    const app = join(work, 'app');
    mkdirSync(app, { recursive: true });
    writeFileSync(join(app, 'package.json'), '{"name":"bench-app","private":true}\n');
    const cache = join(work, 'npm-cache');
    const started = performance.now();
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--cache', cache, ...tarballs], { cwd: app, maxBuffer: 16 * 1024 * 1024 });
    const seconds = (performance.now() - started) / 1000;
    const { bytes, packages } = walk(join(app, 'node_modules'));
    return { packages, megabytes: bytes / 1024 / 1024, seconds };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
