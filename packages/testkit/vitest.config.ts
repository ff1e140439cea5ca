import { testConfig } from '../../vitest.shared.mjs';

export default testConfig({ testTimeout: 30_000 });
