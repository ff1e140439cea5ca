import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { toolNameOf, type ConnectorDefinition } from '@connectors/contract';
import { directoryOf } from './connector-harness.js';
import { markdownTables } from './readme.js';

export interface StructureOptions {
  /** The connector's folder: `new URL('..', import.meta.url)` from a file in `test/`, or a path. */
  packageDir: string | URL;
  /**
   * Markdown files whose tool table (a table with a `Tool` column) must have a row per tool.
   * Default: the package's README.md, and `docs/connectors/<id>.md` of the repository the package
   * is in, when that repository has a `docs/connectors/` folder (the generated reference pages,
   * which list the tools registered by default: tools of opt-in toolsets need no row there).
   */
  docs?: readonly (string | URL)[];
}

/**
 * The layout every connector keeps, so a tool cannot be added half-way: each tool (the built-in
 * health aside) has its test file `test/tools/<action-with-hyphens>.test.ts` (the request it
 * sends, the envelope it returns, its error paths), and no file there names a tool that does not
 * exist; a row in each reference page's tool table; and at least one example, each passing the
 * tool's input schema. Returns the problems, each naming what is missing (empty = pass).
 */
export function checkStructure(connector: ConnectorDefinition, options: StructureOptions): string[] {
  const packageDir = directoryOf(options.packageDir);
  return [...checkToolTestFiles(connector, packageDir), ...checkDocsRows(connector, packageDir, options.docs), ...checkToolExamples(connector)];
}

/** `search_issues` → `test/tools/search-issues.test.ts`. */
export function toolTestFile(action: string): string {
  return `test/tools/${action.replaceAll('_', '-')}.test.ts`;
}

function checkToolTestFiles(connector: ConnectorDefinition, packageDir: string): string[] {
  const problems: string[] = [];
  const expected = new Set(connector.tools.map((tool) => toolTestFile(tool.action)));
  for (const tool of connector.tools) {
    const file = toolTestFile(tool.action);
    if (!existsSync(join(packageDir, file))) {
      problems.push(`${toolNameOf(connector, tool.action)} has no test file: add ${file} (the request it sends, the envelope it returns, its error paths).`);
    }
  }
  const toolsDir = join(packageDir, 'test', 'tools');
  const present = existsSync(toolsDir) ? readdirSync(toolsDir).filter((name) => name.endsWith('.test.ts')) : [];
  for (const name of present) {
    const file = `test/tools/${name}`;
    if (!expected.has(file)) problems.push(`${file} names no tool of ${connector.id}: each tool has test/tools/<action-with-hyphens>.test.ts.`);
  }
  return problems;
}

function checkDocsRows(connector: ConnectorDefinition, packageDir: string, docs: StructureOptions['docs']): string[] {
  const pages = docs ? docs.map((page) => ({ path: directoryOf(page), generated: false })) : defaultDocs(connector, packageDir);
  const optIn = new Set(connector.optInToolsets ?? []);
  const problems: string[] = [];
  for (const { path: page, generated } of pages) {
    const shown = relative(packageDir, page) || page;
    if (!existsSync(page)) {
      problems.push(`${shown} does not exist${page.endsWith(join('docs', 'connectors', `${connector.id}.md`)) ? ' (generate it: pnpm run docs)' : ''}.`);
      continue;
    }
    const tables = markdownTables(readFileSync(page, 'utf8')).filter((table) => table.header[0] === 'tool');
    if (!tables.length) {
      problems.push(`${shown} has no tool table (a Markdown table whose first column is Tool).`);
      continue;
    }
    const listed = new Set(tables.flatMap((table) => table.rows.map((cells) => /`([^`]+)`/.exec(cells[0] ?? '')?.[1])));
    for (const tool of connector.tools) {
      const name = toolNameOf(connector, tool.action);
      if (generated && optIn.has(tool.toolset)) continue;
      if (!listed.has(name)) problems.push(`${shown} has no tool table row for ${name}.`);
    }
  }
  return problems;
}

/** The README, and the repository's generated page when the repository has generated pages. */
function defaultDocs(connector: ConnectorDefinition, packageDir: string): { path: string; generated: boolean }[] {
  const pages = [{ path: join(packageDir, 'README.md'), generated: false }];
  const root = projectRoot(packageDir);
  if (root && existsSync(join(root, 'docs', 'connectors'))) pages.push({ path: join(root, 'docs', 'connectors', `${connector.id}.md`), generated: true });
  return pages;
}

/** The nearest folder at or above `dir` that is a workspace or repository root. */
function projectRoot(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, 'pnpm-workspace.yaml')) || existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

function checkToolExamples(connector: ConnectorDefinition): string[] {
  const problems: string[] = [];
  for (const tool of connector.tools) {
    const name = toolNameOf(connector, tool.action);
    if (!tool.examples?.length) {
      problems.push(`${name} has no example: add \`examples: [{ ... }]\` to its definition.`);
      continue;
    }
    tool.examples.forEach((example, index) => {
      const parsed = tool.input.safeParse(example);
      if (parsed.success) return;
      const issues = parsed.error.issues
        .map((issue: { path: PropertyKey[]; message: string }) => `${issue.path.map(String).join('.') || '(input)'}: ${issue.message}`)
        .join('; ');
      problems.push(`${name} example ${index + 1} ${JSON.stringify(example)} does not pass its input schema: ${issues}.`);
    });
  }
  return problems;
}
