// `@connectors/contract/build`, used the way a connector uses it: a project with a one-line
// tsup.config.mjs and the built contract in node_modules is built with the tsup CLI, then its
// outputs are read and run. The bin must run from its folder alone; the library must not carry
// the contract.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, PACKAGE_DIR } from './support/built.js';

const run = promisify(execFile);
const TSUP = join(createRequire(import.meta.url).resolve('tsup/package.json'), '..', 'dist', 'cli-default.js');
let dir: string;
let built: { stdout: string; stderr: string };

const CONNECTOR = `import { defineConnector, defineTool, envVar, z } from '@connectors/contract';

const echo = defineTool({
  action: 'echo',
  title: 'Echo',
  description: 'Return the text it is given.',
  toolset: 'basics',
  access: 'read',
  input: z.object({ text: z.string().max(100) }),
  output: z.object({ text: z.string() }),
  examples: [{ text: 'hello' }],
  handler: async (input) => ({ data: { text: input.text } }),
});

export const connector = defineConnector({
  id: 'bundled',
  title: 'Bundled',
  version: '1.2.3',
  description: 'A connector built with connectorBuild.',
  config: { BUNDLED_TOKEN: envVar.secret('Token.', { required: true }) },
  toolsets: { basics: 'Echo.' },
  client: () => ({}),
  health: async () => ({ user: 'me' }),
  tools: [echo],
});
`;

const BIN = `import { runCli } from '@connectors/contract';
import { connector } from './index.js';

process.exitCode = await runCli(connector);
`;

/** Every .js file below `folder`, as text. */
function outputs(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => [file, readFileSync(join(folder, file), 'utf8')]),
  );
}

