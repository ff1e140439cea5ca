import { urlPath, z } from '@connectors/contract';
import { starterTool } from '../client.js';
import { taskId } from '../schemas.js';

export const deleteTask = starterTool({
  action: 'delete_task',
  title: 'Delete task',
  description: 'Delete a task permanently. It cannot be restored.',
  toolset: 'tasks',
  access: 'destructive',
  input: z.object({ taskId }),
  output: z.object({ id: z.string(), deleted: z.boolean() }),
  examples: [{ taskId: 'tsk_01hq3k5t8m' }],
  handler: async (input, ctx) => {
    await ctx.client.request({ method: 'DELETE', path: urlPath`/v1/tasks/${input.taskId}` });
    return { data: { id: input.taskId, deleted: true } };
  },
});
