import { urlPath, z } from '@connectors/contract';
import { starterTool } from '../client.js';
import { projectTask, type StarterTask } from '../projection.js';
import { compactTask, taskId } from '../schemas.js';

export const getTask = starterTool({
  action: 'get_task',
  title: 'Get task',
  description: 'Get one task by id, with its description and link.',
  toolset: 'tasks',
  access: 'read',
  input: z.object({ taskId }),
  output: compactTask,
  examples: [{ taskId: 'tsk_01hq3k5t8m' }],
  handler: async (input, ctx) => {
    const task = await ctx.client.get<StarterTask>(urlPath`/v1/tasks/${input.taskId}`);
    return { data: projectTask(task, true) };
  },
});
