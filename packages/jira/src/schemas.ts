import { z } from '@connectors/contract';

// ---- inputs: everything is checked here, so invalid input never reaches Jira ----

/**
 * Checks that are enforced but not advertised as JSON Schema patterns: every tools/list byte costs
 * context in every session, the descriptions already show the form, and the error message says
 * exactly what is wrong before anything reaches Jira.
 */
const check = (pattern: RegExp, message: string) => z.string().trim().refine((value) => pattern.test(value), message);

export const issueKey = z
  .string()
  .trim()
  .toUpperCase()
  .refine((value) => /^(?:[A-Z][A-Z0-9_]+-\d+|\d{1,18})$/.test(value), 'must be an issue key like PROJ-123 or a numeric issue id')
  .describe('Issue key (PROJ-123) or id.');

/** Trimmed text of min..max characters (limits enforced, not advertised; see above). */
export const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((value) => value.length >= min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .refine((value) => value.length <= max, `must be at most ${max} characters`);

/** A list of at most `max` items (limit enforced, not advertised). */
export const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).refine((items) => items.length <= max, `at most ${max} items`);

export const projectKey = z
  .string()
  .trim()
  .toUpperCase()
  .refine((value) => /^(?:[A-Z][A-Z0-9_]{1,254}|\d{1,18})$/.test(value), 'must be a project key like PROJ (or a numeric project id)')
  .describe('Project key (PROJ) or id.');

export const accountId = check(/^[A-Za-z0-9:_-]{1,128}$/, 'must be an Atlassian account id like 5b10a2844c20165700ede21g (find it with jira_search_users)');

/** An issue type, status or priority name, or its numeric id. */
export const nameOrId = (what: string) => text(1, 255).describe(`${what} name or id.`);

const FIELD_ID = /^(?:\*all|\*navigable|[A-Za-z][A-Za-z0-9_.-]{0,99})$/;
export const fieldId = check(FIELD_ID, 'must be a field id like customfield_10016, components or *all');

export const extraFields = list(fieldId, 50).optional().describe('Extra field ids, e.g. customfield_10016, components, *all.');

export const label = z.string().refine((value) => /^[^\s]{1,255}$/.test(value), 'labels cannot contain spaces');

export const markdown = (what: string, max = 30_000) =>
  z
    .string()
    .refine((value) => value.length <= max, `must be at most ${max} characters`)
    .describe(`${what} (Markdown).`);

/** Any other field by id, as Jira's REST API takes it; `{ "markdown": "..." }` becomes rich text. */
export const otherFields = z
  .record(z.string(), z.unknown())
  .refine((fields) => Object.keys(fields).every((id) => FIELD_ID.test(id)), 'field ids look like customfield_10016 or components')
  .optional()
  .describe('Other fields by id, e.g. {"customfield_10016": 5}.');

// ---- outputs ----

export const issueRow = z.object({
  key: z.string(),
  summary: z.string(),
  status: z.string().nullable(),
  type: z.string().nullable(),
  priority: z.string().nullable(),
  assignee: z.string().nullable(),
  updated: z.string().nullable(),
  fields: z.record(z.string(), z.unknown()).optional(),
  fieldNames: z.record(z.string(), z.string()).optional(),
});
export type IssueRow = z.infer<typeof issueRow>;

const issueRef = z.object({ key: z.string(), summary: z.string().optional(), status: z.string().optional() });

export const issueDetail = issueRow.extend({
  id: z.string(),
  url: z.string().optional(),
  project: z.string().optional(),
  statusCategory: z.string().nullable(),
  reporter: z.string().nullable(),
  labels: z.array(z.string()),
  created: z.string().nullable(),
  parent: issueRef.optional(),
  description: z.string(),
  comments: z
    .object({
      total: z.number(),
      items: z.array(z.object({ id: z.string(), author: z.string().nullable(), created: z.string().nullable(), body: z.string() })),
    })
    .optional(),
  links: z.array(z.object({ relation: z.string(), key: z.string(), summary: z.string().optional(), status: z.string().optional() })).optional(),
  subtasks: z.array(issueRef).optional(),
  attachments: z
    .array(z.object({ id: z.string(), filename: z.string(), mimeType: z.string().optional(), size: z.number().optional(), author: z.string().nullable(), created: z.string().nullable() }))
    .optional(),
  changelog: z
    .array(z.object({ author: z.string().nullable(), created: z.string().nullable(), changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })) }))
    .optional(),
  transitions: z.array(z.object({ id: z.string(), name: z.string(), to: z.string().nullable() })).optional(),
});
export type IssueDetail = z.infer<typeof issueDetail>;

export const comment = z.object({
  id: z.string(),
  author: z.string().nullable(),
  created: z.string().nullable(),
  updated: z.string().optional(),
  body: z.string(),
  visibility: z.string().optional(),
});
export type CompactComment = z.infer<typeof comment>;
