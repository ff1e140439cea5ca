import { urlPath, z } from '@connectors/contract';
import { salesforceTool } from '../client.js';
import { fieldValues, objectName, recordId } from '../schemas.js';

export const updateRecord = salesforceTool({
  action: 'update_record',
  title: 'Update record',
  description: 'Set fields of a record; fields not passed stay as they are.',
  toolset: 'records',
  access: 'write',
  idempotent: true,
  input: z.object({ object: objectName, id: recordId, fields: fieldValues }),
  output: z.object({ id: z.string(), object: z.string(), updated: z.array(z.string()).describe('The fields that were set.') }),
  examples: [{ object: 'Account', id: '001Hs00002Wk4NtIAJ', fields: { Industry: 'Utilities', NumberOfEmployees: 250 } }],
  handler: async (input, ctx) => {
    await ctx.client.request({
      method: 'PATCH',
      path: ctx.client.dataPath(urlPath`/sobjects/${input.object}/${input.id}`),
      json: input.fields,
      idempotent: true,
    });
    return { data: { id: input.id, object: input.object, updated: Object.keys(input.fields) } };
  },
});
