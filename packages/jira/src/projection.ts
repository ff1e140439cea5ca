import { adfToMarkdown, isAdfDoc } from './adf/adf-to-markdown.js';
import type { CompactComment, IssueDetail, IssueRow } from './schemas.js';

// ---- Jira payloads, trimmed to what we read ----

export interface JiraUser {
  accountId?: string;
  accountType?: string;
  displayName?: string;
  emailAddress?: string;
  active?: boolean;
  timeZone?: string;
  [more: string]: unknown;
}

interface Named {
  id?: string;
  name?: string;
  [more: string]: unknown;
}

export interface JiraIssue {
  id: string;
  key: string;
  self?: string;
  fields?: Record<string, unknown> & {
    summary?: string;
    status?: Named & { statusCategory?: Named & { key?: string } };
    issuetype?: Named;
    priority?: Named | null;
    assignee?: JiraUser | null;
    reporter?: JiraUser | null;
    labels?: string[];
    created?: string;
    updated?: string;
    description?: unknown;
    project?: Named & { key?: string };
    parent?: JiraIssueRef;
  };
  names?: Record<string, string>;
  changelog?: { histories?: JiraHistory[]; total?: number };
  transitions?: JiraTransition[];
  renderedFields?: unknown;
  [more: string]: unknown;
}

export interface JiraIssueRef {
  id?: string;
  key: string;
  fields?: { summary?: string; status?: Named };
}

interface JiraHistory {
  author?: JiraUser;
  created?: string;
  items?: { field?: string; fromString?: string | null; toString?: string | null }[];
}

export interface JiraTransition {
  id: string;
  name: string;
  to?: Named & { statusCategory?: Named };
  hasScreen?: boolean;
  isAvailable?: boolean;
  fields?: Record<string, { required?: boolean; name?: string; hasDefaultValue?: boolean }>;
}

export interface JiraComment {
  id: string;
  author?: JiraUser;
  body?: unknown;
  created?: string;
  updated?: string;
  visibility?: { type?: string; value?: string };
  [more: string]: unknown;
}

// ---- compact projections ----

/** The fields the compact issue views read; asked for by name so Jira sends nothing else. */
export const ROW_FIELDS = ['summary', 'status', 'issuetype', 'priority', 'assignee', 'updated'];
export const DETAIL_FIELDS = [...ROW_FIELDS, 'reporter', 'labels', 'created', 'parent', 'description', 'project'];

/** Extra sections of jira_get_issue and the Jira fields or expansions they need. */
export type Section = 'comments' | 'links' | 'subtasks' | 'attachments' | 'changelog' | 'transitions';
export const SECTIONS: Record<Section, { field?: string; expand?: string }> = {
  comments: { field: 'comment' },
  links: { field: 'issuelinks' },
  subtasks: { field: 'subtasks' },
  attachments: { field: 'attachment' },
  changelog: { expand: 'changelog' },
  transitions: { expand: 'transitions' },
};

