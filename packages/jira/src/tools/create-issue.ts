import { z } from '@connectors/contract';
import { jiraTool } from '../client.js';
import { accountId, idempotencyKey, issueKey, labels, markdown, nameOrId, otherFields, projectKey, text } from '../schemas.js';
import { mergeFields, ref, richText } from '../issue-fields.js';

export const createIssue = jiraTool({
  action: 'create_issue',
  title: 'Create issue',
  description: 'Create an issue with a Markdown description; other fields go in fields (see get_create_fields).',
  toolset: 'issues',
  access: 'write',
  checkWith: ['search_issues'],
  input: z.object({
    projectKey,
    issueType: nameOrId('Issue type'),
    summary: text(1, 255),
    description: markdown('Description').optional(),
    assigneeAccountId: accountId.optional(),
    labels: labels.optional(),
    parentKey: issueKey.optional().describe('Parent issue key.'),
    fields: otherFields,
    idempotencyKey: idempotencyKey(),
  }),
  output: z.object({ id: z.string(), key: z.string(), url: z.string().optional() }),
  examples: [
    {
      projectKey: 'PROJ',
      issueType: 'Bug',
      summary: 'Checkout fails for saved cards',
      description: '**Steps**\n1. Save a card\n2. Pay with it\n\nExpected: payment succeeds.',
      labels: ['checkout'],
      idempotencyKey: 'bug-checkout-saved-cards',
    },
  ],
  handler: async (input, ctx) => {
    const fields = mergeFields(
      {
        project: ref(input.projectKey, 'key'),
        issuetype: ref(input.issueType, 'name'),
        summary: input.summary,
        description: input.description !== undefined ? (richText(input.description) ?? undefined) : undefined,
        assignee: input.assigneeAccountId !== undefined ? { accountId: input.assigneeAccountId } : undefined,
        labels: input.labels,
        parent: input.parentKey !== undefined ? ref(input.parentKey, 'key') : undefined,
      },
      input.fields,
    );
    const { data } = await ctx.client.request<{ id: string; key: string }>({ method: 'POST', path: '/rest/api/3/issue', json: { fields } });
    const site = await ctx.client.siteInfo();
    return { data: { id: data.id, key: data.key, ...(site.url ? { url: `${site.url}/browse/${data.key}` } : {}) } };
  },
});
