import { describe, expect, it } from 'vitest';
import { ConnectorRuntime } from '../src/server.js';
import { defineConnector, defineTool, toolNameOf, z, type ToolDefinition } from '../src/index.js';
import { annotationsFor } from '../src/definition/tool.js';
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

  it('rejects a name that clients would show as more than 64 characters (mcp__<id>__<name>)', () => {
    const action = 'a'.repeat(49); // mcp__acme__ + acme_ + 49 = 65
    expect(() => defineConnector(connector([tool({ action })]))).toThrow(
      /acme_a+" is too long: clients show it as "mcp__acme__acme_a+" \(65 characters, at most 64\)/,
    );
    expect(() => defineConnector(connector([tool({ action: 'a'.repeat(48) })]))).not.toThrow();
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
    expect(runtime.listTools().map((t) => t.name)).toEqual(['notes.health', 'notes.list_notes', 'notes.get_note', 'notes.create_note', 'notes.delete_note']);
    const result = await runtime.callTool('notes.health', {});
    expect(result.structuredContent).toMatchObject({ ok: true, data: { status: 'not_configured' } });
    const underscore = await runtime.callTool('notes_health', {});
    expect(underscore.structuredContent).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('still enforces the 64-character limit with the dot separator', () => {
    // Built without defineConnector (as a hand-made definition would be): the runtime checks again.
    const definition = { ...defineConnector(connector([tool()])), tools: [tool({ action: 'a'.repeat(59) })] };
    expect(() => new ConnectorRuntime(definition, { env: {}, toolSeparator: '.' })).not.toThrow();
    const long = { ...definition, id: 'acmee' }; // acmee.aaa… = 65 characters
    expect(() => new ConnectorRuntime(long, { env: {}, toolSeparator: '.' })).toThrow(/is invalid/);
  });
});

describe('tool namespaces', () => {
  const tool = (action: string, toolset: string, access: 'read' | 'write' = 'read', checkWith?: string[]) =>
    defineTool({
      action,
      title: action,
      description: `Does ${action}.`,
      toolset,
      access,
      ...(checkWith ? { checkWith } : {}),
      input: z.object({ idempotencyKey: z.string().max(100).optional() }),
      output: z.object({ ok: z.boolean() }),
      examples: [{}],
      handler: async () => ({ data: { ok: true } }),
    });
  const base = {
    id: 'google-workspace',
    title: 'Google Workspace',
    version: '1.0.0',
    description: 'Several products in one package.',
    config: {},
    toolsets: { gmail: 'Mail.', drive: 'Files.', admin: 'Admin.' },
    client: () => ({}),
    health: async () => ({}),
  };

  it('renders each toolset under its own prefix, health and the rest under the id', () => {
    const connector = defineConnector({
      ...base,
      namespaces: { gmail: 'gmail', drive: 'google_drive' },
      tools: [
        tool('search_messages', 'gmail'),
        tool('send_message', 'gmail', 'write', ['search_messages']),
        tool('search_files', 'drive'),
        tool('list_users', 'admin'),
      ],
    });
    const runtime = new ConnectorRuntime(connector, { env: {}, logLevel: 'silent' });
    expect(runtime.toolNames()).toEqual([
      'google_workspace_health',
      'gmail_search_messages',
      'gmail_send_message',
      'google_drive_search_files',
      'google_workspace_list_users',
    ]);
    expect(toolNameOf(connector, 'search_files', '.')).toBe('google_drive.search_files');
    expect(new ConnectorRuntime(connector, { env: {}, gating: { toolsets: ['drive'] } }).toolNames()).toEqual([
      'google_workspace_health',
      'google_drive_search_files',
    ]);
    expect(new ConnectorRuntime(connector, { env: {}, gating: { tools: ['gmail_search_messages'] } }).toolNames()).toEqual([
      'google_workspace_health',
      'gmail_search_messages',
    ]);
  });

  it('registers only the toolsets the configuration enables', async () => {
    const connector = defineConnector({
      ...base,
      config: { SERVICES: { description: 'Services to use.', default: 'gmail,drive' } },
      toolsetsEnabled: (values) => (values.SERVICES ?? '').split(','),
      namespaces: { gmail: 'gmail', drive: 'google_drive' },
      tools: [tool('search_messages', 'gmail'), tool('search_files', 'drive'), tool('list_users', 'admin')],
    });
    expect(new ConnectorRuntime(connector, { env: {} }).toolNames()).toEqual(['google_workspace_health', 'gmail_search_messages', 'google_drive_search_files']);
    const mailOnly = new ConnectorRuntime(connector, { env: { SERVICES: 'gmail' } });
    expect(mailOnly.toolNames()).toEqual(['google_workspace_health', 'gmail_search_messages']);
    const result = await mailOnly.callTool('google_drive_search_files', {});
    expect(result.structuredContent).toMatchObject({
      ok: false,
      error: { code: 'not_permitted', message: expect.stringContaining('which the configuration does not enable') },
    });
  });

  it('refuses a namespace for an unknown toolset, one that is not snake_case, two tools rendered alike, and names too long for a client prefix', () => {
    expect(() => defineConnector({ ...base, namespaces: { calendar: 'google_calendar' }, tools: [] })).toThrow(/unknown toolset "calendar"/);
    expect(() => defineConnector({ ...base, namespaces: { drive: 'Google-Drive' }, tools: [] })).toThrow(/must be snake_case/);
    expect(() => defineConnector({ ...base, namespaces: { gmail: 'a_b', drive: 'a' }, tools: [tool('c', 'gmail'), tool('b_c', 'drive')] })).toThrow(
      /renders "a_b_c" twice/,
    );
    expect(() =>
      defineConnector({ ...base, namespaces: { drive: 'google_drive' }, tools: [tool('list_every_shared_drive_permission_change', 'drive')] }),
    ).toThrow(/clients show it as "mcp__google-workspace__google_drive_list_every_shared_drive_permission_change" \(\d+ characters, at most 64\)/);
  });
});
