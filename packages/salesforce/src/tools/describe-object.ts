import { inputs, urlPath, z } from '@connectors/contract';
import { salesforceTool } from '../client.js';
import { compactField, type DescribeField } from '../projection.js';
import { compactField as compactFieldSchema, fieldList, objectName } from '../schemas.js';

interface ObjectDescribe {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string | null;
  custom: boolean;
  queryable: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  fields: DescribeField[];
  childRelationships?: { childSObject: string; field: string; relationshipName: string | null }[];
  recordTypeInfos?: { name: string; recordTypeId: string; available: boolean; defaultRecordTypeMapping: boolean; master: boolean }[];
}

export const describeObject = salesforceTool({
  action: 'describe_object',
  title: 'Describe object',
  description: "An object's fields: name, label, type, required, updateable, lookup targets, picklist values.",
  toolset: 'schema',
  access: 'read',
  input: z.object({
    object: objectName,
    fields: fieldList.optional().describe('Only these fields.'),
    expand: inputs.expand(['childRelationships', 'recordTypes']),
  }),
  output: z.object({
    name: z.string(),
    label: z.string(),
    keyPrefix: z.string().nullable(),
    custom: z.boolean(),
    queryable: z.boolean(),
    createable: z.boolean(),
    updateable: z.boolean(),
    deletable: z.boolean(),
    nameField: z.string().optional(),
    fieldCount: z.number(),
    fields: z.array(compactFieldSchema),
    childRelationships: z.array(z.object({ relationshipName: z.string(), childObject: z.string(), field: z.string() })).optional(),
    recordTypes: z.array(z.object({ name: z.string(), id: z.string(), default: z.boolean() })).optional(),
  }),
  examples: [{ object: 'Account' }, { object: 'Invoice__c', fields: ['Name', 'Status__c'] }],
  handler: async (input, ctx) => {
    const describe = await ctx.client.get<ObjectDescribe>(ctx.client.dataPath(urlPath`/sobjects/${input.object}/describe`));
    const wanted = input.fields ? new Set(input.fields.map((name) => name.toLowerCase())) : undefined;
    const fields = wanted ? describe.fields.filter((field) => wanted.has(field.name.toLowerCase())) : describe.fields;
    const warnings: string[] = [];
    if (wanted) {
      const found = new Set(fields.map((field) => field.name.toLowerCase()));
      const unknown = input.fields!.filter((name) => !found.has(name.toLowerCase()));
      if (unknown.length) warnings.push(`Not fields of ${describe.name}: ${unknown.join(', ')}.`);
    }
    const expand = new Set(input.expand ?? []);
    const nameField = describe.fields.find((field) => field.nameField === true)?.name;
    return {
      data: {
        name: describe.name,
        label: describe.label,
        keyPrefix: describe.keyPrefix,
        custom: describe.custom,
        queryable: describe.queryable,
        createable: describe.createable,
        updateable: describe.updateable,
        deletable: describe.deletable,
        ...(nameField ? { nameField } : {}),
        fieldCount: describe.fields.length,
        fields: fields.map(compactField),
        ...(expand.has('childRelationships')
          ? {
              childRelationships: (describe.childRelationships ?? [])
                .filter((child) => child.relationshipName)
                .map((child) => ({ relationshipName: child.relationshipName!, childObject: child.childSObject, field: child.field })),
            }
          : {}),
        ...(expand.has('recordTypes')
          ? {
              recordTypes: (describe.recordTypeInfos ?? [])
                .filter((type) => type.available && !type.master)
                .map((type) => ({ name: type.name, id: type.recordTypeId, default: type.defaultRecordTypeMapping })),
            }
          : {}),
      },
      ...(warnings.length ? { warnings } : {}),
    };
  },
});
