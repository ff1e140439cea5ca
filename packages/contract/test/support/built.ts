import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_ENTRY = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
export const FIXTURE_BIN = fileURLToPath(new URL('../fixtures/echo-bin.mjs', import.meta.url));

/** Tests of the built package need dist; say how to get it rather than fail obscurely. */
export function assertBuilt(): void {
  if (!existsSync(DIST_ENTRY) || statSync(DIST_ENTRY).size === 0) {
    throw new Error('packages/contract/dist is missing: run `npx -y pnpm@10.34.8 --filter @connectors/contract build` first.');
  }
}
