import { inputs, z } from '@connectors/contract';
import { jiraTool } from '../client.js';
import type { JiraUser } from '../projection.js';
import { text } from '../schemas.js';

interface JiraProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey?: string;
  style?: string;
  simplified?: boolean;
  lead?: JiraUser;
}

interface ProjectPage {
  values?: JiraProject[];
  startAt?: number;
  maxResults?: number;
  total?: number;
  isLast?: boolean;
}

const cursorState = z.object({ startAt: z.number().int().min(0) });

export const listProjects = jiraTool({
  action: 'list_projects',
  title: 'List projects',
  description: 'Projects you can see (key, name, type, lead); query filters by name or key.',
  toolset: 'projects',
  access: 'read',
  input: z.object({
    query: text(1, 200).optional(),
    limit: inputs.limit(25, 100),
    cursor: inputs.cursor(),
  }),
  output: z.array(z.object({ id: z.string(), key: z.string(), name: z.string(), type: z.string().nullable(), lead: z.string().nullable() })),
  examples: [{}, { query: 'payments', limit: 10 }],
  handler: async (input, ctx) => {
    const startAt = input.cursor ? ctx.cursor.decode(input.cursor, cursorState).startAt : 0;
    const page = await ctx.client.get<ProjectPage>('/rest/api/3/project/search', {
      startAt,
      maxResults: input.limit,
      orderBy: 'key',
      expand: 'lead',
      ...(input.query ? { query: input.query } : {}),
    });
    const projects = page.values ?? [];
    const next = startAt + projects.length;
    const more = page.isLast === false || (page.isLast === undefined && page.total !== undefined && next < page.total);
    return {
      data: projects.map((p) => ({ id: p.id, key: p.key, name: p.name, type: p.projectTypeKey ?? null, lead: p.lead?.displayName ?? null })),
      ...(more && projects.length > 0 ? { nextCursor: ctx.cursor.encode({ startAt: next }) } : {}),
    };
  },
});
