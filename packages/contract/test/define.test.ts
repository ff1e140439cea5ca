import { describe, expect, it } from 'vitest';
import { ConnectorRuntime, defineConnector, defineTool, z, type ToolDefinition } from '../src/index.js';
import { annotationsFor } from '../src/define.js';
import { notesConnector } from './support/notes-connector.js';

function tool(overrides: Partial<ToolDefinition> = {}): ToolDefinition {
  return {
    action: 'list_things',
    title: 'List things',
    description: 'List things.',
    toolset: 'things',
    access: 'read',
    input: z.object({ limit: z.number().int().max(10).optional() }),
    output: z.array(z.string()),
    examples: [{}],
    handler: async () => ({ data: [] }),
    ...overrides,
  };
}

function connector(tools: ToolDefinition[], overrides: Record<string, unknown> = {}) {
  return {
    id: 'acme',
    title: 'Acme',
    version: '1.0.0',
    description: 'Acme things.',
    config: {},
    toolsets: { things: 'Things.' },
    client: () => ({}),
    health: async () => ({}),
    tools,
    ...overrides,
  };
}

describe('defineTool', () => {
  it.each(['ListThings', 'list-things', 'list things', '1list', '', 'list.things'])('rejects the action name %j', (action) => {
    expect(() => defineTool(tool({ action }))).toThrow(/must be snake_case/);
  });

  it('accepts a snake_case action and returns the definition unchanged', () => {
    const definition = tool({ action: 'list_things_2' });
    expect(defineTool(definition)).toBe(definition);
  });

  it('rejects an empty description', () => {
    expect(() => defineTool(tool({ description: '   ' }))).toThrow(/needs a description/);
  });

  it('rejects a tool without examples', () => {
    expect(() => defineTool(tool({ examples: [] as never }))).toThrow(/at least one example/);
  });

});

describe('defineConnector', () => {
  it('rejects an id that is not lowercase', () => {
    expect(() => defineConnector(connector([tool()], { id: 'Acme' }))).toThrow(/Connector id "Acme"/);
  });

  it('rejects a tool in an unknown toolset', () => {
    expect(() => defineConnector(connector([tool({ toolset: 'widgets' })]))).toThrow(/unknown toolset "widgets"/);
  });

  it('rejects the same action twice', () => {
    expect(() => defineConnector(connector([tool(), tool()]))).toThrow(/defines "list_things" twice/);
  });

  it('rejects an action called health, which the contract registers itself', () => {
    expect(() => defineConnector(connector([tool({ action: 'health' })]))).toThrow(/"health" twice/);
  });

  it('rejects a rendered name longer than 64 characters', () => {
    const action = 'a'.repeat(60); // acme_ + 60 = 65
    expect(() => defineConnector(connector([tool({ action })]))).toThrow(/acme_a+" is invalid/);
    expect(() => defineConnector(connector([tool({ action: 'a'.repeat(59) })]))).not.toThrow();
  });

  it('renders a hyphenated id with underscores so names stay portable', () => {
    const runtime = new ConnectorRuntime(defineConnector(connector([tool()], { id: 'google-drive' })), { env: {} });
    expect(runtime.toolNames()).toEqual(['google_drive_health', 'google_drive_list_things']);
  });
});

describe('annotations', () => {
  it('derives every hint from access', () => {
    expect(annotationsFor({ title: 'T', access: 'read' })).toEqual({
      title: 'T',
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
    expect(annotationsFor({ title: 'T', access: 'write' })).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
    expect(annotationsFor({ title: 'T', access: 'write', idempotent: true })).toMatchObject({ idempotentHint: true });
    expect(annotationsFor({ title: 'T', access: 'destructive' })).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: false });
  });

  it('are what tools/list advertises for each tool', () => {
    const runtime = new ConnectorRuntime(notesConnector, { env: {} });
    const byName = Object.fromEntries(runtime.listTools().map((t) => [t.name, t.annotations]));
    expect(byName.notes_list_notes).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(byName.notes_create_note).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
    expect(byName.notes_delete_note).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.notes_health).toMatchObject({ readOnlyHint: true });
  });
});

describe('tool separator', () => {
  it('renders <id>_<action> by default', () => {
    const runtime = new ConnectorRuntime(notesConnector, { env: {} });
    expect(runtime.toolNames()).toEqual(['notes_health', 'notes_list_notes', 'notes_get_note', 'notes_create_note', 'notes_delete_note']);
  });

  it('renders <id>.<action> with the dot separator, and calls answer under that name', async () => {
    const runtime = new ConnectorRuntime(notesConnector, { env: {}, toolSeparator: '.' });
    expect(runtime.listTools().map((t) => t.name)).toEqual([
      'notes.health',
      'notes.list_notes',
      'notes.get_note',
      'notes.create_note',
      'notes.delete_note',
    ]);
    const result = await runtime.callTool('notes.health', {});
    expect(result.structuredContent).toMatchObject({ ok: true, data: { status: 'not_configured' } });
    const underscore = await runtime.callTool('notes_health', {});
    expect(underscore.structuredContent).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('still enforces the 64-character limit with the dot separator', () => {
    const definition = defineConnector(connector([tool({ action: 'a'.repeat(59) })]));
    expect(() => new ConnectorRuntime(definition, { env: {}, toolSeparator: '.' })).not.toThrow();
    const long = { ...definition, id: 'acmee' }; // acmee.aaa… = 65 characters
    expect(() => new ConnectorRuntime(long, { env: {}, toolSeparator: '.' })).toThrow(/is invalid/);
  });
});
