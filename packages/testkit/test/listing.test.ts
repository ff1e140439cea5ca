import { describe, expect, it } from 'vitest';
import {
  checkHealthTool,
  checkInputLimits,
  checkToolDescriptors,
  checkToolNames,
  checkToolsListSize,
  createTestRuntime,
  findUnboundedInputs,
  measureToolsList,
} from '../src/index.js';
import { notesConnector } from './fixtures/notes-connector.js';

const listing = (breakage = {}) => createTestRuntime(notesConnector(breakage)).listTools();

describe('checkToolNames', () => {
  it('passes the names the contract renders', () => {
    expect(checkToolNames(listing())).toEqual([]);
  });

  it('reports dotted, over-long and duplicate names', () => {
    const problems = checkToolNames([{ name: 'jira.search' }, { name: 'x'.repeat(65) }, { name: 'a_b' }, { name: 'a_b' }]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('"jira.search" does not match');
    expect(problems[1]).toContain(`"${'x'.repeat(65)}" does not match`);
    expect(problems[2]).toBe('"a_b" is listed twice.');
  });
});

describe('checkToolDescriptors', () => {
  it('reports a missing description and missing schemas', () => {
    const [good] = listing();
    const broken = { ...good!, name: 'notes_broken', description: '  ', outputSchema: undefined as never, inputSchema: { type: 'string' } };
    expect(checkToolDescriptors([good!, broken])).toEqual([
      'notes_broken has no description.',
      'notes_broken has no object inputSchema.',
      'notes_broken has no object outputSchema.',
    ]);
  });
});

describe('checkHealthTool', () => {
  it('finds <id>_health, or says it is missing', () => {
    const tools = listing();
    expect(checkHealthTool(tools, 'notes')).toEqual([]);
    expect(
      checkHealthTool(
        tools.filter((t) => t.name !== 'notes_health'),
        'notes',
      ),
    ).toEqual(['notes_health is missing from tools/list.']);
  });
});

describe('findUnboundedInputs', () => {
  it('passes tools whose inputs all have limits', () => {
    expect(checkInputLimits(listing())).toEqual([]);
  });

  it('names every string, array and number without a limit, nested ones included', () => {
    const search = listing({ unboundedTool: true }).find((t) => t.name === 'notes_search_notes')!;
    expect(findUnboundedInputs(search)).toEqual([
      'notes_search_notes: query (string) has no maxLength, pattern, format or enum.',
      'notes_search_notes: tags (array) has no maxItems.',
      'notes_search_notes: page (integer) has no maximum or enum (.int() alone only bounds it to the safe-integer range).',
      'notes_search_notes: filter.author (string) has no maxLength, pattern, format or enum.',
    ]);
  });

  it('follows anyOf, items, additionalProperties and $ref', () => {
    const problems = findUnboundedInputs({
      name: 't',
      inputSchema: {
        type: 'object',
        properties: {
          either: { anyOf: [{ type: 'string' }, { type: 'number', maximum: 5 }] },
          list: { type: 'array', maxItems: 3, items: { type: 'number' } },
          map: { type: 'object', additionalProperties: { type: 'string' } },
          ref: { $ref: '#/$defs/node' },
          ok: { type: 'string', enum: ['a', 'b'] },
        },
        $defs: { node: { type: 'object', properties: { label: { type: 'string' }, child: { $ref: '#/$defs/node' } } } },
      },
    });
    expect(problems).toEqual([
      't: either (string) has no maxLength, pattern, format or enum.',
      't: list[] (number) has no maximum or enum.',
      't: map.* (string) has no maxLength, pattern, format or enum.',
      't: ref.label (string) has no maxLength, pattern, format or enum.',
    ]);
  });
});

describe('tools/list size', () => {
  it('measures the listing and reports it when over the budget, largest tools first', () => {
    const tools = listing();
    const size = measureToolsList(tools);
    expect(size.bytes).toBe(Buffer.byteLength(JSON.stringify({ tools })));
    expect(size.perTool[0]!.bytes).toBeGreaterThanOrEqual(size.perTool.at(-1)!.bytes);
    expect(checkToolsListSize(tools)).toEqual([]);
    const [problem] = checkToolsListSize(tools, 1000);
    expect(problem).toMatch(/^tools\/list is \d+\.\d kB for 4 tools, over the budget of 1\.0 kB\. Largest: notes_\w+ \d/);
  });
});
