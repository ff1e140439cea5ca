import { testConfig } from '../../vitest.shared.mjs';

export default testConfig({ include: ['test/**/*.test.mjs'], testTimeout: 30_000 });
