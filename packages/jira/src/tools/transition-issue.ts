import { ConnectorError, urlPath, z } from '@connectors/contract';
import { jiraTool } from '../client.js';
import { markdownToAdf } from '../adf/markdown-to-adf.js';
import { mergeFields } from '../issue-fields.js';
import type { JiraTransition } from '../projection.js';
import { idempotencyKey, issueKey, markdown, otherFields, text } from '../schemas.js';
import { fetchTransitions } from './list-transitions.js';

export const transitionIssue = jiraTool({
  action: 'transition_issue',
  title: 'Transition issue',
  description: 'Move an issue to a status (or by transitionId), with an optional Markdown comment and screen fields.',
  toolset: 'transitions',
  access: 'write',
  checkWith: ['get_issue'],
  input: z.object({
    issueKey,
    status: text(1, 255).optional().describe('Target status.'),
    transitionId: z
      .string()
      .max(10)
      .refine((value) => /^\d{1,10}$/.test(value), 'must be a numeric transition id')
      .optional(),
    comment: markdown('Comment').optional(),
    fields: otherFields.describe('Screen fields by id, e.g. {"resolution": {"name": "Done"}}.'),
    idempotencyKey: idempotencyKey(),
  }),
  output: z.object({ key: z.string(), transition: z.object({ id: z.string(), name: z.string() }), status: z.string().nullable() }),
  examples: [
    { issueKey: 'PROJ-123', status: 'Done', comment: 'Fixed in release 2.4.' },
    { issueKey: 'PROJ-123', transitionId: '31' },
  ],
  handler: async (input, ctx) => {
    if ((input.status === undefined) === (input.transitionId === undefined)) {
      throw new ConnectorError('invalid_input', 'Pass exactly one of status (target status name) or transitionId.', {
        hint: 'jira_list_transitions shows what is available for the issue now.',
      });
    }
    const available = await fetchTransitions(ctx, input.issueKey);
    const transition = pick(available, input.status, input.transitionId, input.issueKey);
    const fields = mergeFields({}, input.fields);
    await ctx.client.request({
      method: 'POST',
      path: urlPath`/rest/api/3/issue/${input.issueKey}/transitions`,
      json: {
        transition: { id: transition.id },
        ...(Object.keys(fields).length ? { fields } : {}),
        ...(input.comment?.trim() ? { update: { comment: [{ add: { body: markdownToAdf(input.comment) } }] } } : {}),
      },
    });
    return { data: { key: input.issueKey, transition: { id: transition.id, name: transition.name }, status: transition.to?.name ?? null } };
  },
});

function pick(available: JiraTransition[], status: string | undefined, id: string | undefined, key: string): JiraTransition {
  const list = () =>
    available.length
      ? available.map((t) => `${t.name} → ${t.to?.name ?? '?'} (id ${t.id})`).join('; ')
      : 'none (the issue may be in a final status, or you lack Transition issues permission)';
  if (id !== undefined) {
    const found = available.find((t) => t.id === id);
    if (found) return found;
    throw new ConnectorError('invalid_input', `Transition ${id} is not available for ${key} now. Available: ${list()}.`);
  }
  const wanted = status!.toLowerCase();
  const byStatus = available.filter((t) => t.to?.name?.toLowerCase() === wanted);
  const byName = available.filter((t) => t.name.toLowerCase() === wanted);
  const candidates = byStatus.length ? byStatus : byName;
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) {
    const exact = candidates.filter((t) => t.name.toLowerCase() === wanted);
    if (exact.length === 1) return exact[0]!;
    throw new ConnectorError(
      'invalid_input',
      `Several transitions lead to "${status}" for ${key}: ${candidates.map((t) => `${t.name} (id ${t.id})`).join('; ')}.`,
      {
        hint: 'Pass the transitionId of the one you mean.',
      },
    );
  }
  throw new ConnectorError('invalid_input', `No transition to "${status}" is available for ${key} now. Available: ${list()}.`, {
    hint: 'Pick one of the available target statuses; the issue may already be in that status.',
  });
}
