// How `pnpm test` runs on this machine. Turbo's default of 10 tasks at once, each vitest with a
// worker per core, starves the timers of every test on a laptop with 2 cores: time limits then
// fire although nothing hangs. So: fewer tasks at once, a share of the cores per task, and time
// limits stretched by how busy the machine already is. Each can be set with its variable.
import os from 'node:os';

const positive = (value) => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : undefined;
};

/**
 * - concurrency (CONNECTORS_TEST_CONCURRENCY): turbo tasks at once, half the cores and at least 2.
 * - workers (CONNECTORS_TEST_WORKERS): vitest workers per task, the cores shared among the tasks.
 * - timeScale (CONNECTORS_TEST_TIME_SCALE): what every vitest time limit is multiplied by
 *   (vitest.shared.mjs): 2 on an idle machine (the run itself keeps every core busy), one more
 *   per unit of load per core the machine had before the run started, at most 4.
 */
export function testSettings({ cpus = os.availableParallelism?.() ?? os.cpus().length, load = os.loadavg()[0], env = process.env } = {}) {
  const concurrency = Math.floor(positive(env.CONNECTORS_TEST_CONCURRENCY) ?? Math.max(2, Math.ceil(cpus / 2)));
  const workers = Math.floor(positive(env.CONNECTORS_TEST_WORKERS) ?? Math.max(1, Math.floor(cpus / concurrency)));
  const timeScale = positive(env.CONNECTORS_TEST_TIME_SCALE) ?? Math.min(4, Math.max(2, 1 + Math.ceil(load / cpus)));
  return { cpus, load, concurrency, workers, timeScale };
}

/** One line that says what was chosen and why, printed before the run. */
export function describeSettings({ cpus, load, concurrency, workers, timeScale }) {
  return (
    `${cpus} cores, load ${load.toFixed(1)}: ${concurrency} turbo tasks at once, ${workers} vitest worker${workers === 1 ? '' : 's'} each, ` +
    `time limits x${timeScale} (CONNECTORS_TEST_CONCURRENCY, CONNECTORS_TEST_WORKERS, CONNECTORS_TEST_TIME_SCALE change them)`
  );
}
