import { urlPath, z } from '@connectors/contract';
import { jiraTool, type JiraContext } from '../client.js';
import type { JiraTransition } from '../projection.js';
import { issueKey } from '../schemas.js';

export const transitionInfo = z.object({
  id: z.string(),
  name: z.string(),
  to: z.string().nullable(),
  toCategory: z.string().optional(),
  requiredFields: z.array(z.string()).optional(),
});

export function projectTransitionInfo(t: JiraTransition): z.infer<typeof transitionInfo> {
  const required = Object.entries(t.fields ?? {})
    .filter(([, field]) => field.required && !field.hasDefaultValue)
    .map(([id]) => id);
  return {
    id: t.id,
    name: t.name,
    to: t.to?.name ?? null,
    ...(t.to?.statusCategory?.name ? { toCategory: t.to.statusCategory.name } : {}),
    ...(required.length ? { requiredFields: required } : {}),
  };
}

/** The transitions available now, with their screen fields (to tell which ones need input). */
export async function fetchTransitions(ctx: JiraContext, key: string): Promise<JiraTransition[]> {
  const body = await ctx.client.get<{ transitions?: JiraTransition[] }>(urlPath`/rest/api/3/issue/${key}/transitions`, { expand: 'transitions.fields' });
  return body.transitions ?? [];
}

export const listTransitions = jiraTool({
  action: 'list_transitions',
  title: 'List transitions',
  description: 'Workflow transitions available for an issue now, with target status and required fields.',
  toolset: 'transitions',
  access: 'read',
  input: z.object({ issueKey }),
  output: z.array(transitionInfo),
  examples: [{ issueKey: 'PROJ-123' }],
  handler: async (input, ctx) => ({ data: (await fetchTransitions(ctx, input.issueKey)).map(projectTransitionInfo) }),
});
