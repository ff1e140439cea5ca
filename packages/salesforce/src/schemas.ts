import { z } from '@connectors/contract';

// API names: a letter, then letters, digits and underscores, at most 80 characters. A double
// underscore only separates a namespace prefix and a type suffix (ns__Invoice__c, Invoice__c).
const API_NAME = /^[A-Za-z]\w*$/;
const OBJECT_SUFFIXES = new Set([
  'c',
  'e',
  'mdt',
  'x',
  'b',
  'kav',
  'ka',
  'share',
  'history',
  'feed',
  'changeevent',
  'hd',
  'dlm',
  'dll',
  'chn',
  'xo',
  'tag',
  'pc',
]);
const FIELD_SUFFIXES = new Set(['c', 'r', 's', 'pc', 'pr', 'x']);

/** Why an API name is not valid, or undefined when it is. */
function apiNameProblem(name: string, kind: 'object' | 'field'): string | undefined {
  if (!API_NAME.test(name) || name.length > 80) return 'must start with a letter and use only letters, digits and _ (at most 80 characters)';
  if (name.endsWith('_')) return 'must not end with _';
  if (/___/.test(name)) return 'must not contain three underscores in a row';
  const parts = name.split('__');
  if (parts.length === 1) return undefined;
  if (parts.length > 3) return 'has too many __ parts (at most namespace__Name__suffix)';
  const suffix = parts[parts.length - 1]!.toLowerCase();
  if (kind === 'object') {
    if (suffix === 'r') return `is a relationship name; the object is ${parts.slice(0, -1).join('__')}__c`;
    if (!OBJECT_SUFFIXES.has(suffix)) return `has an unknown suffix __${parts[parts.length - 1]} (custom objects end in __c)`;
  } else if (!FIELD_SUFFIXES.has(suffix)) {
    return `has an unknown suffix __${parts[parts.length - 1]} (custom fields end in __c)`;
  }
  return undefined;
}

function apiName(kind: 'object' | 'field') {
  return z
    .string()
    .max(80)
    .regex(API_NAME, kind === 'object' ? 'must be an object API name like Account or Invoice__c' : 'must be a field API name like Name or Region__c')
    .superRefine((name, ctx) => {
      const problem = apiNameProblem(name, kind);
      if (problem) ctx.addIssue({ code: 'custom', message: `${name} ${problem}` });
    });
}

export const objectName = apiName('object').describe('Object API name, e.g. Account or Invoice__c.');
export const fieldName = apiName('field');

/** Salesforce record ids: 15 characters (case-sensitive) or 18 (case-safe). */
export const recordId = z
  .string()
  .regex(/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/, 'must be a 15 or 18 character Salesforce record id like 001XX000003DHPhYAO')
  .describe('Record id (15 or 18 characters).');

export const fieldList = z.array(fieldName).min(1).max(100);

/** A field value as the REST API takes it: text, number, boolean, or null to clear it. */
export const fieldValue = z.union([z.string().max(131_072), z.number().min(-1e15).max(1e15), z.boolean(), z.null()]);
export const fieldValues = z
  .record(fieldName, fieldValue)
  .refine((fields) => Object.keys(fields).length > 0, 'give at least one field')
  .refine((fields) => Object.keys(fields).length <= 200, 'at most 200 fields')
  .describe('Field API name → value; null clears a field.');

// The query resource is a GET, so a statement must fit in a URL (Salesforce caps those near 16 kB).
export const MAX_STATEMENT = 4000;

export const soql = z
  .string()
  .trim()
  .min(1)
  .max(MAX_STATEMENT)
  .regex(/^select\s/i, 'must be a SOQL SELECT statement')
  .describe("SOQL, e.g. SELECT Id, Name FROM Account WHERE Industry = 'Energy'");

export const sosl = z
  .string()
  .trim()
  .min(1)
  .max(MAX_STATEMENT)
  .regex(/^find\s/i, 'must be a SOSL FIND statement')
  .describe('SOSL, e.g. FIND {Acme*} RETURNING Account(Id, Name), Contact(Id, Name, Email)');

/** A record with Salesforce's `attributes` removed. */
export const record = z.record(z.string(), z.unknown());

export const compactObject = z.object({
  name: z.string(),
  label: z.string(),
  custom: z.boolean(),
  queryable: z.boolean(),
  createable: z.boolean(),
});

export const compactField = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  required: z.boolean(),
  updateable: z.boolean(),
  referenceTo: z.array(z.string()).optional(),
  relationshipName: z.string().optional(),
  length: z.number().optional(),
  picklistValues: z.array(z.string()).optional(),
  morePicklistValues: z.number().optional(),
});
export type CompactField = z.infer<typeof compactField>;