beforeAll(async () => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'contract-build-'));
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'node_modules', '@connectors'), { recursive: true });
  symlinkSync(PACKAGE_DIR, join(dir, 'node_modules', '@connectors', 'contract'), 'dir');
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'bundled', version: '1.2.3', type: 'module', peerDependencies: { '@connectors/contract': '*' } }),
  );
  writeFileSync(join(dir, 'src', 'index.js'), CONNECTOR);
  writeFileSync(join(dir, 'src', 'bin.js'), BIN);
  writeFileSync(
    join(dir, 'tsup.config.mjs'),
    "import { connectorBuild } from '@connectors/contract/build';\n\nexport default connectorBuild({ index: 'src/index.js', bin: 'src/bin.js', dts: false });\n",
  );
  // A stale chunk from an earlier build, which the bin's clean must remove.
  mkdirSync(join(dir, 'dist', 'bin'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'bin', 'chunk-STALE.js'), '');
  built = await run(process.execPath, [TSUP], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, timeout: timeLimit(120_000) });
}, timeLimit(150_000));

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('connectorBuild', () => {
  it('builds the library and the bin without warnings', () => {
    expect(existsSync(join(dir, 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'bin.js'))).toBe(true);
    expect(`${built.stdout}\n${built.stderr}`).not.toMatch(/WARN|error/i);
    expect(existsSync(join(dir, 'dist', 'bin', 'chunk-STALE.js'))).toBe(false);
  });

  it('leaves the contract out of the library entry: a peer the composing server installs', () => {
    const library = readFileSync(join(dir, 'dist', 'index.js'), 'utf8');
    expect(library).toMatch(/from ["']@connectors\/contract["']/);
    expect(library).not.toContain('defineConnector(connector)');
    expect(library.length).toBeLessThan(5_000);
  });

  it('bundles the bin: no import of an installed package but ioredis, minified, chunks in dist/bin/', () => {
    const files = outputs(join(dir, 'dist'));
    const bin = Object.entries(files).filter(([file]) => file === 'bin.js' || file.startsWith('bin/'));
    expect(bin.length).toBeGreaterThan(1);
    for (const [file, text] of bin) {
      const bare = [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([@a-z][\w@/.-]*)["']/g)].map((m) => m[1]!).filter((name) => !name.startsWith('node:'));
      const builtins = new Set(createRequire(import.meta.url)('node:module').builtinModules as string[]);
      expect(
        bare.filter((name) => !builtins.has(name)),
        file,
      ).toEqual(bare.includes('ioredis') ? ['ioredis'] : []);
    }
    expect(bin.some(([, text]) => text.includes('import("ioredis")'))).toBe(true);
  });

  it('leaves zod’s other locales and the Ajv validator out of the bin', () => {
    const text = Object.entries(outputs(join(dir, 'dist')))
      .filter(([file]) => file === 'bin.js' || file.startsWith('bin/'))
      .map(([, t]) => t)
      .join('\n');
    expect(text).not.toMatch(/[\u0590-\u05FF]/); // Hebrew (zod's "he" locale)
    expect(text).not.toMatch(/[\u0400-\u04FF]/); // Cyrillic (ru, uk, be locales)
    expect(text).not.toContain('strictTuples'); // an Ajv option
    expect(text).toContain('Invalid input'); // zod's English messages stay
  });

  it('ships only the chunks the bin can load: no MCP client SDK in a connector that never bridges', () => {
    const files = outputs(join(dir, 'dist'));
    const reachable = new Set<string>();
    const visit = (file: string) => {
      if (reachable.has(file) || files[file] === undefined) return;
      reachable.add(file);
      const base = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
      for (const [, target] of files[file]!.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.\/[^"']+)["']/g)) visit(join(base, target!).replace(/\\/g, '/'));
    };
    visit('bin.js');
    const chunks = Object.keys(files).filter((file) => file.startsWith('bin/'));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.filter((file) => !reachable.has(file))).toEqual([]);
    expect(chunks.map((file) => files[file]!).join('\n')).not.toContain('StreamableHTTPClientTransport');
  });

  it('writes the tools/list schemas of every tool, stamped with the build, and the bin of that build uses them', async () => {
    const file = join(dir, 'dist', 'tool-schemas.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(manifest.tools).sort()).toEqual(['echo', 'health']);
    expect(manifest.tools.echo.inputSchema).toMatchObject({ type: 'object', properties: { text: { type: 'string', maxLength: 100 } } });
    expect(readFileSync(join(dir, 'dist', 'bin.js'), 'utf8')).toContain(JSON.stringify(manifest.buildId));

    const listed = async () =>
      JSON.parse((await run(process.execPath, [join(dir, 'dist', 'bin.js'), 'tools', '--json'], { cwd: dir, env: { PATH: process.env.PATH ?? '' } })).stdout);
    const live = await listed();
    expect(live.find((t: { name: string }) => t.name === 'bundled_echo').inputSchema).toEqual(manifest.tools.echo.inputSchema);
    try {
      // Read, not recomputed: a mark put in the file shows in tools/list...
      manifest.tools.echo.inputSchema.description = 'from the manifest';
      writeFileSync(file, JSON.stringify(manifest));
      expect((await listed()).find((t: { name: string }) => t.name === 'bundled_echo').inputSchema.description).toBe('from the manifest');
      // ...and a file from another build is ignored.
      writeFileSync(file, JSON.stringify({ ...manifest, buildId: 'another-build' }));
      expect(await listed()).toEqual(live);
      writeFileSync(file, '{ not json');
      expect(await listed()).toEqual(live);
    } finally {
      manifest.tools.echo.inputSchema.description = undefined;
      writeFileSync(file, JSON.stringify(manifest));
    }
  });

  it('runs from its folder alone: tools, a call over stdio, configure for TOML', async () => {
    const alone = mkdtempSync(join(tmpdir(), 'contract-build-alone-'));
    try {
      cpSync(join(dir, 'dist'), join(alone, 'dist'), { recursive: true });
      writeFileSync(join(alone, 'package.json'), '{ "type": "module" }');
      const env = { PATH: process.env.PATH ?? '' };
      const tools = await run(process.execPath, [join(alone, 'dist', 'bin.js'), 'tools'], { cwd: alone, env });
      expect(tools.stdout).toMatch(/^bundled_echo\s+read\s/m);
      const file = join(alone, 'config.toml');
      writeFileSync(file, '# mine\n[other]\nx = 1\n');
      await run(process.execPath, [join(alone, 'dist', 'bin.js'), 'configure', 'codex', '--config-file', file], {
        cwd: alone,
        env: { ...env, BUNDLED_TOKEN: 'x'.repeat(20) },
      });
      expect(readFileSync(file, 'utf8')).toMatch(/^# mine\n\[other\]\nx = 1\n\n\[mcp_servers\.bundled\]\n/);
      const health = await run(process.execPath, [join(alone, 'dist', 'bin.js'), 'health'], { cwd: alone, env }).catch((error: { stdout: string }) => error);
      expect(JSON.parse(health.stdout)).toMatchObject({ status: 'not_configured', connector: 'bundled', missing: ['BUNDLED_TOKEN'] });
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });
});
