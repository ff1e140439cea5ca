import { urlPath, z } from '@connectors/contract';
import { jiraTool } from '../client.js';
import { markdownToAdf } from '../adf/markdown-to-adf.js';
import { projectComment, type JiraComment } from '../projection.js';
import { comment, idempotencyKey, issueKey, text } from '../schemas.js';

export const addComment = jiraTool({
  action: 'add_comment',
  title: 'Add comment',
  description: 'Comment on an issue in Markdown; mention someone with [@Name](mention:accountId).',
  toolset: 'comments',
  access: 'write',
  checkWith: ['list_comments'],
  input: z.object({
    issueKey,
    body: text(1, 30_000).describe('Markdown.'),
    visibleTo: z
      .string()
      .max(300)
      .refine((value) => /^(?:role|group):\S/.test(value), 'must be "role:<project role>" or "group:<group name>"')
      .optional()
      .describe('Restrict to "role:Developers" or "group:<name>".'),
    idempotencyKey: idempotencyKey(),
  }),
  output: comment,
  examples: [{ issueKey: 'PROJ-123', body: 'Reproduced on **staging**; see `checkout.ts` line 42.', idempotencyKey: 'proj-123-repro-note' }],
  handler: async (input, ctx) => {
    const { data } = await ctx.client.request<JiraComment>({
      method: 'POST',
      path: urlPath`/rest/api/3/issue/${input.issueKey}/comment`,
      json: { body: markdownToAdf(input.body), ...(input.visibleTo ? { visibility: visibility(input.visibleTo) } : {}) },
    });
    return { data: projectComment(data) };
  },
});

/** `role:Developers` → Jira's `{ type: "role", value: "Developers" }`. */
function visibility(spec: string): { type: string; value: string } {
  const at = spec.indexOf(':');
  return { type: spec.slice(0, at), value: spec.slice(at + 1).trim() };
}
