// The README checks pass on a README that matches the code, and each catches the drift it is for.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientConfigSnippet, README_CLIENTS } from '@connectors/contract/clients';
import { defineConnector, defineTool, envVar, z } from '@connectors/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { checkReadme, checkReadmeClientSnippet, checkReadmeJsonBlocks, checkReadmeToolTable, checkReadmeVariables, describeReadme } from '../src/index.js';

const tool = (action: string, toolset: string, access: 'read' | 'write' | 'destructive', idempotent?: boolean) =>
  defineTool({
    action,
    title: action,
    description: `${action}.`,
    toolset,
    access,
    ...(idempotent ? { idempotent } : {}),
    input: z.object({ id: z.string().max(20) }),
    output: z.object({ id: z.string() }),
    examples: [{ id: 'x' }],
    handler: async (input) => ({ data: { id: input.id } }),
  });

const connector = defineConnector({
  id: 'boards',
  title: 'Boards',
  version: '1.0.0',
  description: 'Boards in the fictional Boards app.',
  config: {
    BOARDS_API_KEY: envVar.secret('API key.', { required: true }),
    BOARDS_API_URL: envVar.url('Base URL.', { default: 'https://api.boards.example' }),
  },
  toolsets: { boards: 'Boards.', cards: 'Cards.' },
  client: () => ({}),
  health: async () => ({ user: 'ada' }),
  tools: [
    tool('list_boards', 'boards', 'read'),
    tool('add_card', 'cards', 'write'),
    tool('update_card', 'cards', 'write', true),
    tool('delete_card', 'cards', 'destructive'),
  ],
});

const TABLE_ROWS = [
  '| `boards_health` | | read | Checks the connection. |',
  '| `boards_list_boards` | boards | read | Lists boards. |',
  '| `boards_add_card` | cards | write | Adds a card. |',
  '| `boards_update_card` | cards | write (idempotent) | Changes a card. |',
  '| `boards_delete_card` | cards | destructive | Deletes a card. |',
];

/** A README that matches the connector, with `edit` applied to its text. */
function readme(edit: (text: string) => string = (text) => text): string {
  const snippets = README_CLIENTS.map((client) => `\`\`\`json\n${JSON.stringify(clientConfigSnippet(connector, client).snippet, null, 2)}\n\`\`\``);
  const text = [
    '# Boards MCP connector',
    '',
    '| Variable | Required | Description |',
    '| --- | --- | --- |',
    '| `BOARDS_API_KEY` | yes (secret) | API key. |',
    '| `BOARDS_API_URL` | no | Base URL. |',
    '',
    ...snippets.flatMap((block) => [block, '']),
    '## Tools',
    '',
    '| Tool | Toolset | Access | What it does |',
    '| --- | --- | --- | --- |',
    ...TABLE_ROWS,
    '',
    '| Flag | Effect |',
    '| --- | --- |',
    '| `--read-only` | Only the read tools. |',
    '',
  ].join('\n');
  return edit(text);
}