/** Jira's `2024-05-02T10:15:30.123+0000` as `2024-05-02T10:15:30Z` (UTC, no milliseconds). */
export function isoTime(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? value : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function userName(user: JiraUser | null | undefined): string | null {
  if (!user) return null;
  return user.displayName ?? user.accountId ?? null;
}

const name = (value: Named | null | undefined): string | null => (value && typeof value.name === 'string' ? value.name : null);

/** One search row: enough to pick an issue and act on it. */
export function projectRow(issue: JiraIssue, extra: string[] = []): IssueRow {
  const f = issue.fields ?? {};
  return {
    key: issue.key,
    summary: f.summary ?? '',
    status: name(f.status),
    type: name(f.issuetype),
    priority: name(f.priority),
    assignee: userName(f.assignee),
    updated: isoTime(f.updated),
    ...extraFields(issue, extra),
  };
}

/** One issue in full: the row plus people, dates, parent, Markdown description and asked-for sections. */
export function projectDetail(issue: JiraIssue, options: { extra?: string[]; sections?: Section[]; siteUrl?: string } = {}): IssueDetail {
  const f = issue.fields ?? {};
  const sections = new Set(options.sections ?? []);
  const detail: IssueDetail = {
    id: issue.id,
    ...projectRow(issue),
    ...(options.siteUrl ? { url: `${options.siteUrl}/browse/${issue.key}` } : {}),
    ...(f.project?.key ? { project: f.project.key } : {}),
    statusCategory: name(f.status?.statusCategory),
    reporter: userName(f.reporter),
    labels: Array.isArray(f.labels) ? f.labels : [],
    created: isoTime(f.created),
    ...(f.parent?.key ? { parent: projectRef(f.parent) } : {}),
    description: adfToMarkdown(f.description),
  };
  if (sections.has('comments')) {
    const page = f.comment as { comments?: JiraComment[]; total?: number } | undefined;
    // The newest 20; jira_list_comments pages through the rest.
    const items = (page?.comments ?? []).slice(-20);
    detail.comments = {
      total: page?.total ?? items.length,
      items: items.map((c) => ({ id: c.id, author: userName(c.author), created: isoTime(c.created), body: adfToMarkdown(c.body) })),
    };
  }
  if (sections.has('links')) {
    const links =
      (f.issuelinks as { type?: { inward?: string; outward?: string }; inwardIssue?: JiraIssueRef; outwardIssue?: JiraIssueRef }[] | undefined) ?? [];
    detail.links = links.flatMap((link) => {
      const other = link.outwardIssue ?? link.inwardIssue;
      if (!other) return [];
      const relation = (link.outwardIssue ? link.type?.outward : link.type?.inward) ?? 'relates to';
      return [{ relation, ...projectRef(other) }];
    });
  }
  if (sections.has('subtasks')) detail.subtasks = ((f.subtasks as JiraIssueRef[] | undefined) ?? []).map(projectRef);
  if (sections.has('attachments')) {
    const files =
      (f.attachment as { id: string | number; filename: string; mimeType?: string; size?: number; author?: JiraUser; created?: string }[] | undefined) ?? [];
    detail.attachments = files.map((file) => ({
      id: String(file.id),
      filename: file.filename,
      ...(file.mimeType ? { mimeType: file.mimeType } : {}),
      ...(typeof file.size === 'number' ? { size: file.size } : {}),
      author: userName(file.author),
      created: isoTime(file.created),
    }));
  }
  if (sections.has('changelog')) {
    detail.changelog = (issue.changelog?.histories ?? []).slice(0, 30).map((history) => ({
      author: userName(history.author),
      created: isoTime(history.created),
      changes: (history.items ?? []).map((item) => ({ field: item.field ?? '', from: item.fromString ?? null, to: item.toString ?? null })),
    }));
  }
  if (sections.has('transitions')) detail.transitions = (issue.transitions ?? []).map(projectTransition);
  Object.assign(detail, extraFields(issue, options.extra ?? []));
  return detail;
}

export function projectRef(ref: JiraIssueRef): { key: string; summary?: string; status?: string } {
  return {
    key: ref.key,
    ...(ref.fields?.summary !== undefined ? { summary: ref.fields.summary } : {}),
    ...(ref.fields?.status?.name ? { status: ref.fields.status.name } : {}),
  };
}

export function projectTransition(t: JiraTransition): { id: string; name: string; to: string | null } {
  return { id: t.id, name: t.name, to: name(t.to) };
}

export function projectComment(c: JiraComment): CompactComment {
  const created = isoTime(c.created);
  const updated = isoTime(c.updated);
  return {
    id: c.id,
    author: userName(c.author),
    created,
    ...(updated && updated !== created ? { updated } : {}),
    body: adfToMarkdown(c.body),
    ...(c.visibility?.value ? { visibility: `${c.visibility.type ?? 'role'}:${c.visibility.value}` } : {}),
  };
}

/** The asked-for extra fields, slimmed, with the names of custom fields when Jira sent them. */
function extraFields(issue: JiraIssue, extra: string[]): Pick<IssueRow, 'fields' | 'fieldNames'> {
  if (extra.length === 0) return {};
  const source = issue.fields ?? {};
  const all = extra.includes('*all') || extra.includes('*navigable');
  const ids = all ? Object.keys(source).filter((id) => !DETAIL_FIELDS.includes(id)) : extra;
  const fields: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  for (const id of ids) {
    if (!(id in source)) continue;
    const value = slimValue(source[id]);
    // With *all, empty fields are noise; a field asked for by id is shown even when empty.
    if (all && (value === null || (Array.isArray(value) && value.length === 0))) continue;
    fields[id] = value;
    const label = issue.names?.[id];
    if (id.startsWith('customfield_') && label) names[id] = label;
  }
  return { fields, ...(Object.keys(names).length ? { fieldNames: names } : {}) };
}

const NOISE = new Set([
  'self',
  'avatarUrls',
  'iconUrl',
  'avatarId',
  'expand',
  'entityId',
  'hierarchyLevel',
  'statusColor',
  'colorName',
  'subtask',
  'scope',
  'timeZone',
  'accountType',
  'active',
]);
const NAMED_KEYS = new Set([
  ...NOISE,
  'id',
  'name',
  'description',
  'statusCategory',
  'key',
  'archived',
  'released',
  'releaseDate',
  'projectId',
  'startDate',
  'userStartDate',
  'userReleaseDate',
  'overdue',
]);

/**
 * Any Jira field value made small: rich text to Markdown, users to `{ name, accountId }`, options to
 * their value, named things (status, component, version...) to their name, issue refs to
 * key/summary/status, and links/avatars dropped.
 */
export function slimValue(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isAdfDoc(value)) return adfToMarkdown(value);
  if (Array.isArray(value)) return value.map((item) => slimValue(item, depth + 1));
  const record = value as Record<string, unknown>;
  if (typeof record.accountId === 'string') return { name: record.displayName ?? null, accountId: record.accountId };
  if (typeof record.key === 'string' && typeof record.fields === 'object' && record.fields !== null) return projectRef(record as unknown as JiraIssueRef);
  if (typeof record.value === 'string' && ('self' in record || 'id' in record)) {
    const child = record.child as { value?: string } | undefined;
    return child?.value ? `${record.value} / ${child.value}` : record.value;
  }
  if (typeof record.name === 'string' && Object.keys(record).every((key) => NAMED_KEYS.has(key))) return record.name;
  if (depth > 4) return '…';
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    if (NOISE.has(key)) continue;
    out[key] = slimValue(item, depth + 1);
  }
  return out;
}
