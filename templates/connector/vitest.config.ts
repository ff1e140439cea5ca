import { defineConfig } from 'vitest/config';

// CONNECTORS_TEST_TIME_SCALE stretches the time limit on a slow or busy machine (`pnpm test` in the connectors repository sets it).
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 30000 * (Number(process.env.CONNECTORS_TEST_TIME_SCALE) || 1) } });
