import { defineConnector, defineTool, envVar, type HttpClient, inputs, urlPath, z, type ToolContext, type VendorResponse } from '../../src/index.js';

/**
 * A small but real connector against an imaginary Notes API, used by the runtime tests.
 * Its HTTP goes through the contract's HttpClient, so nock sees exactly what a vendor would.
 */
export const NOTES_URL = 'https://api.notes.test';
/** Obviously fake; the tests assert it never leaves the process. */
export const CANARY_TOKEN = 'canary-notes-token-0000-not-real';

type Ctx = ToolContext<HttpClient>;

const note = z.object({ id: z.string(), title: z.string() });

const config = {
  NOTES_API_TOKEN: envVar.secret('API token for the Notes API.', { required: true }),
  NOTES_API_URL: envVar.url('Base URL of the Notes API.', { default: NOTES_URL }),
};

export const listNotes = defineTool({
  action: 'list_notes',
  title: 'List notes',
  description: 'List notes, newest first.',
  toolset: 'notes',
  access: 'read',
  input: z.object({ limit: inputs.limit(10, 50), cursor: inputs.cursor(), fields: inputs.fields() }),
  output: z.array(note),
  examples: [{}, { limit: 5 }],
  handler: async (input, ctx: Ctx) => {
    const pageToken = input.cursor ? ctx.cursor.decode(input.cursor, z.object({ page: z.string() })).page : undefined;
    const page = await ctx.client.get<{ items: { id: string; title: string }[]; next: string | null }>('/v1/notes', {
      page_size: input.limit,
      page_token: pageToken,
    });
    return {
      data: page.items.map(({ id, title }) => ({ id, title })),
      ...(page.next ? { nextCursor: ctx.cursor.encode({ page: page.next }) } : {}),
    };
  },
});

export const getNote = defineTool({
  action: 'get_note',
  title: 'Get note',
  description: 'Read one note by id.',
  toolset: 'notes',
  access: 'read',
  input: z.object({ id: z.string().min(1) }),
  output: note.extend({ body: z.string() }),
  examples: [{ id: 'n1' }],
  handler: async (input, ctx: Ctx) => {
    const raw = await ctx.client.get<{ id: string; title: string; body: string }>(urlPath`/v1/notes/${input.id}`);
    return { data: { id: raw.id, title: raw.title, body: raw.body } };
  },
});

export const createNote = defineTool({
  action: 'create_note',
  title: 'Create note',
  description: 'Create a note. Pass an idempotencyKey so a retry never creates it twice.',
  toolset: 'notes',
  access: 'write',
  input: z.object({ title: z.string().min(1).max(200), body: z.string().optional(), idempotencyKey: inputs.idempotencyKey() }),
  output: note,
  examples: [{ title: 'Groceries', idempotencyKey: 'groceries-0001' }],
  handler: async (input, ctx: Ctx) => {
    const { data } = await ctx.client.request<{ id: string; title: string }>({
      method: 'POST',
      path: '/v1/notes',
      json: { title: input.title, body: input.body },
    });
    return { data: { id: data.id, title: data.title } };
  },
});

export const deleteNote = defineTool({
  action: 'delete_note',
  title: 'Delete note',
  description: 'Delete a note for good.',
  toolset: 'admin',
  access: 'destructive',
  input: z.object({ id: z.string().min(1) }),
  output: z.object({ deleted: z.boolean() }),
  examples: [{ id: 'n1' }],
  handler: async (input, ctx: Ctx) => {
    await ctx.client.request({ method: 'DELETE', path: urlPath`/v1/notes/${input.id}` });
    return { data: { deleted: true } };
  },
});

/** Notes errors look like `{ "error": { "code": "note_missing", "message": "..." } }`. */
function classifyError(response: VendorResponse) {
  const error = (response.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  if (!error || typeof error !== 'object') return undefined;
  return { message: error.message, vendorCode: error.code };
}

function parseRateLimit(response: VendorResponse) {
  const remaining = response.headers.get('x-ratelimit-remaining');
  if (remaining === null) return undefined;
  return { limit: Number(response.headers.get('x-ratelimit-limit')), remaining: Number(remaining), resetAt: '2030-01-01T00:00:00.000Z' };
}

export const notesConnector = defineConnector({
  id: 'notes',
  title: 'Notes',
  version: '1.2.3',
  description: 'Notes for tests.',
  config,
  toolsets: { notes: 'Read and write notes.', admin: 'Dangerous operations.' },
  client: (values, deps) => {
    return deps.http({
      vendor: 'Notes',
      baseUrl: values.NOTES_API_URL!,
      headers: () => ({ authorization: `Bearer ${values.NOTES_API_TOKEN}` }),
      classifyError,
      parseRateLimit,
    });
  },
  health: async ({ client }) => {
    const me = await client.get<{ name: string; workspace: string; scopes: string[] }>('/v1/me');
    return { user: me.name, org: me.workspace, scopes: me.scopes, authMode: 'api_token' };
  },
  tools: [listNotes, getNote, createNote, deleteNote],
});

export const configuredEnv = { NOTES_API_TOKEN: CANARY_TOKEN };
