import { inputs, urlPath, z } from '@connectors/contract';
import { jiraTool } from '../client.js';
import { projectComment, type JiraComment } from '../projection.js';
import { comment, issueKey } from '../schemas.js';

interface CommentPage {
  comments?: JiraComment[];
  startAt?: number;
  maxResults?: number;
  total?: number;
}

const cursorState = z.object({ startAt: z.number().int().min(0) });

export const listComments = jiraTool({
  action: 'list_comments',
  title: 'List comments',
  description: 'Comments on an issue as Markdown, newest first.',
  toolset: 'comments',
  access: 'read',
  input: z.object({
    issueKey,
    limit: inputs.limit(10, 100),
    cursor: inputs.cursor(),
  }),
  output: z.array(comment),
  examples: [{ issueKey: 'PROJ-123' }, { issueKey: 'PROJ-123', limit: 50 }],
  handler: async (input, ctx) => {
    const state = input.cursor ? ctx.cursor.decode(input.cursor, cursorState) : { startAt: 0 };
    const page = await ctx.client.get<CommentPage>(urlPath`/rest/api/3/issue/${input.issueKey}/comment`, {
      startAt: state.startAt,
      maxResults: input.limit,
      orderBy: '-created',
    });
    const comments = page.comments ?? [];
    const next = state.startAt + comments.length;
    return {
      data: comments.map(projectComment),
      ...(comments.length > 0 && page.total !== undefined && next < page.total ? { nextCursor: ctx.cursor.encode({ startAt: next }) } : {}),
    };
  },
});
