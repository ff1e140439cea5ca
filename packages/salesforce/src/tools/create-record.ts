import { inputs, urlPath, z } from '@connectors/contract';
import { salesforceTool } from '../client.js';
import { fieldValues, objectName } from '../schemas.js';

interface SaveResult {
  id: string;
  success: boolean;
  errors: unknown[];
  warnings?: { message?: string }[];
  infos?: { message?: string }[];
}

export const createRecord = salesforceTool({
  action: 'create_record',
  title: 'Create record',
  description: 'Create a record from field values. Pass an idempotencyKey so a retry never creates it twice.',
  toolset: 'records',
  access: 'write',
  checkWith: ['search_records'],
  input: z.object({
    object: objectName,
    fields: fieldValues,
    idempotencyKey: inputs.idempotencyKey(),
  }),
  output: z.object({ id: z.string(), object: z.string(), created: z.literal(true) }),
  examples: [{ object: 'Account', fields: { Name: 'Acme Energy', Industry: 'Energy' }, idempotencyKey: 'create-acme-energy-1' }],
  handler: async (input, ctx) => {
    // Salesforce has no idempotency key of its own: the runtime's replay store keeps a retry from creating a twin.
    const { data } = await ctx.client.request<SaveResult>({
      method: 'POST',
      path: ctx.client.dataPath(urlPath`/sobjects/${input.object}`),
      json: input.fields,
    });
    const notes = [...(data.warnings ?? []), ...(data.infos ?? [])].map((entry) => entry.message).filter((m): m is string => typeof m === 'string');
    return { data: { id: data.id, object: input.object, created: true as const }, ...(notes.length ? { warnings: notes } : {}) };
  },
});
