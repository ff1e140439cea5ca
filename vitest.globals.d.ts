// Globals that vitest.setup.mjs defines in every test file of a package on vitest.shared.mjs.
// Tests only: library code never has them.

/** A test's or hook's own time limit in ms, multiplied by CONNECTORS_TEST_TIME_SCALE (see vitest.shared.mjs). */
declare function timeLimit(ms: number): number;
