import { defineConfig } from 'vitest/config';

// The end-to-end test builds and tests a generated package, so it gets minutes, not seconds.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } });
