import type { CompactTask } from './schemas.js';

/** A task as the Starter API returns it (trimmed to what we read). */
export interface StarterTask {
  id: string;
  project_id: string;
  title: string;
  description: string | null;
  status: string;
  assignee: { id: string; name: string; email: string } | null;
  labels: string[];
  due_date: string | null;
  created_at: string;
  updated_at: string;
  url: string;
  [more: string]: unknown;
}

export interface StarterPage<T> {
  items: T[];
  next_page_token: string | null;
}

/** Compact by default: what a model needs to act, not the vendor's whole record. */
export function projectTask(task: StarterTask, detail = false): CompactTask {
  return {
    id: task.id,
    projectId: task.project_id,
    title: task.title,
    status: task.status,
    assignee: task.assignee?.name ?? null,
    labels: task.labels,
    due: task.due_date,
    updated: task.updated_at,
    ...(detail ? { description: task.description ?? '', url: task.url } : {}),
  };
}
