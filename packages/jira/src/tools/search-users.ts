import { inputs, z } from '@connectors/contract';
import { jiraTool } from '../client.js';
import type { JiraUser } from '../projection.js';
import { text } from '../schemas.js';

const cursorState = z.object({ startAt: z.number().int().min(0) });

export const searchUsers = jiraTool({
  action: 'search_users',
  title: 'Search users',
  description: 'Find people by name or email to get their accountId.',
  toolset: 'users',
  access: 'read',
  input: z.object({
    query: text(1, 200),
    limit: inputs.limit(10, 50),
    cursor: inputs.cursor(),
  }),
  output: z.array(
    z.object({ accountId: z.string(), name: z.string().nullable(), email: z.string().optional(), active: z.boolean(), type: z.string().optional() }),
  ),
  examples: [{ query: 'mia' }, { query: 'mia@example.com', limit: 5 }],
  handler: async (input, ctx) => {
    const startAt = input.cursor ? ctx.cursor.decode(input.cursor, cursorState).startAt : 0;
    const users = await ctx.client.get<JiraUser[]>('/rest/api/3/user/search', { query: input.query, startAt, maxResults: input.limit });
    const list = Array.isArray(users) ? users : [];
    return {
      data: list
        .filter((user) => typeof user.accountId === 'string')
        .map((user) => ({
          accountId: user.accountId!,
          name: user.displayName ?? null,
          ...(user.emailAddress ? { email: user.emailAddress } : {}),
          active: user.active !== false,
          ...(user.accountType && user.accountType !== 'atlassian' ? { type: user.accountType } : {}),
        })),
      ...(list.length === input.limit ? { nextCursor: ctx.cursor.encode({ startAt: startAt + list.length }) } : {}),
    };
  },
});
