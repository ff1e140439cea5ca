import { ConnectorError, z, type ToolContext } from '@connectors/contract';

const page = z.object({ token: z.string(), q: z.string() });

/**
 * Google's page tokens belong to one query: a cursor carries the token with the query it was made
 * for, and is refused for another one.
 */
export function pageTokenOf(ctx: Pick<ToolContext, 'cursor'>, cursor: string | undefined, q: string): string | undefined {
  if (!cursor) return undefined;
  const state = ctx.cursor.decode(cursor, page);
  if (state.q !== q)
    throw new ConnectorError('invalid_input', 'This cursor belongs to another search.', {
      hint: 'Repeat the search with the q it was made for, or start without a cursor.',
    });
  return state.token;
}

export function cursorOf(ctx: Pick<ToolContext, 'cursor'>, token: string | undefined, q: string): { nextCursor?: string } {
  return token ? { nextCursor: ctx.cursor.encode({ token, q }) } : {};
}
