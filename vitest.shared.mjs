// The vitest settings every package's vitest.config imports (but templates/connector, which is
// copied into projects of their own). Time limits hold on a slow or busy machine: each is
// multiplied by CONNECTORS_TEST_TIME_SCALE (1 when unset; `pnpm test` sets it from the machine's
// load, see tools/test/settings.mjs), and a test that passes its own limit writes it as
// `timeLimit(30_000)` (a global, defined by vitest.setup.mjs, typed by vitest.globals.d.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const positive = (value) => (Number.isFinite(Number(value)) && Number(value) > 0 ? Number(value) : undefined);

/** What every time limit is multiplied by. */
export const timeScale = positive(process.env.CONNECTORS_TEST_TIME_SCALE) ?? 1;

/** A time limit in ms, stretched by CONNECTORS_TEST_TIME_SCALE. */
export const timeLimit = (ms) => Math.round(ms * timeScale);

/**
 * A package's vitest config: `testConfig({ testTimeout: 60_000 })`. testTimeout (default 30 s) and
 * hookTimeout (default vitest's 10 s) are written unscaled; CONNECTORS_TEST_WORKERS caps the
 * workers of each vitest process (`pnpm test` runs several side by side).
 */
export function testConfig({ testTimeout = 30_000, hookTimeout = 10_000, include = ['test/**/*.test.ts'], setupFiles = [], env = {}, ...test } = {}) {
  const workers = positive(process.env.CONNECTORS_TEST_WORKERS);
  return defineConfig({
    test: {
      include,
      ...test,
      testTimeout: timeLimit(testTimeout),
      hookTimeout: timeLimit(hookTimeout),
      setupFiles: [fileURLToPath(new URL('./vitest.setup.mjs', import.meta.url)), ...setupFiles],
      env: { ...env, CONNECTORS_TEST_TIME_SCALE: String(timeScale) },
      ...(workers ? { minWorkers: 1, maxWorkers: Math.floor(workers) } : {}),
    },
  });
}
