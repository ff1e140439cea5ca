import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../src/runtime/cursor.js';
import { z } from '../src/index.js';
import { NOTES_URL } from './support/notes-connector.js';
import { failure, notesRuntime, success, useNock } from './support/runtime.js';

useNock();

describe('cursors', () => {
  it('round-trip as opaque base64url', () => {
    const cursor = encodeCursor('notes_list_notes', { page: 'p2', offset: 20 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('notes_list_notes', cursor, z.object({ page: z.string(), offset: z.number() }))).toEqual({ page: 'p2', offset: 20 });
  });

  it('walk pages: nextCursor from one call drives the vendor page token of the next', async () => {
    const scope = nock(NOTES_URL)
      .get('/v1/notes')
      .query({ page_size: '2' })
      .reply(200, {
        items: [
          { id: 'n1', title: 'a' },
          { id: 'n2', title: 'b' },
        ],
        next: 'tok-2',
      })
      .get('/v1/notes')
      .query({ page_size: '2', page_token: 'tok-2' })
      .reply(200, { items: [{ id: 'n3', title: 'c' }], next: null });
    const { runtime } = notesRuntime();
    const first = success(await runtime.callTool('notes_list_notes', { limit: 2 }));
    expect(first.nextCursor).toBeTruthy();
    expect(first.nextCursor).not.toContain('tok-2');
    const second = success(await runtime.callTool('notes_list_notes', { limit: 2, cursor: first.nextCursor }));
    expect(second.data).toEqual([{ id: 'n3', title: 'c' }]);
    expect(second).not.toHaveProperty('nextCursor');
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['garbage', 'not a cursor!!'],
    ['tampered state', encodeCursor('notes_list_notes', { page: 42 })],
    ['valid base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['JSON that is not a cursor', Buffer.from('"just a string"').toString('base64url')],
    ['a cursor from another tool', encodeCursor('notes_search', { page: 'p2' })],
    ['a cursor from another connector', encodeCursor('jira_list_notes', { page: 'p2' })],
  ])('answers invalid_input for %s, and sends nothing', async (_what, cursor) => {
    const scope = nock(NOTES_URL).get('/v1/notes').query(true).reply(200, { items: [], next: null });
    const { runtime } = notesRuntime();
    const error = failure(await runtime.callTool('notes_list_notes', { cursor }));
    expect(error.error).toMatchObject({ code: 'invalid_input', message: 'cursor is not valid for this tool' });
    expect(error.error.hint).toMatch(/nextCursor/);
    expect(scope.isDone()).toBe(false);
  });

  it('refuses an absurdly long cursor at the schema', async () => {
    const { runtime } = notesRuntime();
    const error = failure(await runtime.callTool('notes_list_notes', { cursor: 'a'.repeat(5000) }));
    expect(error.error.message).toMatch(/^Invalid arguments: cursor:/);
  });
});
