import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clientConfigSnippet, README_CLIENTS, type McpClient } from '@connectors/contract/clients';
import { toolNameOf, type ConnectorDefinition } from '@connectors/contract';
import type { ToolDescriptor } from '@connectors/contract/server';
import { describe, expect, it } from 'vitest';
import { createTestRuntime } from './harness.js';

export interface ReadmeCheckOptions {
  /**
   * Clients whose entry must appear in a ```json block exactly as `configure <client>` writes it
   * (`clientConfigSnippet`, pretty-printed with two spaces). Default: the clients READMEs show (`README_CLIENTS`).
   */
  clients?: readonly McpClient[];
  /**
   * Whether the Access column spells out idempotent writes as `write (idempotent)` (default true).
   * With false, every write is `write`.
   */
  idempotentWrites?: boolean;
}

export interface DescribeReadmeOptions extends ReadmeCheckOptions {
  /** Where the README is: `new URL('../README.md', import.meta.url)`, or a file path. */
  readme: string | URL;
}

/**
 * Registers the vitest tests that keep a hand-written README in step with the code: the tool
 * table, the configuration variables, the client snippets, and that every ```json block parses.
 */
export function describeReadme(connector: ConnectorDefinition, options: DescribeReadmeOptions): void {
  const readme = readFileSync(options.readme instanceof URL ? fileURLToPath(options.readme) : options.readme, 'utf8');
  const expectNone = (problems: string[]) => expect(problems).toEqual([]);
  describe('README', () => {
    it('has one tool table row per registered tool, with its access', () => expectNone(checkReadmeToolTable(connector, readme, options)));
    it('documents every configuration variable', () => expectNone(checkReadmeVariables(connector, readme)));
    const clients = options.clients ?? README_CLIENTS;
    if (clients.length) {
      it.each(clients)('shows the %s entry exactly as `configure` writes it', (client) => expectNone(checkReadmeClientSnippet(connector, readme, client)));
    }
    it('has no JSON block that is not valid JSON', () => expectNone(checkReadmeJsonBlocks(readme, { required: clients.length > 0 })));
  });
}

/** Every README check at once; an empty list means the README matches the code. */
export function checkReadme(connector: ConnectorDefinition, readme: string, options: ReadmeCheckOptions = {}): string[] {
  const clients = options.clients ?? README_CLIENTS;
  return [
    ...checkReadmeToolTable(connector, readme, options),
    ...checkReadmeVariables(connector, readme),
    ...clients.flatMap((client) => checkReadmeClientSnippet(connector, readme, client)),
    ...checkReadmeJsonBlocks(readme, { required: clients.length > 0 }),
  ];
}

/**
 * The tool table (the Markdown table whose header has a `Tool` and an `Access` column) lists every
 * tool the connector registers by default or with its opt-in toolsets named (users need to know
 * those exist too), in registration order, once each, as `` `name` `` in
 * the first column, with its access: `read`, `write`, `write (idempotent)` or `destructive`, as
 * derived from the annotations clients see. A `Toolset` column, when there is one, must name each
 * tool's toolset (`<id>_health` belongs to none and is not checked).
 */
