import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertBuilt, PACKAGE_DIR } from './support/built.js';

// Compiles test/consumer/consumer.ts the way a third party would: `import ... from
// '@connectors/contract'` resolved through node_modules and package.json exports to dist, never src.
const run = promisify(execFile);
const require = createRequire(import.meta.url);
const TSC = require.resolve('typescript/bin/tsc');
const NODE_TYPES = dirname(require.resolve('@types/node/package.json'));
let dir: string;

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'contract-consumer-'));
  mkdirSync(join(dir, 'node_modules', '@connectors'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  symlinkSync(PACKAGE_DIR, join(dir, 'node_modules', '@connectors', 'contract'), 'dir');
  symlinkSync(NODE_TYPES, join(dir, 'node_modules', '@types', 'node'), 'dir');
  copyFileSync(fileURLToPath(new URL('./consumer/consumer.ts', import.meta.url)), join(dir, 'consumer.ts'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        types: ['node'],
        strict: true,
        // Checking every .d.ts of zod and the MCP SDK takes most of a minute; the @ts-expect-error and typed
        // assignments in consumer.ts fail instead if the contract's own types stop resolving.
        skipLibCheck: true,
        outDir: 'out',
      },
      files: ['consumer.ts'],
    }),
  );
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it(
  'compiles against the built types and runs against the built code',
  async () => {
    try {
      await run(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { cwd: dir });
    } catch (error) {
      throw new Error(`tsc failed:\n${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`);
    }
    const { stdout, stderr } = await run(process.execPath, [join(dir, 'out', 'consumer.js')], { cwd: dir });
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({
      tools: ['hello_health', 'hello_greet'],
      ok: { greeting: 'Hello, Ada', limit: 5 },
      missing: 'not_configured',
      sent: ['GET https://hello.example/greetings/Ada Bearer consumer-test-token'],
    });
  },
  timeLimit(60_000),
);
