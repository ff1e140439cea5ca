import { defineConfig } from 'tsup';

export default defineConfig({
  // One entry per public subpath (package.json exports); build: the tsup configuration connectors build with.
  entry: ['src/index.ts', 'src/server.ts', 'src/state.ts', 'src/oauth.ts', 'src/clients.ts', 'src/build.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
});
