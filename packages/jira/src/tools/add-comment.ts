import { defineTool, inputs, urlPath, z } from '@connectors/contract';
import type { JiraContext } from '../client.js';
import { markdownToAdf } from '../adf/markdown-to-adf.js';
import { projectComment, type JiraComment } from '../projection.js';
import { comment, issueKey, text } from '../schemas.js';

export const addComment = defineTool({
  action: 'add_comment',
  title: 'Add comment',
  description:
    'Comment on an issue in Markdown; mention someone with [@Name](mention:accountId).',
  toolset: 'comments',
  access: 'write',
  input: z.object({
    issueKey,
    body: text(1, 30_000).describe('Markdown.'),
    visibility: z
      .object({ type: z.enum(['role', 'group']), value: text(1, 255) })
      .optional(),
    idempotencyKey: inputs.idempotencyKey(),
  }),
  output: comment,
  examples: [{ issueKey: 'PROJ-123', body: 'Reproduced on **staging**; see `checkout.ts` line 42.', idempotencyKey: 'proj-123-repro-note' }],
  handler: async (input, ctx: JiraContext) => {
    const { data } = await ctx.client.request<JiraComment>({
      method: 'POST',
      path: urlPath`/rest/api/3/issue/${input.issueKey}/comment`,
      json: { body: markdownToAdf(input.body), ...(input.visibility ? { visibility: input.visibility } : {}) },
    });
    return { data: projectComment(data) };
  },
});
