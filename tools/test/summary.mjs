// What `pnpm test` counts: vitest's summary of each package's test task, read from turbo's output
// (every line prefixed with its task, `@connectors/jira:test: `), and the tasks turbo reports as
// failed. The last line stays `N passed, N failed` (CI reads it); the line before it says which
// packages never printed a summary (they did not run, or were stopped before the end).

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
/** `@connectors/jira:test: text`: the package, the task and the task's own line. */
const TASK_LINE = /^(\S+?):([^:\s]+):(?: (.*))?$/;
/** vitest's summary, e.g. `Tests  3 failed | 252 passed | 23 skipped (278)` (not `Test Files  ...`). */
const VITEST_TESTS = /^\s*Tests\s+(\d+ .*?)\s*\(\d+\)\s*$/;
/** turbo's run summary: `Failed:    @connectors/jira#lint, @connectors/testkit#test`. */
const TURBO_FAILED = /^\s*Failed:\s+(\S.*)$/;

export const stripAnsi = (text) => text.replace(ANSI, '');

/** The counts of one vitest summary line (`{ passed, failed }`), or undefined for any other line. */
export function parseVitestSummary(text) {
  const match = VITEST_TESTS.exec(stripAnsi(text));
  if (!match) return undefined;
  return { passed: Number(/(\d+) passed/.exec(match[1])?.[1] ?? 0), failed: Number(/(\d+) failed/.exec(match[1])?.[1] ?? 0) };
}

/**
 * Reads turbo's output line by line. `expected` are the packages whose `test` task should print a
 * summary. A package's last summary wins: a test that prints a nested vitest run's output
 * (a generated project's tests, say) is not counted on top of the package's own.
 */
export function createTally({ expected = [], task = 'test' } = {}) {
  const summaries = new Map();
  const failedTasks = new Set();
  const failedSteps = [];
  let pending = '';

  function line(raw) {
    const text = stripAnsi(raw).replace(/\r$/, '');
    const failed = TURBO_FAILED.exec(text);
    if (failed) {
      for (const name of failed[1].split(',')) if (name.trim()) failedTasks.add(name.trim());
      return;
    }
    const prefixed = TASK_LINE.exec(text);
    if (!prefixed || prefixed[2] !== task) return;
    const counts = parseVitestSummary(prefixed[3] ?? '');
    if (counts) summaries.set(prefixed[1], counts);
  }

  return {
    line,
    /** Feeds a chunk of output; lines may be split across chunks. */
    write(chunk) {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(line);
    },
    /** Ends the current stream (its last line may have no newline). */
    flush() {
      if (pending) line(pending);
      pending = '';
    },
    /** A step of the command that failed (exited non-zero), by the name to show. */
    stepFailed(name) {
      failedSteps.push(name);
    },
    result() {
      let passed = 0;
      let failed = 0;
      for (const counts of summaries.values()) {
        passed += counts.passed;
        failed += counts.failed;
      }
      const notRun = expected.filter((name) => !summaries.has(name));
      return { passed, failed, notRun, failedTasks: [...failedTasks], failedSteps: [...failedSteps], packages: summaries.size };
    },
  };
}

/**
 * The closing lines and the exit code. The last line is always `N passed, N failed`; the one
 * before adds the packages that did not run. Any failed test, failed step or package that did not
 * run, or no test at all, fails the command.
 */
export function closing({ passed, failed, notRun, failedTasks = [], failedSteps = [] }) {
  const lines = [];
  if (failedSteps.length) lines.push(`Failed steps: ${failedSteps.join('; ')}`);
  if (failedTasks.length) lines.push(`Failed tasks: ${failedTasks.join(', ')}`);
  if (passed === 0 && failed === 0) lines.push('No test ran: that is a failure.');
  lines.push(`${passed} passed, ${failed} failed, ${notRun.length} not run${notRun.length ? ` (${notRun.join(', ')})` : ''}`);
  lines.push(`${passed} passed, ${failed} failed`);
  const ok = failed === 0 && notRun.length === 0 && failedSteps.length === 0 && failedTasks.length === 0 && passed > 0;
  return { lines, exitCode: ok ? 0 : 1 };
}
