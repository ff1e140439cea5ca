import { inputs, z } from '@connectors/contract';
import { starterTool } from '../client.js';
import type { StarterPage } from '../projection.js';

interface StarterProject {
  id: string;
  name: string;
  archived: boolean;
  open_tasks: number;
}

export const listProjects = starterTool({
  action: 'list_projects',
  title: 'List projects',
  description: 'List Starter projects (id, name, open task count). Use a project id with list_tasks or create_task.',
  toolset: 'projects',
  access: 'read',
  input: z.object({ limit: inputs.limit(25, 100), cursor: inputs.cursor() }),
  output: z.array(z.object({ id: z.string(), name: z.string(), openTasks: z.number() })),
  examples: [{}, { limit: 5 }],
  handler: async (input, ctx) => {
    const pageToken = input.cursor ? ctx.cursor.decode(input.cursor, z.string()) : undefined;
    const page = await ctx.client.get<StarterPage<StarterProject>>('/v1/projects', { page_size: input.limit, page_token: pageToken });
    return {
      data: page.items.map((p) => ({ id: p.id, name: p.name, openTasks: p.open_tasks })),
      ...(page.next_page_token ? { nextCursor: ctx.cursor.encode(page.next_page_token) } : {}),
    };
  },
});
