import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defineConnector, defineTool, envVar, inputs, runCli, z } from '@connectors/contract';
import { renderConnector, renderIndex } from '../src/render.mjs';
import { renderDocs } from '../src/files.mjs';
import { runGenerator, writeFixture } from './fixture.js';

const searchItems = defineTool({
  action: 'search_items',
  title: 'Search items',
  description: 'Search items by text | tag.',
  toolset: 'items',
  access: 'read',
  input: z.object({
    query: z.string().min(2).max(200).describe('Words to match.'),
    kind: z.enum(['book', 'film']).optional(),
    tags: z.array(z.string().max(30)).max(5).optional(),
    limit: inputs.limit(10, 50),
    cursor: inputs.cursor(),
  }),
  output: z.array(z.object({ id: z.string() })),
  examples: [{ query: 'dune' }],
  handler: async () => ({ data: [] }),
});

const renameItem = defineTool({
  action: 'rename_item',
  title: 'Rename item',
  description: 'Rename an item.',
  toolset: 'admin',
  access: 'write',
  idempotent: true,
  input: z.object({ id: z.string(), name: z.string().min(1).nullable() }),
  output: z.object({ id: z.string() }),
  examples: [{ id: 'a', name: 'b' }],
  handler: async () => ({ data: { id: 'a' } }),
});

const purgeItems = defineTool({
  action: 'purge_items',
  title: 'Purge items',
  description: 'Delete every item for good.',
  toolset: 'admin',
  access: 'destructive',
  input: z.object({}),
  output: z.object({ deleted: z.number() }),
  examples: [{}],
  handler: async () => ({ data: { deleted: 0 } }),
});

const acme = defineConnector({
  id: 'acme-shop',
  title: 'Acme Shop',
  version: '1.2.3',
  description: 'Items in the Acme shop.',
  setup: 'Create a token under Acme → Settings.',
  config: {
    ACME_SHOP_TOKEN: envVar.secret('API token.', { required: true, example: 'acme_tok_...' }),
    ACME_SHOP_URL: envVar.url('Base URL.', { default: 'https://api.acme.example' }),
    ACME_SHOP_SIGNING_KEY: envVar.secret('Webhook signing key.', { default: 'built-in-signing-key' }),
  },
  toolsets: { items: 'Find items.', admin: 'Change items.' },
  client: () => ({}),
  health: async () => ({ user: 'me' }),
  tools: [searchItems, renameItem, purgeItems],
});