export function checkReadmeToolTable(connector: ConnectorDefinition, readme: string, options: Pick<ReadmeCheckOptions, 'idempotentWrites'> = {}): string[] {
  const table = markdownTables(readme).find((t) => t.header.includes('tool') && t.header.includes('access'));
  if (!table) return ['No tool table: expected a Markdown table with a `Tool` and an `Access` column.'];
  const access = table.header.indexOf('access');
  const toolset = table.header.indexOf('toolset');
  const optIn = connector.optInToolsets?.length ? { gating: { toolsets: Object.keys(connector.toolsets) } } : {};
  const tools = createTestRuntime(connector, optIn).listTools();
  const definitions = new Map(connector.tools.map((tool) => [toolNameOf(connector, tool.action), tool]));
  const problems: string[] = [];

  const rows = table.rows.map((cells) => ({ name: /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1], cells }));
  for (const row of rows) if (!row.name) problems.push(`A tool table row does not start with a \`tool_name\`: | ${row.cells.join(' | ')} |`);
  const named = rows.filter((row): row is { name: string; cells: string[] } => row.name !== undefined);
  const listed = named.map((row) => row.name);
  const registered = tools.map((tool) => tool.name);
  const missing = registered.filter((name) => !listed.includes(name));
  const unknown = listed.filter((name) => !registered.includes(name));
  const repeated = listed.filter((name, i) => listed.indexOf(name) !== i);
  if (missing.length) problems.push(`The tool table lacks ${missing.join(', ')}.`);
  if (unknown.length) problems.push(`The tool table lists tools the connector does not register: ${unknown.join(', ')}.`);
  if (repeated.length) problems.push(`The tool table lists ${[...new Set(repeated)].join(', ')} more than once.`);
  if (!missing.length && !unknown.length && !repeated.length && listed.join() !== registered.join()) {
    problems.push(`The tool table is not in registration order (tools/list order): expected ${registered.join(', ')}.`);
  }

  for (const row of named) {
    const tool = tools.find((t) => t.name === row.name);
    if (!tool) continue;
    const expectedAccess = accessLabel(tool, options.idempotentWrites ?? true);
    if (row.cells[access] !== expectedAccess) problems.push(`${row.name}: Access is "${row.cells[access] ?? ''}", expected "${expectedAccess}".`);
    const definition = definitions.get(row.name);
    if (toolset >= 0 && definition && row.cells[toolset] !== definition.toolset) {
      problems.push(`${row.name}: Toolset is "${row.cells[toolset] ?? ''}", expected "${definition.toolset}".`);
    }
  }
  return problems;
}

/** Every configuration variable has a table row of its own: a line starting `` | `NAME` | ``. */
export function checkReadmeVariables(connector: Pick<ConnectorDefinition, 'config'>, readme: string): string[] {
  const lines = readme.split('\n');
  return Object.keys(connector.config)
    .filter((name) => !lines.some((line) => line.startsWith(`| \`${name}\` |`)))
    .map((name) => `The README has no table row for the variable ${name} (a line starting "| \`${name}\` |").`);
}

/** The client's entry appears in a ```json block exactly as `configure <client>` writes it. */
export function checkReadmeClientSnippet(connector: ConnectorDefinition, readme: string, client: McpClient): string[] {
  const expected = JSON.stringify(clientConfigSnippet(connector, client).snippet, null, 2);
  if (jsonBlocks(readme).includes(expected)) return [];
  return [`No \`\`\`json block is the ${client} entry \`configure ${client}\` writes:\n${expected}`];
}

/** Every ```json block parses; with `required` (default true) there must be at least one. */
export function checkReadmeJsonBlocks(readme: string, options: { required?: boolean } = {}): string[] {
  const blocks = jsonBlocks(readme);
  const problems: string[] = [];
  if (blocks.length === 0 && (options.required ?? true)) problems.push('The README has no ```json block (the client config snippets go there).');
  blocks.forEach((block, i) => {
    try {
      JSON.parse(block);
    } catch (error) {
      problems.push(`\`\`\`json block ${i + 1} is not valid JSON (${(error as Error).message}): ${block.slice(0, 80)}`);
    }
  });
  return problems;
}

/** `read`, `write`, `write (idempotent)` or `destructive`, from the annotations clients see. */
function accessLabel(tool: ToolDescriptor, idempotentWrites: boolean): string {
  const { readOnlyHint, destructiveHint, idempotentHint } = tool.annotations;
  if (readOnlyHint) return 'read';
  if (destructiveHint) return 'destructive';
  return idempotentWrites && idempotentHint ? 'write (idempotent)' : 'write';
}

function jsonBlocks(readme: string): string[] {
  return [...readme.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
}

export interface MarkdownTable {
  /** Header cells, lower case. */
  header: string[];
  rows: string[][];
}

/** The pipe tables of a Markdown text: a header row, a `| --- |` separator, then rows. */
export function markdownTables(text: string): MarkdownTable[] {
  const lines = text.split('\n');
  const tables: MarkdownTable[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!isRow(lines[i]!) || !/^\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(lines[i + 1]!)) continue;
    const header = cells(lines[i]!).map((cell) => cell.toLowerCase());
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && isRow(lines[j]!); j++) rows.push(cells(lines[j]!));
    tables.push({ header, rows });
    i = j - 1;
  }
  return tables;
}

function isRow(line: string): boolean {
  return line.trimStart().startsWith('|');
}

/** The cells of a table row, trimmed; `\|` inside a cell is not a separator. */
function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim());
}
