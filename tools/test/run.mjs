#!/usr/bin/env node
// `pnpm test`: every check in order, the tasks' own output streamed as it comes, and one last line
// with the test counts summed over every package: `N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  // Formatting and lint rules (biome.jsonc); the contract's layer check runs in its `lint` task.
  ['biome', ['ci', '.', '--colors=off']],
  ['turbo', ['run', 'build', '--output-logs=errors-only']],
  // Cached tasks replay their logs, so the counts are there on a second run too.
  ['turbo', ['run', 'typecheck', 'lint', 'test', '--output-logs=full']],
  ['node', ['tools/docs/generate.mjs', '--check']],
  ['node', ['tools/bench/run.mjs', '--quick', '--no-install', '--no-write']],
];

let passed = 0;
let failed = 0;
let pending = '';
const plain = (line) => line.replace(/\u001b\[[0-9;]*m/g, '');
// vitest's summary: "Tests  3 failed | 252 passed | 23 skipped (278)".
function count(line) {
  // Turbo prefixes each line with its task, e.g. "@connectors/jira:test: ".
  const text = plain(line).replace(/^\S+:\s/, '');
  if (!/^\s*Tests\s+\d/.test(text)) return;
  passed += Number(/(\d+) passed/.exec(text)?.[1] ?? 0);
  failed += Number(/(\d+) failed/.exec(text)?.[1] ?? 0);
}

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(count);
    });
    child.on('close', (code) => {
      count(pending);
      pending = '';
      resolve(code ?? 1);
    });
  });
}

/**
 * Debian packages some tests run for real: redis-server (the Redis and replica tests) and Chromium
 * (the browser login test). Installed here when missing and this runs as root with apt-get (a fresh
 * CI machine), which then also makes the browser test required rather than skipped.
 */
const PACKAGES = [
  { name: 'redis-server', present: () => !spawnSync('redis-server', ['--version']).error, tests: 'the Redis tests will fail' },
  { name: 'chromium', present: () => existsSync('/usr/bin/chromium'), tests: 'the browser login test is skipped' },
];

function ensureDebianPackages() {
  const missing = PACKAGES.filter((p) => !p.present());
  const canInstall = process.getuid?.() === 0 && !spawnSync('apt-get', ['--version']).error;
  if (canInstall) process.env.CONNECTORS_REQUIRE_CHROMIUM = '1';
  if (!missing.length) return;
  if (!canInstall) {
    for (const p of missing)
      process.stdout.write(`${p.name} is missing and cannot be installed here (needs root and apt-get): ${p.tests} until it is installed.\n`);
    return;
  }
  const names = missing.map((p) => p.name);
  process.stdout.write(`Installing ${names.join(' and ')} (Debian packages) for the tests that use them...\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', ...names], { stdio: ['ignore', 'ignore', 'inherit'], env }) : update;
  if (install.status !== 0) process.stdout.write(`Could not install ${names.join(' and ')}: the tests that use them will fail.\n`);
}

ensureDebianPackages();
let exit = 0;
for (const [command, args] of steps) {
  exit = await run(command, args);
  if (exit !== 0) break;
}
if (exit === 0 && passed === 0) {
  process.stdout.write('\nNo test ran: that is a failure.\n');
  exit = 1;
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = exit;
