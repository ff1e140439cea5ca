import { ConnectorError, urlPath, z } from '@connectors/contract';
import { starterTool } from '../client.js';
import { projectTask, type StarterTask } from '../projection.js';
import { compactTask, taskId, taskStatus } from '../schemas.js';

export const updateTask = starterTool({
  action: 'update_task',
  title: 'Update task',
  description: 'Change a task: only the fields you pass change. Set assigneeId to null to unassign.',
  toolset: 'tasks',
  access: 'write',
  idempotent: true,
  input: z.object({
    taskId,
    title: z.string().trim().min(1).max(255).optional(),
    description: z.string().max(10_000).optional(),
    status: taskStatus.optional(),
    labels: z.array(z.string().min(1).max(50)).max(20).optional(),
    due: z.iso.date().nullable().optional(),
    assigneeId: z
      .string()
      .regex(/^usr_[0-9a-z]{10,40}$/)
      .nullable()
      .optional(),
  }),
  output: compactTask,
  examples: [{ taskId: 'tsk_01hq3k5t8m', status: 'done' }],
  handler: async (input, ctx) => {
    const { taskId: id, due, assigneeId, ...rest } = input;
    const patch = { ...rest, ...(due !== undefined ? { due_date: due } : {}), ...(assigneeId !== undefined ? { assignee_id: assigneeId } : {}) };
    if (Object.keys(patch).length === 0) {
      throw new ConnectorError('invalid_input', 'Nothing to change: pass at least one field besides taskId.');
    }
    const { data } = await ctx.client.request<StarterTask>({ method: 'PATCH', path: urlPath`/v1/tasks/${id}`, json: patch, idempotent: true });
    return { data: projectTask(data, true) };
  },
});
