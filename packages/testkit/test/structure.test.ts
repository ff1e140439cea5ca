// checkStructure passes on a connector laid out as the rule says, and names each thing that is missing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkStructure, toolTestFile } from '../src/index.js';
import { notesConnector } from './fixtures/notes-connector.js';

const TABLE = ['| Tool | Access | What it does |', '| --- | --- | --- |'];
const ROWS = [
  '| `notes_health` | read | Checks. |',
  '| `notes_list_notes` | read | Lists. |',
  '| `notes_get_note` | read | Gets. |',
  '| `notes_create_note` | write | Creates. |',
];

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A repository with packages/notes laid out as the rule says, and its generated page; `docs: false` leaves docs/connectors out. */
function repository(options: { docs?: boolean } = {}): { root: string; packageDir: string } {
  root = mkdtempSync(join(tmpdir(), 'testkit-structure-'));
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  const packageDir = join(root, 'packages', 'notes');
  mkdirSync(join(packageDir, 'test', 'tools'), { recursive: true });
  for (const action of ['list_notes', 'get_note', 'create_note']) writeFileSync(join(packageDir, toolTestFile(action)), '');
  writeFileSync(join(packageDir, 'README.md'), ['# Notes', '', ...TABLE, ...ROWS, ''].join('\n'));
  if (options.docs !== false) {
    mkdirSync(join(root, 'docs', 'connectors'), { recursive: true });
    const linked = ROWS.map((row) => row.replace(/`(\w+)`/, '[`$1`](#$1)'));
    writeFileSync(join(root, 'docs', 'connectors', 'notes.md'), ['# Notes', '', ...TABLE, ...linked, ''].join('\n'));
  }
  return { root, packageDir };
}

describe('checkStructure', () => {
  it('passes a connector with a test file, a README row, a reference-page row and valid examples per tool', () => {
    const { packageDir } = repository();
    expect(checkStructure(notesConnector(), { packageDir })).toEqual([]);
    expect(checkStructure(notesConnector(), { packageDir: pathToFileURL(`${packageDir}/`) })).toEqual([]);
  });

  it('names a tool whose test file is missing, and a test file that names no tool', () => {
    const { packageDir } = repository();
    rmSync(join(packageDir, 'test', 'tools', 'get-note.test.ts'));
    writeFileSync(join(packageDir, 'test', 'tools', 'notes.test.ts'), '');
    expect(checkStructure(notesConnector(), { packageDir })).toEqual([
      'notes_get_note has no test file: add test/tools/get-note.test.ts (the request it sends, the envelope it returns, its error paths).',
      'test/tools/notes.test.ts names no tool of notes: each tool has test/tools/<action-with-hyphens>.test.ts.',
    ]);
  });

  it('names a tool missing from the README table and from the generated page, and a page that was never generated', () => {
    const { root, packageDir } = repository();
    writeFileSync(join(packageDir, 'README.md'), ['# Notes', '', ...TABLE, ...ROWS.filter((row) => !row.includes('create_note')), ''].join('\n'));
    writeFileSync(join(root, 'docs', 'connectors', 'notes.md'), '# Notes\n\nNo table.\n');
    expect(checkStructure(notesConnector(), { packageDir })).toEqual([
      'README.md has no tool table row for notes_create_note.',
      '../../docs/connectors/notes.md has no tool table (a Markdown table whose first column is Tool).',
    ]);
    rmSync(join(root, 'docs', 'connectors', 'notes.md'));
    expect(checkStructure(notesConnector(), { packageDir })).toContain('../../docs/connectors/notes.md does not exist (generate it: pnpm run docs).');
  });

  it('does not ask the generated page for tools of opt-in toolsets, which it leaves out; the README lists them still', () => {
    const { root, packageDir } = repository();
    const connector = { ...notesConnector(), optInToolsets: ['notes'] };
    const withoutCreate = (text: string) => text.replace(/^.*notes_create_note.*\n/m, '');
    const page = join(root, 'docs', 'connectors', 'notes.md');
    writeFileSync(page, withoutCreate(readFileSync(page, 'utf8')));
    expect(checkStructure(connector, { packageDir })).toEqual([]);
    writeFileSync(join(packageDir, 'README.md'), withoutCreate(readFileSync(join(packageDir, 'README.md'), 'utf8')));
    expect(checkStructure(connector, { packageDir })).toEqual(['README.md has no tool table row for notes_create_note.']);
  });

  it('checks only the README where the repository has no generated pages, or the pages it is given', () => {
    const { packageDir } = repository({ docs: false });
    expect(checkStructure(notesConnector(), { packageDir })).toEqual([]);
    expect(checkStructure(notesConnector(), { packageDir, docs: [join(packageDir, 'TOOLS.md')] })).toEqual(['TOOLS.md does not exist.']);
  });

  it('names an example that does not pass its tool’s input schema', () => {
    const { packageDir } = repository();
    const connector = notesConnector();
    const broken = {
      ...connector,
      tools: connector.tools.map((tool) => (tool.action === 'get_note' ? { ...tool, examples: [{ noteId: 'n_0001' }, { noteId: 'bad id' }] } : tool)),
    };
    expect(checkStructure(broken as typeof connector, { packageDir })).toEqual([
      expect.stringMatching(/^notes_get_note example 2 \{"noteId":"bad id"\} does not pass its input schema: noteId: .+\.$/),
    ]);
  });
});