describe('renderConnector', () => {
  let doc: string;
  beforeAll(async () => {
    doc = await renderConnector(acme);
  });

  it('documents configuration without ever printing a secret value', () => {
    expect(doc).toContain('| `ACME_SHOP_TOKEN` | yes | yes | API token. | — |');
    expect(doc).toContain('| `ACME_SHOP_URL` | no | no | Base URL. | `https://api.acme.example` |');
    expect(doc).toContain('| `ACME_SHOP_SIGNING_KEY` | no | yes | Webhook signing key. | `(hidden)` |');
    expect(doc).not.toContain('built-in-signing-key');
  });

  it('ignores the real environment', async () => {
    process.env.ACME_SHOP_TOKEN = 'canary-secret-value-123';
    try {
      expect(await renderConnector(acme)).not.toContain('canary-secret-value-123');
    } finally {
      delete process.env.ACME_SHOP_TOKEN;
    }
  });

  it('has the run line, toolsets and tools tables with rendered names and access', () => {
    expect(doc).toContain('```sh\nnpx -y @connectors/acme-shop\n```');
    expect(doc).toContain('| `items` | Find items. | `acme_shop_search_items` |');
    expect(doc).toContain('| `admin` | Change items. | `acme_shop_rename_item`, `acme_shop_purge_items` |');
    expect(doc).toContain(
      '| [`acme_shop_search_items`](#acme_shop_search_items) | read | `items` | Search items by text \\| tag. | `query`*, `kind`, `tags`, `limit`, `cursor` |',
    );
    expect(doc).toContain('| [`acme_shop_rename_item`](#acme_shop_rename_item) | write, idempotent | `admin` | Rename an item. | `id`*, `name`* |');
    expect(doc).toContain('| [`acme_shop_purge_items`](#acme_shop_purge_items) | destructive | `admin` | Delete every item for good. | — |');
    expect(doc).toContain('| [`acme_shop_health`](#acme_shop_health) | read | always on |');
  });

  it('summarises each parameter from the JSON schema: type, required, limits', () => {
    expect(doc).toContain('| `query` | `string` | yes | 2-200 chars | Words to match. |');
    expect(doc).toContain('| `kind` | `string` | no | one of: `book`, `film` | — |');
    expect(doc).toContain('| `tags` | `string[]` | no | at most 5 items, each at most 30 chars | — |');
    expect(doc).toContain('| `limit` | `integer` | no | 1-50, default `10` | Page size. |');
    expect(doc).toContain('| `name` | `string \\| null` | yes | at least 1 char | — |');
  });

  it('names the same gating env variables as the CLI help', async () => {
    let help = '';
    await runCli(acme, { argv: ['--help'], env: {}, out: (text) => void (help += text) });
    const gating = doc.slice(doc.indexOf('## Gating'), doc.indexOf('## Client configuration'));
    const names = [...gating.matchAll(/`(ACME_SHOP_[A-Z_]+)/g)].map((m) => m[1]);
    expect(names).toHaveLength(6);
    for (const name of names) expect(help).toContain(name);
    expect(gating).toContain('Registers only read tools: `acme_shop_health`, `acme_shop_search_items`.');
  });

  it('shows, per client, exactly the entry `configure` writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-configure-'));
    try {
      for (const [client, title] of [
        ['claude-desktop', 'Claude Desktop'],
        ['cursor', 'Cursor'],
        ['vscode', 'VS Code'],
        ['claude-code', 'Claude Code'],
      ]) {
        const section = doc.slice(doc.indexOf(`### ${title}\n`));
        const shown = JSON.parse(section.slice(section.indexOf('```json\n') + 8, section.indexOf('\n```', section.indexOf('```json\n'))));
        const file = join(dir, `${client}.json`);
        const code = await runCli(acme, { argv: ['configure', client, '--config-file', file], env: {}, out: () => {}, err: () => {} });
        expect(code).toBe(0);
        expect(shown).toEqual(JSON.parse(readFileSync(file, 'utf8')));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(doc).toContain('"ACME_SHOP_TOKEN": "<ACME_SHOP_TOKEN>"');
    expect(doc).toContain('"ACME_SHOP_TOKEN": "${input:acme-shop-token}"');
    expect(doc).toContain("claude mcp add --scope user acme-shop --env 'ACME_SHOP_TOKEN=<ACME_SHOP_TOKEN>' -- npx -y @connectors/acme-shop");
  });

  it('explains the OAuth login for connectors that declare one', async () => {
    const oauth = defineConnector({
      ...acme,
      config: { ...acme.config, ACME_SHOP_CLIENT_ID: envVar.string('OAuth client id.') },
      oauth: {
        authorizeUrl: 'https://acme.example/authorize',
        tokenUrl: 'https://acme.example/token',
        scopes: ['items:read', 'items:write'],
        clientIdEnv: 'ACME_SHOP_CLIENT_ID',
      },
    });
    const text = await renderConnector(oauth);
    expect(text).toContain('Run `npx -y @connectors/acme-shop auth login` once');
    expect(text).toContain('Scopes requested: `items:read`, `items:write`.');
    expect(doc).not.toContain('auth login');
  });

  it('lists resources with the tool each reads through, and leaves the section out without any', async () => {
    expect(doc).not.toContain('## Resources');
    const withResources = defineConnector({
      ...acme,
      resources: [{ uri: 'acme://item/{query}', name: 'item', title: 'Item', description: 'Items matching a query.', tool: 'search_items' }],
    });
    const text = await renderConnector(withResources);
    expect(text).toContain('## Resources');
    expect(text).toContain('| `acme://item/{query}` | item | [`acme_shop_search_items`](#acme_shop_search_items) | Items matching a query. |');
  });

  it('is deterministic', async () => {
    expect(await renderConnector(acme)).toBe(doc);
  });
});

describe('renderIndex and renderDocs', () => {
  const other = defineConnector({ ...acme, id: 'able', title: 'Able', tools: [searchItems] });

  it('lists connectors sorted by id with tool counts (health included)', async () => {
    const files: Map<string, string> = await renderDocs([acme, other]);
    expect([...files.keys()]).toEqual(['README.md', 'able.md', 'acme-shop.md']);
    const index = files.get('README.md')!;
    expect(index).toBe(renderIndex([other, acme]));
    expect(index).toContain('| [Able](able.md) | `@connectors/able` | 2 | 2 | 0 | 0 |');
    expect(index).toContain('| [Acme Shop](acme-shop.md) | `@connectors/acme-shop` | 4 | 2 | 1 | 1 |');
    expect(index.indexOf('able.md')).toBeLessThan(index.indexOf('acme-shop.md'));
  });
});

describe('generate.mjs', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  const fixture = () => writeFixture();
  const run = (...args: string[]) => runGenerator(root!, args);

  it('writes the docs, then --check passes', () => {
    root = fixture();
    expect(run().status).toBe(0);
    expect(readFileSync(join(root, 'docs', 'connectors', 'demo.md'), 'utf8')).toContain('`demo_ping`');
    expect(JSON.parse(readFileSync(join(root, 'packages', 'demo', 'server.json'), 'utf8'))).toMatchObject({
      name: 'io.github.connectors/demo',
      version: '0.3.0',
    });
    const check = run('--check');
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('--check exits 1 and names stale, missing and orphaned files, leaving hand-written ones alone', () => {
    root = fixture();
    run();
    const docs = join(root, 'docs', 'connectors');
    writeFileSync(join(docs, 'demo.md'), readFileSync(join(docs, 'demo.md'), 'utf8').replace('Ping.', 'Pong.'));
    rmSync(join(docs, 'README.md'));
    const marker = readFileSync(join(docs, 'demo.md'), 'utf8').split('\n')[0];
    writeFileSync(join(docs, 'gone.md'), `${marker}\n# Gone\n`);
    writeFileSync(join(docs, 'notes.md'), '# Hand-written\n');

    const check = run('--check');
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('stale');
    rmSync(join(root, 'packages', 'demo', 'server.json'));
    const check2 = run('--check');
    const named = check2.stderr
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim().split('/').pop());
    expect(named).toEqual(['README.md', 'demo.md', 'gone.md', 'server.json']);

    expect(run().status).toBe(0);
    expect(run('--check').status).toBe(0);
    expect(readFileSync(join(docs, 'notes.md'), 'utf8')).toBe('# Hand-written\n');
  });

  it('refuses a package without the MCP Registry name in mcpName', () => {
    root = fixture();
    const file = join(root, 'packages', 'demo', 'package.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), mcpName: undefined }));
    const result = run('--check');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('"mcpName": "io.github.connectors/demo"');
  });

  it('fails clearly when a connector is not built', () => {
    root = fixture();
    rmSync(join(root, 'packages', 'demo', 'dist'), { recursive: true });
    const result = run('--check');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('dist/index.js is missing');
  });
});

/**
 * The server.json rules of the MCP Registry's schema (2025-12-11) and its publishing requirements,
 * written out here: name, description length, exact versions, an npm package over stdio, and the
 * environment variables as inputs.
 */
const input = z
  .object({
    name: z.string().regex(/^[A-Z_][A-Z0-9_]*$/),
    description: z.string().min(1),
    isRequired: z.boolean(),
    isSecret: z.boolean(),
    format: z.enum(['string', 'number', 'boolean', 'filepath']),
    default: z.string().optional(),
  })
  .strict();
const exactVersion = z
  .string()
  .min(1)
  .max(255)
  .refine((v) => v !== 'latest' && !/^[\^~><=]|[x*]$|\|\|| - /.test(v), 'must be one exact version');
const serverJson = z
  .object({
    $schema: z.literal('https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json'),
    name: z
      .string()
      .min(3)
      .max(200)
      .regex(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/),
    title: z.string().min(1).max(100),
    description: z.string().min(1).max(100),
    version: exactVersion,
    repository: z.object({ url: z.url(), source: z.literal('github'), subfolder: z.string().regex(/^[^/.][^]*[^/]$/) }).strict(),
    packages: z
      .array(
        z
          .object({
            registryType: z.literal('npm'),
            registryBaseUrl: z.literal('https://registry.npmjs.org'),
            identifier: z.string().regex(/^@connectors\/[a-z][a-z0-9-]*$/),
            version: exactVersion,
            transport: z.object({ type: z.literal('stdio') }).strict(),
            environmentVariables: z.array(input),
          })
          .strict(),
      )
      .length(1),
  })
  .strict();

describe('server.json of every connector package', () => {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const packages = ['packages/coder', 'packages/discord', 'packages/google-workspace', 'packages/jira', 'packages/salesforce', 'templates/connector'];
  it.each(packages)('%s: valid for the registry, named as its mcpName, versions and variables as in the package', (dir) => {
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    const server = serverJson.parse(JSON.parse(readFileSync(join(root, dir, 'server.json'), 'utf8')));
    expect(server.name).toBe(pkg.mcpName);
    expect(server.version).toBe(pkg.version);
    expect(server.packages[0]!.identifier).toBe(pkg.name);
    expect(server.packages[0]!.version).toBe(pkg.version);
    expect(server.repository.subfolder).toBe(pkg.repository.directory);
  });

  it('marks secrets and what the default auth mode needs, and cuts long descriptions at a word', async () => {
    const { renderServerJson, shortDescription } = await import('../src/server-json.mjs');
    const connector = defineConnector({
      id: 'acme',
      title: 'Acme',
      version: '1.0.0',
      description: 'Acme things.',
      config: {
        ACME_TOKEN: envVar.secret('Token.', { required: true }),
        ACME_URL: envVar.url('Where Acme is.', { default: 'https://api.acme.test' }),
      },
      toolsets: { main: 'All.' },
      client: () => ({}),
      health: async () => ({}),
      tools: [searchItems].map((tool) => ({ ...tool, toolset: 'main' })),
    });
    const server = serverJson.parse(
      JSON.parse(
        renderServerJson(connector, {
          name: '@connectors/acme',
          mcpName: 'io.github.connectors/acme',
          version: '1.0.0',
          repository: { url: 'git+https://github.com/connectors/connectors.git', directory: 'packages/acme' },
        }),
      ),
    );
    expect(server.packages[0]!.environmentVariables).toEqual([
      { name: 'ACME_TOKEN', description: 'Token.', isRequired: true, isSecret: true, format: 'string' },
      { name: 'ACME_URL', description: 'Where Acme is.', isRequired: false, isSecret: false, format: 'string', default: 'https://api.acme.test' },
    ]);
    const long = shortDescription('Coder workspaces on any Coder deployment: list, create, start, stop and delete workspaces from templates, read build logs.');
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long.endsWith('…')).toBe(true);
    expect(long).not.toMatch(/\s…$/);
  });
});
