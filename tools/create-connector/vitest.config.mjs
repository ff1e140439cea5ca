import { testConfig } from '../../vitest.shared.mjs';

// The end-to-end test builds and tests a generated package, so it gets minutes, not seconds.
export default testConfig({ testTimeout: 30_000, hookTimeout: 60_000 });
