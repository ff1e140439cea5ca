import { inputs, z } from '@connectors/contract';

// ---- inputs: everything is checked here, so invalid input never reaches Jira ----

/**
 * Every input is bounded in the advertised schema (maxLength, maxItems, maximum) as the testkit
 * requires, but formats are checked with refinements rather than advertised as JSON Schema
 * patterns: every tools/list byte costs context in every session, the descriptions already show
 * the form, and the error message says exactly what is wrong before anything reaches Jira.
 */
const check = (pattern: RegExp, max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => pattern.test(value), message);

/** Trimmed text of min..max characters. */
export const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => value.length >= min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);

export const issueKey = z
  .string()
  .trim()
  .toUpperCase()
  .max(100)
  .refine((value) => /^(?:[A-Z][A-Z0-9_]+-\d+|\d{1,18})$/.test(value), 'must be an issue key like PROJ-123 or a numeric issue id')
  .describe('Issue key (PROJ-123) or id.');

export const projectKey = z
  .string()
  .trim()
  .toUpperCase()
  .max(255)
  .refine((value) => /^(?:[A-Z][A-Z0-9_]{1,254}|\d{1,18})$/.test(value), 'must be a project key like PROJ (or a numeric project id)')
  .describe('Project key (PROJ) or id.');

export const accountId = check(
  /^[A-Za-z0-9:_-]{1,128}$/,
  128,
  'must be an Atlassian account id like 5b10a2844c20165700ede21g (find it with jira_search_users)',
);

/** An issue type, status or priority name, or its numeric id. */
export const nameOrId = (what: string) => text(1, 255).describe(`${what} name or id.`);

const FIELD_ID = /^(?:\*all|\*navigable|[A-Za-z][A-Za-z0-9_.-]{0,99})$/;
export const fieldId = check(FIELD_ID, 100, 'must be a field id like customfield_10016, components or *all');

export const extraFields = z.array(fieldId).max(50).optional().describe('More field ids, e.g. customfield_10016, *all.');

export const label = check(/^\S{1,255}$/, 255, 'labels cannot contain spaces');

export const labels = z.array(label).max(50);

/** The shared idempotencyKey, described in fewer words (it is on every non-idempotent write). */
export const idempotencyKey = () => inputs.idempotencyKey().describe('Retry-safe: a repeat replays the first result.');

export const markdown = (what: string, max = 30_000) => z.string().max(max).describe(`${what} (Markdown).`);

/** Any other field by id, as Jira's REST API takes it; `{ "markdown": "..." }` becomes rich text. */
export const otherFields = z
  .record(z.string(), z.unknown())
  .refine((fields) => Object.keys(fields).length <= 100, 'at most 100 fields')
  .refine((fields) => Object.keys(fields).every((id) => FIELD_ID.test(id)), 'field ids look like customfield_10016 or components')
  .optional()
  .describe('Other fields by id: {"customfield_10016": 5}.');

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

/** One issue in full; the key order here is the order a reader sees. */
export const issueDetail = z.object({
  key: z.string(),
  id: z.string(),
  url: z.string().optional(),
  project: z.string().optional(),
  summary: z.string(),
  status: z.string().nullable(),
  statusCategory: z.string().nullable(),
  type: z.string().nullable(),
  priority: z.string().nullable(),
  assignee: z.string().nullable(),
  reporter: z.string().nullable(),
  labels: z.array(z.string()),
  created: z.string().nullable(),
  updated: z.string().nullable(),
  parent: issueRef.optional(),
  description: z.string(),
  fields: z.record(z.string(), z.unknown()).optional(),
  fieldNames: z.record(z.string(), z.string()).optional(),
  comments: z
    .object({
      total: z.number(),
      items: z.array(z.object({ id: z.string(), author: z.string().nullable(), created: z.string().nullable(), body: z.string() })),
    })
    .optional(),
  links: z.array(z.object({ relation: z.string(), key: z.string(), summary: z.string().optional(), status: z.string().optional() })).optional(),
  subtasks: z.array(issueRef).optional(),
  attachments: z
    .array(
      z.object({
        id: z.string(),
        filename: z.string(),
        mimeType: z.string().optional(),
        size: z.number().optional(),
        author: z.string().nullable(),
        created: z.string().nullable(),
      }),
    )
    .optional(),
  changelog: z
    .array(
      z.object({
        author: z.string().nullable(),
        created: z.string().nullable(),
        changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
      }),
    )
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
