#!/usr/bin/env node
// `node tools/test/busy.mjs`: does the test command hold on a busy machine? Builds the slice first
// (not timed), then keeps every core busy with a loop at normal priority and runs a slice of
// `pnpm test` under `nice -n 10` (CONNECTORS_BUSY_NICE): the demo's tests, which start bins and a
// fake vendor API, and the test command's own, run again rather than replayed from turbo's cache.
// Checks that it passes, prints its two closing lines and ends within 2 minutes; exits 1 if not.
// Not part of `pnpm test`: the busy loops would slow every other package's tests down.
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LIMIT_MS = 120_000;
const NICE = process.env.CONNECTORS_BUSY_NICE ?? '10';
const PNPM = ['npx', '-y', 'pnpm@10.34.8'];
const packages = ['@connectors/demo', '@connectors/test-command'];
const slice = [...packages.flatMap((name) => ['--only', name]), '--force'];

process.stdout.write('busy: building the slice first (not timed)\n');
const build = spawnSync(
  PNPM[0],
  [...PNPM.slice(1), 'exec', 'turbo', 'run', 'build', '--output-logs=errors-only', ...packages.map((name) => `--filter=${name}`)],
  {
    cwd: ROOT,
    stdio: 'inherit',
  },
);
if (build.status !== 0) {
  process.stdout.write('busy: the build failed\n');
  process.exit(1);
}

const cores = os.availableParallelism?.() ?? os.cpus().length;
const loops = Array.from({ length: cores }, () => spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' }));
const stopLoops = () => {
  for (const loop of loops) loop.kill();
};
process.on('exit', stopLoops);

process.stdout.write(`busy: ${cores} busy loops; nice -n ${NICE} pnpm test ${slice.join(' ')}\n`);
const started = Date.now();
// Its own process group, so that a run past the limit can be stopped with everything it started.
const child = spawn('nice', ['-n', NICE, ...PNPM, 'test', ...slice], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
const timer = setTimeout(() => process.kill(-child.pid, 'SIGTERM'), LIMIT_MS + 60_000);
const code = await new Promise((resolve) => child.on('close', (status) => resolve(status ?? 1)));
clearTimeout(timer);
stopLoops();
const elapsed = Date.now() - started;

const [beforeLast, last] = output.trimEnd().split('\n').slice(-2);
const problems = [];
if (code !== 0) problems.push(`pnpm test exited ${code}`);
if (!/^\d+ passed, 0 failed, 0 not run$/.test(beforeLast ?? '')) problems.push(`the line before the last is "${beforeLast}"`);
if (!/^[1-9]\d* passed, 0 failed$/.test(last ?? '')) problems.push(`the last line is "${last}"`);
if (elapsed > LIMIT_MS) problems.push(`it took ${Math.round(elapsed / 1000)} s, more than ${LIMIT_MS / 1000} s`);
process.stdout.write(
  problems.length
    ? `\nbusy: FAILED after ${Math.round(elapsed / 1000)} s: ${problems.join('; ')}\n`
    : `\nbusy: passed in ${Math.round(elapsed / 1000)} s with every core busy\n`,
);
process.exitCode = problems.length ? 1 : 0;
