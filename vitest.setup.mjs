// Runs before every test file (vitest.shared.mjs): `timeLimit(ms)` for tests that pass a time
// limit of their own, stretched like the configured ones by CONNECTORS_TEST_TIME_SCALE.
globalThis.timeLimit = (ms) => Math.round(ms * (Number(process.env.CONNECTORS_TEST_TIME_SCALE) || 1));
