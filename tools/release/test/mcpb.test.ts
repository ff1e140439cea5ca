// Every connector's MCP Bundle manifest passes the official `mcpb validate`, asks for each variable
// (secrets as sensitive fields), and a bundle built from the packed packages runs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMcpb } from '../build-mcpb.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = join(dirname(createRequire(import.meta.url).resolve('@anthropic-ai/mcpb')), 'cli', 'cli.js');
const mcpb = (...args: string[]) => execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const connectors = ['coder', 'discord', 'google-workspace', 'jira', 'salesforce'];

interface Manifest {
  name: string;
  version: string;
  server: { type: string; entry_point: string; mcp_config: { command: string; args: string[]; env: Record<string, string> } };
  user_config: Record<string, { title: string; required: boolean; sensitive?: boolean }>;
}

describe.each(connectors)('%s mcpb/manifest.json', (id) => {
  const manifestFile = join(root, 'packages', id, 'mcpb', 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const pkg = JSON.parse(readFileSync(join(root, 'packages', id, 'package.json'), 'utf8'));

  it('passes the official mcpb validate', () => {
    expect(mcpb('validate', manifestFile)).toContain('validation passes');
  });

  it('runs the package’s bin with node and passes every variable from a user_config field, secrets sensitive', async () => {
    const { connector } = await import(join(root, 'packages', id, 'dist', 'index.js'));
    expect(manifest).toMatchObject({ name: id, version: pkg.version, server: { type: 'node', entry_point: `server/node_modules/${pkg.name}/dist/bin.js` } });
    expect(manifest.server.mcp_config).toMatchObject({ command: 'node', args: [`\${__dirname}/${manifest.server.entry_point}`] });
    for (const [name, variable] of Object.entries<{ secret?: boolean }>(connector.config)) {
      const field = manifest.user_config[name.toLowerCase()];
      expect(field?.title).toBe(name);
      expect(Boolean(field?.sensitive)).toBe(variable.secret === true);
      expect(manifest.server.mcp_config.env[name]).toBe(`\${user_config.${name.toLowerCase()}}`);
    }
  });
});

describe('a bundle built from the packed packages', () => {
  const out = mkdtempSync(join(tmpdir(), 'mcpb-test-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it(
    'is a .mcpb the official CLI reads, and its server runs from the unpacked bundle',
    () => {
      const file = buildMcpb('jira', out);
      expect(file).toMatch(/jira-\d+\.\d+\.\d+\.mcpb$/);
      expect(mcpb('info', file)).toContain('jira');
      const unpacked = join(out, 'unpacked');
      mcpb('unpack', file, unpacked);
      const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')) as Manifest;
      expect(existsSync(join(unpacked, 'LICENSE'))).toBe(true);
      const tools = execFileSync(process.execPath, [join(unpacked, manifest.server.entry_point), 'tools'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
      });
      expect(tools).toMatch(/^jira_health\s+read/m);
      expect(tools).toMatch(/^jira_search_issues\s+read/m);
    },
    timeLimit(240_000),
  );
});