describe('checkReadme', () => {
  it('passes a README that matches the code', () => {
    expect(checkReadme(connector, readme())).toEqual([]);
  });

  it('reports a tool missing from the table, and one the connector does not have', () => {
    const text = readme((t) =>
      t.replace(`${TABLE_ROWS[2]!}\n`, '').replace(TABLE_ROWS[4]!, `${TABLE_ROWS[4]}\n| \`boards_archive_card\` | cards | write | Gone. |`),
    );
    expect(checkReadmeToolTable(connector, text)).toEqual([
      'The tool table lacks boards_add_card.',
      'The tool table lists tools the connector does not register: boards_archive_card.',
    ]);
  });

  it('reports rows out of registration order, and a tool listed twice', () => {
    const swapped = readme((t) => t.replace(`${TABLE_ROWS[1]}\n${TABLE_ROWS[2]}`, `${TABLE_ROWS[2]}\n${TABLE_ROWS[1]}`));
    expect(checkReadmeToolTable(connector, swapped)).toEqual([
      'The tool table is not in registration order (tools/list order): expected boards_health, boards_list_boards, boards_add_card, boards_update_card, boards_delete_card.',
    ]);
    const twice = readme((t) => t.replace(TABLE_ROWS[1]!, `${TABLE_ROWS[1]}\n${TABLE_ROWS[1]}`));
    expect(checkReadmeToolTable(connector, twice)).toEqual(['The tool table lists boards_list_boards more than once.']);
  });

  it('reports a wrong access, a write not marked idempotent, and a wrong toolset', () => {
    const text = readme((t) =>
      t
        .replace('| `boards_delete_card` | cards | destructive |', '| `boards_delete_card` | cards | write |')
        .replace('| `boards_update_card` | cards | write (idempotent) |', '| `boards_update_card` | cards | write |')
        .replace('| `boards_list_boards` | boards |', '| `boards_list_boards` | cards |'),
    );
    expect(checkReadmeToolTable(connector, text)).toEqual([
      'boards_list_boards: Toolset is "cards", expected "boards".',
      'boards_update_card: Access is "write", expected "write (idempotent)".',
      'boards_delete_card: Access is "write", expected "destructive".',
    ]);
  });

  it('with idempotentWrites: false, wants every write spelled `write`', () => {
    expect(checkReadmeToolTable(connector, readme(), { idempotentWrites: false })).toEqual([
      'boards_update_card: Access is "write (idempotent)", expected "write".',
    ]);
    const plain = readme((t) => t.replace('| write (idempotent) |', '| write |'));
    expect(checkReadmeToolTable(connector, plain, { idempotentWrites: false })).toEqual([]);
  });

  it('reports a README without a tool table, and a row that does not name a tool', () => {
    expect(
      checkReadmeToolTable(
        connector,
        readme((t) => t.replace('| Tool | Toolset | Access |', '| Name | Toolset | Kind |')),
      ),
    ).toEqual(['No tool table: expected a Markdown table with a `Tool` and an `Access` column.']);
    const unnamed = readme((t) => t.replace(TABLE_ROWS[4]!, `${TABLE_ROWS[4]}\n| boards_delete_card | cards | destructive | No backticks. |`));
    expect(checkReadmeToolTable(connector, unnamed)).toEqual([
      'A tool table row does not start with a `tool_name`: | boards_delete_card | cards | destructive | No backticks. |',
    ]);
  });

  it('reports a configuration variable without a row', () => {
    const text = readme((t) => t.replace('| `BOARDS_API_URL` | no | Base URL. |\n', 'Set `BOARDS_API_URL` for a test server.\n'));
    expect(checkReadmeVariables(connector, text)).toEqual([
      'The README has no table row for the variable BOARDS_API_URL (a line starting "| `BOARDS_API_URL` |").',
    ]);
  });

  it('reports a client snippet that differs from what `configure` writes', () => {
    const text = readme((t) => t.replace('"-y",\n', '').replace('"-y",\n', ''));
    expect(checkReadmeClientSnippet(connector, readme(), 'cursor')).toEqual([]);
    const problems = README_CLIENTS.flatMap((client) => checkReadmeClientSnippet(connector, text, client));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^No ```json block is the claude-desktop entry `configure claude-desktop` writes:\n\{\n {2}"mcpServers"/);
    expect(checkReadme(connector, text, { clients: ['vscode'] })).toEqual([]);
  });

  it('reports a JSON block that does not parse, and a README with none', () => {
    const text = readme((t) => `${t}\n\`\`\`json\n{ "mcpServers": { "boards": { }, } }\n\`\`\`\n`);
    expect(checkReadmeJsonBlocks(text)).toEqual([expect.stringMatching(/^```json block 5 is not valid JSON \(.+\): \{ "mcpServers"/)]);
    expect(checkReadmeJsonBlocks('# Nothing here\n')).toEqual(['The README has no ```json block (the client config snippets go there).']);
    expect(checkReadmeJsonBlocks('# Nothing here\n', { required: false })).toEqual([]);
  });
});

// The vitest tests describeReadme registers pass on the matching README (the checks above show they can fail).
const dir = mkdtempSync(join(tmpdir(), 'testkit-readme-'));
writeFileSync(join(dir, 'README.md'), readme());
describeReadme(connector, { readme: join(dir, 'README.md') });
afterAll(() => rmSync(dir, { recursive: true, force: true }));
