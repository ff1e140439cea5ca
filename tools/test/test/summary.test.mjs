import { describe, expect, it } from 'vitest';
import { testSettings } from '../settings.mjs';
import { closing, createTally, parseVitestSummary } from '../summary.mjs';

// vitest's summary line, built here so that this file's own output never contains one.
const summary = (counts, total) => ['Tests', counts, `(${total})`].join('  ');

describe('parseVitestSummary', () => {
  it('reads passed and failed, with or without colours, and leaves skipped and todo out', () => {
    expect(parseVitestSummary(`      ${summary('252 passed', 252)}`)).toEqual({ passed: 252, failed: 0 });
    expect(parseVitestSummary(summary('3 failed | 252 passed | 23 skipped', 278))).toEqual({ passed: 252, failed: 3 });
    expect(
      parseVitestSummary(
        `\u001b[2m      Tests \u001b[22m \u001b[1m\u001b[31m1 failed\u001b[39m\u001b[22m\u001b[2m | \u001b[22m\u001b[1m\u001b[32m20 passed\u001b[39m\u001b[22m (21)`,
      ),
    ).toEqual({
      passed: 20,
      failed: 1,
    });
    expect(parseVitestSummary(summary('4 skipped | 2 todo', 6))).toEqual({ passed: 0, failed: 0 });
  });

  it('ignores the other lines of the summary and of the tests', () => {
    for (const line of ['Test Files  1 failed | 2 passed (3)', 'Tests are fun (1)', '   Duration  3.2s', 'expect(Tests  3 passed)', ''])
      expect(parseVitestSummary(line)).toBeUndefined();
  });
});

describe('createTally', () => {
  const expected = ['@connectors/contract', '@connectors/jira', '@connectors/testkit', '@connectors/demo'];

  it('sums each package’s summary from turbo’s prefixed lines, split across chunks anyhow', () => {
    const tally = createTally({ expected });
    const output = [
      '@connectors/contract:test: ',
      `@connectors/contract:test:       ${summary('700 passed | 2 skipped', 702)}`,
      `@connectors/jira:test:       ${summary('1 failed | 189 passed', 190)}`,
      `@connectors/jira:lint: ${summary('9 passed', 9)}`,
      `@connectors/testkit:test: ${summary('40 passed', 40)}`,
      `@connectors/demo:test: ${summary('11 passed', 11)}`,
      '',
    ].join('\n');
    for (let i = 0; i < output.length; i += 7) tally.write(output.slice(i, i + 7));
    tally.flush();
    expect(tally.result()).toMatchObject({ passed: 940, failed: 1, notRun: [], packages: 4 });
  });

  it('counts a package once: its last summary wins over a nested run’s it printed', () => {
    const tally = createTally({ expected: ['@connectors/create-connector'] });
    tally.write(`@connectors/create-connector:test: ${summary('12 passed', 12)}\n`);
    tally.write(`@connectors/create-connector:test: ${summary('91 passed', 91)}`);
    tally.flush();
    expect(tally.result()).toMatchObject({ passed: 91, failed: 0, notRun: [] });
  });

  it('names the packages whose summary never came (stopped, not started, or their build failed)', () => {
    const tally = createTally({ expected });
    tally.write(`@connectors/contract:test: ${summary('700 passed', 700)}\n@connectors/testkit:test: running...\n`);
    tally.write('\n Tasks:    5 successful, 8 total\nFailed:    @connectors/testkit#test, @connectors/jira#build\n');
    expect(tally.result()).toMatchObject({
      passed: 700,
      notRun: ['@connectors/jira', '@connectors/testkit', '@connectors/demo'],
      failedTasks: ['@connectors/testkit#test', '@connectors/jira#build'],
    });
  });
});

describe('closing', () => {
  it('ends with `N passed, N failed` and says before it what did not run', () => {
    expect(closing({ passed: 825, failed: 2, notRun: ['@connectors/jira', '@connectors/demo'], failedTasks: ['@connectors/testkit#test'] })).toEqual({
      lines: ['Failed tasks: @connectors/testkit#test', '825 passed, 2 failed, 2 not run (@connectors/jira, @connectors/demo)', '825 passed, 2 failed'],
      exitCode: 1,
    });
  });

  it('passes only when every package ran, nothing failed and some test ran', () => {
    expect(closing({ passed: 3015, failed: 0, notRun: [] })).toEqual({ lines: ['3015 passed, 0 failed, 0 not run', '3015 passed, 0 failed'], exitCode: 0 });
    expect(closing({ passed: 3015, failed: 0, notRun: ['@connectors/demo'] }).exitCode).toBe(1);
    expect(closing({ passed: 3015, failed: 0, notRun: [], failedSteps: ['biome ci (exit 1)'] })).toMatchObject({
      lines: ['Failed steps: biome ci (exit 1)', '3015 passed, 0 failed, 0 not run', '3015 passed, 0 failed'],
      exitCode: 1,
    });
    expect(closing({ passed: 0, failed: 0, notRun: [] })).toMatchObject({
      lines: ['No test ran: that is a failure.', '0 passed, 0 failed, 0 not run', '0 passed, 0 failed'],
      exitCode: 1,
    });
  });
});

describe('testSettings', () => {
  it('runs 2 tasks with 1 worker each on 2 cores, and stretches time limits with the load', () => {
    expect(testSettings({ cpus: 2, load: 0, env: {} })).toMatchObject({ concurrency: 2, workers: 1, timeScale: 2 });
    expect(testSettings({ cpus: 2, load: 3, env: {} })).toMatchObject({ timeScale: 3 });
    expect(testSettings({ cpus: 2, load: 15, env: {} })).toMatchObject({ timeScale: 4 });
    expect(testSettings({ cpus: 16, load: 1, env: {} })).toMatchObject({ concurrency: 8, workers: 2, timeScale: 2 });
  });

  it('takes each setting from its variable when set', () => {
    const env = { CONNECTORS_TEST_CONCURRENCY: '3', CONNECTORS_TEST_WORKERS: '2', CONNECTORS_TEST_TIME_SCALE: '1.5' };
    expect(testSettings({ cpus: 2, load: 9, env })).toMatchObject({ concurrency: 3, workers: 2, timeScale: 1.5 });
    expect(testSettings({ cpus: 2, load: 0, env: { CONNECTORS_TEST_TIME_SCALE: 'fast' } })).toMatchObject({ timeScale: 2 });
  });
});
