import { inputs, z } from '@connectors/contract';
import { starterTool } from '../client.js';
import { projectTask, type StarterTask } from '../projection.js';
import { compactTask, projectId } from '../schemas.js';

export const createTask = starterTool({
  action: 'create_task',
  title: 'Create task',
  description: 'Create a task in a project. Pass an idempotencyKey so a retry never creates it twice.',
  toolset: 'tasks',
  access: 'write',
  checkWith: ['list_tasks'],
  input: z.object({
    projectId,
    title: z.string().trim().min(1).max(255),
    description: z.string().max(10_000).optional(),
    labels: z.array(z.string().min(1).max(50)).max(20).optional(),
    due: z.iso.date().optional().describe('Due date, YYYY-MM-DD.'),
    idempotencyKey: inputs.idempotencyKey(),
  }),
  output: compactTask,
  examples: [{ projectId: 'prj_01hq3k5t8m', title: 'Write the launch post', labels: ['docs'], idempotencyKey: 'launch-post-1' }],
  handler: async (input, ctx) => {
    const { data } = await ctx.client.request<StarterTask>({
      method: 'POST',
      path: '/v1/tasks',
      json: {
        project_id: input.projectId,
        title: input.title,
        description: input.description,
        labels: input.labels,
        due_date: input.due,
      },
    });
    return { data: projectTask(data, true) };
  },
});
