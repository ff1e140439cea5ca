import { ConnectorError, urlPath, z } from '@connectors/contract';
import { jiraTool } from '../client.js';
import { projectRow, type JiraIssue } from '../projection.js';
import { accountId, issueKey, issueRow, labels, markdown, otherFields, text } from '../schemas.js';
import { mergeFields, ref, richText } from '../issue-fields.js';

export const updateIssue = jiraTool({
  action: 'update_issue',
  title: 'Update issue',
  description: 'Change only the given fields (Markdown description; null assigneeAccountId unassigns). Status: transition_issue.',
  toolset: 'issues',
  access: 'write',
  idempotent: true,
  input: z.object({
    issueKey,
    summary: text(1, 255).optional(),
    description: markdown('New description').optional(),
    assigneeAccountId: accountId.nullable().optional(),
    addLabels: labels.optional(),
    removeLabels: labels.optional(),
    parentKey: issueKey.optional().describe('Parent issue key.'),
    fields: otherFields,
  }),
  output: z.object({ key: z.string(), changed: z.array(z.string()), issue: issueRow.optional() }),
  examples: [
    { issueKey: 'PROJ-123', summary: 'Checkout fails for saved Visa cards', addLabels: ['payments'] },
    { issueKey: 'PROJ-123', assigneeAccountId: null },
  ],
  handler: async (input, ctx) => {
    const fields = mergeFields(
      {
        summary: input.summary,
        description: input.description !== undefined ? richText(input.description) : undefined,
        assignee: input.assigneeAccountId === undefined ? undefined : input.assigneeAccountId === null ? null : { accountId: input.assigneeAccountId },
        parent: input.parentKey !== undefined ? ref(input.parentKey, 'key') : undefined,
      },
      input.fields,
    );
    const labelOps = [...(input.addLabels ?? []).map((l) => ({ add: l })), ...(input.removeLabels ?? []).map((l) => ({ remove: l }))];
    if (labelOps.length && 'labels' in fields) {
      throw new ConnectorError('invalid_input', 'Pass labels in fields (replaces all) or addLabels/removeLabels, not both.');
    }
    const changed = [...Object.keys(fields), ...(labelOps.length ? ['labels'] : [])];
    if (changed.length === 0) {
      throw new ConnectorError('invalid_input', 'Nothing to change: pass at least one field besides issueKey.', {
        hint: 'To change the status use jira_transition_issue; to comment use jira_add_comment.',
      });
    }
    const { data } = await ctx.client.request<JiraIssue | undefined>({
      method: 'PUT',
      path: urlPath`/rest/api/3/issue/${input.issueKey}`,
      query: { returnIssue: true },
      json: {
        ...(Object.keys(fields).length ? { fields } : {}),
        ...(labelOps.length ? { update: { labels: labelOps } } : {}),
      },
    });
    const issue = data && typeof data === 'object' && typeof data.key === 'string' ? data : undefined;
    return { data: { key: issue?.key ?? input.issueKey, changed, ...(issue ? { issue: projectRow(issue) } : {}) } };
  },
});
