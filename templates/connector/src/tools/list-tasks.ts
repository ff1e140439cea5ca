import { inputs, z } from '@connectors/contract';
import { starterTool } from '../client.js';
import { projectTask, type StarterPage, type StarterTask } from '../projection.js';
import { compactTask, projectId, taskStatus } from '../schemas.js';

export const listTasks = starterTool({
  action: 'list_tasks',
  title: 'List tasks',
  description: 'List tasks in a project, newest first, optionally by status. Compact rows; use get_task for the description.',
  toolset: 'tasks',
  access: 'read',
  input: z.object({
    projectId,
    status: taskStatus.optional(),
    limit: inputs.limit(10, 100),
    cursor: inputs.cursor(),
  }),
  output: z.array(compactTask),
  examples: [{ projectId: 'prj_01hq3k5t8m' }, { projectId: 'prj_01hq3k5t8m', status: 'open', limit: 5 }],
  handler: async (input, ctx) => {
    const pageToken = input.cursor ? ctx.cursor.decode(input.cursor, z.string()) : undefined;
    const page = await ctx.client.get<StarterPage<StarterTask>>('/v1/tasks', {
      project_id: input.projectId,
      status: input.status,
      page_size: input.limit,
      page_token: pageToken,
    });
    return {
      data: page.items.map((task) => projectTask(task)),
      ...(page.next_page_token ? { nextCursor: ctx.cursor.encode(page.next_page_token) } : {}),
    };
  },
});
