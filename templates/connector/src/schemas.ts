import { z } from '@connectors/contract';

/** Starter ids: a type prefix and 10-40 base-32 characters, e.g. `tsk_01hq3k5t8m`. */
export const taskId = z.string().regex(/^tsk_[0-9a-z]{10,40}$/, 'must be a task id like tsk_01hq3k5t8m');
export const projectId = z.string().regex(/^prj_[0-9a-z]{10,40}$/, 'must be a project id like prj_01hq3k5t8m');
export const taskStatus = z.enum(['open', 'in_progress', 'done']);

export const compactTask = z.object({
  id: z.string(),
  projectId: z.string(),
  title: z.string(),
  status: z.string(),
  assignee: z.string().nullable(),
  labels: z.array(z.string()),
  due: z.string().nullable(),
  updated: z.string(),
  description: z.string().optional(),
  url: z.string().optional(),
});
export type CompactTask = z.infer<typeof compactTask>;
