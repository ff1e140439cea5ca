// A one-connector monorepo whose built package imports the workspace contract, and the generator
// run against it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const generator = fileURLToPath(new URL('../generate.mjs', import.meta.url));
const contractEntry = createRequire(import.meta.url).resolve('@connectors/contract');

/** A tool of the fixture connector: its action, the zod shape of its input as source text, its description. */
export interface FixtureTool {
  action: string;
  input?: string;
  description?: string;
}

/** Writes (or rewrites) packages/demo with the given tools; returns the root. */
export function writeFixture(root = mkdtempSync(join(tmpdir(), 'docs-tool-')), tools: FixtureTool[] = [{ action: 'ping' }]): string {
  const pkg = join(root, 'packages', 'demo');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: '@connectors/demo',
      mcpName: 'io.github.connectors/demo',
      version: '0.3.0',
      type: 'module',
      bin: { 'connectors-demo': './dist/bin.js' },
    }),
  );
  const defined = tools.map(
    ({
      action,
      input = '{}',
      description = 'Ping.',
    }) => `defineTool({ action: '${action}', title: 'Ping', description: ${JSON.stringify(description)}, toolset: 'main', access: 'read',
    input: z.object(${input}), output: z.object({}), examples: [{}], handler: async () => ({ data: {} }) })`,
  );
  writeFileSync(
    join(pkg, 'dist', 'index.js'),
    `import { defineConnector, defineTool, z } from ${JSON.stringify(pathToFileURL(contractEntry).href)};
export default defineConnector({
  id: 'demo', title: 'Demo', version: '0.0.0', description: 'Demo connector.', config: {},
  toolsets: { main: 'Everything.' }, client: () => ({}), health: async () => ({}),
  tools: [${defined.join(',\n  ')}],
});
`,
  );
  return root;
}

/** Runs generate.mjs on `root`; the snapshot base comes only from `env`, never from the caller's environment. */
export function runGenerator(root: string, args: string[] = [], env: Record<string, string> = {}) {
  const { CONNECTORS_SNAPSHOT_BASE: _ignored, ...inherited } = process.env;
  return spawnSync(process.execPath, [generator, '--root', root, ...args], { cwd: root, encoding: 'utf8', env: { ...inherited, ...env } });
}
