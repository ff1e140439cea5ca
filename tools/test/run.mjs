#!/usr/bin/env node
// `pnpm test`: every check in order, the tasks' own output streamed as it comes, and at the end one
// line that says which packages did not run, then the test counts summed over every package:
// `N passed, N failed` (the very last line; CI reads it). Every step and every package's tests run
// even when one fails; the exit code says whether anything failed or did not run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { closing, createTally } from './summary.mjs';
import { describeSettings, testSettings } from './settings.mjs';

// --only <turbo filter> (repeatable): a slice, the named packages' build, typecheck, lint and tests
// alone (the whole-repository steps are left out); --force: typecheck, lint and tests run again
// instead of replaying turbo's cache (the builds still come from it).
const { values: options } = parseArgs({ options: { only: { type: 'string', multiple: true }, force: { type: 'boolean' } }, strict: true });
const filters = (options.only ?? []).map((f) => `--filter=${f}`);
const settings = testSettings();
// Read by vitest.shared.mjs in every package's vitest process (turbo passes them through).
process.env.CONNECTORS_TEST_TIME_SCALE = String(settings.timeScale);
process.env.CONNECTORS_TEST_WORKERS = String(settings.workers);
const turbo = [`--concurrency=${settings.concurrency}`, '--continue=dependencies-successful', '--log-prefix=task', ...filters];

// Colour only for a person at a terminal: a log saved to a file (CI, `> test.log`) or NO_COLOR gets none.
// The tasks write into a pipe, so they are told either way (and FORCE_COLOR=0 would turn colour on in
// picocolors, which only checks whether the variable is set).
const colour = process.stdout.isTTY === true && !('NO_COLOR' in process.env);
const { FORCE_COLOR: _force, NO_COLOR: _no, ...inherited } = process.env;
const colourEnv = colour ? { ...inherited, FORCE_COLOR: '1' } : { ...inherited, NO_COLOR: '1' };

const steps = [
  // Formatting and lint rules (biome.jsonc); the contract's layer check runs in its `lint` task.
  { name: 'biome ci', command: 'biome', args: ['ci', '.', '--colors=off'] },
  { name: 'turbo run build', command: 'turbo', args: ['run', 'build', '--output-logs=errors-only', ...turbo], turbo: true },
  // Cached tasks replay their logs, so the counts are there on a second run too.
  {
    name: 'turbo run typecheck lint test',
    command: 'turbo',
    args: ['run', 'typecheck', 'lint', 'test', '--output-logs=full', ...turbo, ...(options.force ? ['--force', '--only'] : [])],
    turbo: true,
  },
  { name: 'docs check', command: 'node', args: ['tools/docs/generate.mjs', '--check'] },
  { name: 'bench --quick', command: 'node', args: ['tools/bench/run.mjs', '--quick', '--no-install', '--no-write'] },
].filter((step) => step.turbo || filters.length === 0);

/** The packages with a `test` task, as turbo sees them: each must print a vitest summary. */
function packagesWithTests() {
  const dry = spawnSync('turbo', ['run', 'test', '--dry=json', ...filters], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (dry.status !== 0) return undefined;
  const { tasks } = JSON.parse(dry.stdout);
  return tasks.filter((t) => t.task === 'test' && t.command !== '<NONEXISTENT>').map((t) => t.package);
}

function run({ command, args, turbo: isTurbo }, tally) {
  return new Promise((resolve) => {
    const child = spawn(command, isTurbo ? [...args, colour ? '--color' : '--no-color'] : args, { stdio: ['ignore', 'pipe', 'inherit'], env: colourEnv });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      if (isTurbo) tally.write(chunk);
    });
    child.on('error', (error) => process.stdout.write(`${command}: ${error.message}\n`));
    child.on('close', (code) => {
      tally.flush();
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
process.stdout.write(`pnpm test: ${describeSettings(settings)}\n`);
const expected = packagesWithTests();
const tally = createTally({ expected: expected ?? [] });
if (!expected) tally.stepFailed('turbo run test --dry=json (which packages have tests)');
for (const step of steps) {
  const code = await run(step, tally);
  if (code !== 0) tally.stepFailed(`${step.name} (exit ${code})`);
}
const { lines, exitCode } = closing(tally.result());
process.stdout.write(`\n${lines.join('\n')}\n`);
process.exitCode = exitCode;
