import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { defineConnector, defineTool, isConnectorError, z } from '../src/index.js';
import { notesConnector } from './support/notes-connector.js';
import { NOTES_URL } from './support/notes-connector.js';
import { failure, notesRuntime, success, useNock } from './support/runtime.js';

useNock();

const names = (gating: NonNullable<Parameters<typeof notesRuntime>[0]>['gating']) => notesRuntime({ gating }).runtime.toolNames();

describe('gating', () => {
  it('registers everything by default', () => {
    expect(names({})).toEqual(['notes_health', 'notes_list_notes', 'notes_get_note', 'notes_create_note', 'notes_delete_note']);
  });

  it('--read-only keeps read tools only (health included)', () => {
    expect(names({ readOnly: true })).toEqual(['notes_health', 'notes_list_notes', 'notes_get_note']);
  });

  it('--toolsets keeps the named toolsets', () => {
    expect(names({ toolsets: ['admin'] })).toEqual(['notes_health', 'notes_delete_note']);
  });

  it('--tools keeps the named tools, by action or full name', () => {
    expect(names({ tools: ['get_note', 'notes_create_note'] })).toEqual(['notes_health', 'notes_get_note', 'notes_create_note']);
  });

  it('--exclude-tools drops the named tools', () => {
    expect(names({ excludeTools: ['delete_note', 'notes_list_notes'] })).toEqual(['notes_health', 'notes_get_note', 'notes_create_note']);
  });

  it('combines: read-only wins over --tools', () => {
    expect(names({ readOnly: true, tools: ['create_note', 'get_note'] })).toEqual(['notes_health', 'notes_get_note']);
  });

  it('keeps health whatever the flags say', () => {
    expect(names({ tools: ['get_note'] })).toContain('notes_health');
    expect(names({ toolsets: ['admin'] })).toContain('notes_health');
  });

  it('refuses to exclude health rather than silently ignoring it', () => {
    expect(() => names({ excludeTools: ['notes_health'] })).toThrow(/notes_health is always on/);
  });

  it('does not list gated tools at all', () => {
    const { runtime } = notesRuntime({ gating: { readOnly: true } });
    expect(runtime.listTools().map((t) => t.name)).not.toContain('notes_create_note');
  });

  it('answers not_permitted for a gated tool, says why, and sends nothing', async () => {
    const scope = nock(NOTES_URL).post('/v1/notes').reply(201, { id: 'n1', title: 'x' });
    const { runtime } = notesRuntime({ gating: { readOnly: true } });
    const error = failure(await runtime.callTool('notes_create_note', { title: 'x' }));
    expect(error.error).toEqual({
      code: 'not_permitted',
      message: 'notes_create_note is turned off: the server runs read-only and notes_create_note is a write tool.',
      retryable: false,
      hint: 'Change the server flags or environment to enable it.',
    });
    expect(scope.isDone()).toBe(false);
  });

  it('names the flag that turned a tool off', async () => {
    const { runtime } = notesRuntime({ gating: { toolsets: ['notes'], excludeTools: ['get_note'] } });
    expect(failure(await runtime.callTool('notes_get_note', { id: 'n1' })).error.message).toMatch(/excluded by --exclude-tools/);
    expect(failure(await runtime.callTool('notes_delete_note', { id: 'n1' })).error.message).toMatch(/toolset "admin".*--toolsets/);
  });

  it.each([
    [{ toolsets: ['notez'] }, /unknown toolset "notez" \(known: notes, admin\)/],
    [{ tools: ['get_notes'] }, /unknown tool "get_notes"/],
    [{ excludeTools: ['jira_get_note'] }, /unknown tool "jira_get_note"/],
  ])('rejects names that match nothing (%j) at start-up', (gating, message) => {
    let thrown: unknown;
    try {
      notesRuntime({ gating });
    } catch (error) {
      thrown = error;
    }
    expect(isConnectorError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
  });

  it('reports the active gating in health', async () => {
    nock(NOTES_URL)
      .get('/v1/me')
      .reply(200, { name: 'Ada', workspace: 'Lab', scopes: ['notes:read'] });
    const { runtime } = notesRuntime({ gating: { readOnly: true, toolsets: ['notes'] } });
    const data = success<{ gating: unknown }>(await runtime.callTool('notes_health', {})).data;
    expect(data.gating).toEqual({ readOnly: true, toolsets: ['notes'], tools: ['notes_health', 'notes_list_notes', 'notes_get_note'] });
  });
});

describe('opt-in toolsets and tool deadlines', () => {
  const wait = defineTool({
    action: 'wait_a_while',
    title: 'Wait',
    description: 'Waits as long as asked.',
    toolset: 'admin',
    access: 'write',
    timeoutMs: 5_000,
    input: z.object({ ms: z.number().int().max(10_000) }),
    output: z.object({ waited: z.number() }),
    examples: [{ ms: 10 }],
    handler: async (input, ctx) => {
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, input.ms);
        ctx.signal.addEventListener('abort', () => (clearTimeout(timer), reject(ctx.signal.reason)), { once: true });
      });
      return { data: { waited: input.ms } };
    },
  });
  const powerful = defineConnector({ ...notesConnector, tools: [...notesConnector.tools, wait], optInToolsets: ['admin'] });

  it('keeps an opt-in toolset off until --toolsets or --tools names it, and says why', async () => {
    const off = notesRuntime({}, powerful).runtime;
    expect(off.toolNames()).toEqual(['notes_health', 'notes_list_notes', 'notes_get_note', 'notes_create_note']);
    const refused = (await off.callTool('notes_wait_a_while', { ms: 1 })).structuredContent;
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_permitted', message: expect.stringContaining('off unless --toolsets names it') } });
    expect(notesRuntime({ gating: { toolsets: ['notes', 'admin'] } }, powerful).runtime.toolNames()).toContain('notes_wait_a_while');
    expect(notesRuntime({ gating: { tools: ['wait_a_while'] } }, powerful).runtime.toolNames()).toEqual(['notes_health', 'notes_wait_a_while']);
  });

  it('gives a tool with timeoutMs its own deadline instead of the runtime’s', async () => {
    const { runtime } = notesRuntime({ gating: { toolsets: ['admin'] }, callTimeoutMs: 200 }, powerful);
    expect((await runtime.callTool('notes_wait_a_while', { ms: 600 })).structuredContent).toMatchObject({ ok: true, data: { waited: 600 } });
    const short = defineConnector({ ...powerful, tools: [...notesConnector.tools, { ...wait, timeoutMs: undefined }] });
    const { runtime: strict } = notesRuntime({ gating: { toolsets: ['admin'] }, callTimeoutMs: 200 }, short);
    expect((await strict.callTool('notes_wait_a_while', { ms: 600 })).structuredContent).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('refuses an unknown opt-in toolset and a deadline out of range', () => {
    expect(() => defineConnector({ ...notesConnector, optInToolsets: ['exec'] })).toThrow(/unknown toolset "exec" opt-in/);
    expect(() => defineConnector({ ...notesConnector, tools: [{ ...wait, timeoutMs: 10 }] })).toThrow(/timeoutMs must be/);
  });
});
