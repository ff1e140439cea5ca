import { ConnectorError, urlPath, z } from '@connectors/contract';
import { jiraTool, type JiraContext } from '../client.js';
import { slimValue } from '../projection.js';
import { nameOrId, projectKey } from '../schemas.js';

interface CreateMetaIssueType {
  id: string;
  name: string;
  subtask?: boolean;
  description?: string;
}

interface CreateMetaField {
  fieldId: string;
  key?: string;
  name: string;
  required: boolean;
  hasDefaultValue?: boolean;
  defaultValue?: unknown;
  allowedValues?: unknown[];
  operations?: string[];
  schema?: { type?: string; items?: string; system?: string; custom?: string };
}

/** A createmeta page; Jira names the list per endpoint (issueTypes, fields, or results). */
interface Page {
  total?: number;
  [list: string]: unknown;
}

const MAX_VALUES = 25;
const PAGE = 200;
const SKIPPED = new Set(['project', 'issuetype']);

const fieldInfo = z.object({
  id: z.string(),
  name: z.string(),
  required: z.boolean(),
  type: z.string(),
  allowedValues: z.array(z.string()).optional(),
  moreValues: z.number().optional(),
  default: z.unknown().optional().describe("The field's default value, as Jira sends it (any JSON value)."),
  example: z.unknown().optional().describe('A value this field takes, to pass in fields (any JSON value).'),
});

export const getCreateFields = jiraTool({
  action: 'get_create_fields',
  title: 'Get create fields',
  description: "Without issueType: the project's issue types. With it: fields to create one, required first, with allowed and example values.",
  toolset: 'issues',
  access: 'read',
  input: z.object({
    projectKey,
    issueType: nameOrId('Issue type').optional(),
  }),
  output: z.object({
    project: z.string(),
    issueTypes: z.array(z.object({ id: z.string(), name: z.string(), subtask: z.boolean() })).optional(),
    issueType: z.object({ id: z.string(), name: z.string() }).optional(),
    fields: z.array(fieldInfo).optional(),
  }),
  examples: [{ projectKey: 'PROJ' }, { projectKey: 'PROJ', issueType: 'Bug' }],
  handler: async (input, ctx) => {
    const project = input.projectKey;
    let issueType: { id: string; name: string } | undefined;
    if (input.issueType === undefined || !/^\d+$/.test(input.issueType)) {
      const types = await listAll<CreateMetaIssueType>(ctx, urlPath`/rest/api/3/issue/createmeta/${project}/issuetypes`, 'issueTypes');
      if (input.issueType === undefined) {
        return { data: { project, issueTypes: types.map((t) => ({ id: t.id, name: t.name, subtask: t.subtask === true })) } };
      }
      const wanted = input.issueType.toLowerCase();
      const found = types.find((t) => t.name.toLowerCase() === wanted);
      if (!found) {
        throw new ConnectorError(
          'invalid_input',
          `Issue type "${input.issueType}" is not available in ${project}. Available: ${types.map((t) => t.name).join(', ') || 'none'}.`,
          {
            hint: 'Use one of the listed names, or its id.',
          },
        );
      }
      issueType = { id: found.id, name: found.name };
    }
    const typeId = issueType?.id ?? input.issueType!;
    const raw = await listAll<CreateMetaField>(ctx, urlPath`/rest/api/3/issue/createmeta/${project}/issuetypes/${typeId}`, 'fields');
    const fields = raw
      .filter((f) => !SKIPPED.has(f.fieldId))
      .map(projectField)
      .sort((a, b) => Number(b.required) - Number(a.required));
    return { data: { project, issueType: issueType ?? { id: typeId, name: typeId }, fields } };
  },
});

/** Follows startAt paging (up to 5 pages): a project can have hundreds of fields. */
async function listAll<T>(ctx: JiraContext, path: string, list: 'issueTypes' | 'fields'): Promise<T[]> {
  const items: T[] = [];
  for (let page = 0, startAt = 0; page < 5; page++) {
    const body = await ctx.client.get<Page>(path, { startAt, maxResults: PAGE });
    const chunk = ((body[list] ?? body.results ?? body.values ?? []) as T[]).filter(Boolean);
    items.push(...chunk);
    startAt += chunk.length;
    if (chunk.length === 0 || body.total === undefined || startAt >= body.total) break;
  }
  return items;
}

function projectField(field: CreateMetaField): z.infer<typeof fieldInfo> {
  const schema = field.schema ?? {};
  const custom = schema.custom?.split(':').pop();
  const type = `${schema.type ?? 'any'}${schema.items ? `<${schema.items}>` : ''}${custom ? ` (${custom})` : ''}`;
  const values = (field.allowedValues ?? []).map(valueName).filter((v): v is string => v !== undefined);
  const example = exampleValue(field, values[0]);
  return {
    id: field.fieldId,
    name: field.name,
    required: field.required,
    type,
    ...(values.length ? { allowedValues: values.slice(0, MAX_VALUES) } : {}),
    ...(values.length > MAX_VALUES ? { moreValues: values.length - MAX_VALUES } : {}),
    ...(field.hasDefaultValue && field.defaultValue !== undefined ? { default: slimValue(field.defaultValue) } : {}),
    ...(example !== undefined ? { example } : {}),
  };
}

function valueName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  for (const key of ['name', 'value', 'key', 'id']) if (typeof v[key] === 'string' && v[key]) return v[key] as string;
  return undefined;
}

/** How to set the field in create_issue/update_issue `fields`, so the first try is right. */
function exampleValue(field: CreateMetaField, first: string | undefined): unknown {
  const schema = field.schema ?? {};
  const custom = schema.custom?.split(':').pop() ?? '';
  const named = (v: string) => ({ name: v });
  if (schema.system === 'description' || schema.system === 'environment' || custom === 'textarea') return { markdown: 'Text in Markdown' };
  switch (schema.type) {
    case 'string':
      return 'text';
    case 'number':
      return 1;
    case 'date':
      return '2025-01-31';
    case 'datetime':
      return '2025-01-31T12:00:00.000+0000';
    case 'user':
      return { accountId: '<accountId from jira_search_users>' };
    case 'option':
      return { value: first ?? 'Option' };
    case 'option-with-child':
      return { value: first ?? 'Parent', child: { value: 'Child' } };
    case 'priority':
    case 'resolution':
    case 'component':
    case 'version':
    case 'securitylevel':
      return named(first ?? 'Name');
    case 'issuelink':
    case 'issuelinks':
      return { key: 'PROJ-1' };
    case 'timetracking':
      return { originalEstimate: '2h' };
    case 'array':
      switch (schema.items) {
        case 'string':
          return [first ?? 'value'];
        case 'option':
          return [{ value: first ?? 'Option' }];
        case 'user':
          return [{ accountId: '<accountId>' }];
        case 'component':
        case 'version':
          return [named(first ?? 'Name')];
        default:
          return undefined;
      }
    default:
      return undefined;
  }
}
