import { defineConfig } from 'tsup';

export default defineConfig({
  // build: the tsup configuration connectors build with (`@connectors/contract/build`).
  entry: ['src/index.ts', 'src/build.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
});
