import { urlPath, z } from '@connectors/contract';
import { salesforceTool } from '../client.js';
import { compactRecord, newNotes, type SalesforceRecord } from '../projection.js';
import { fieldList, objectName, record, recordId } from '../schemas.js';

export const getRecord = salesforceTool({
  action: 'get_record',
  title: 'Get record',
  description: 'Get a record by object and id: non-empty, non-system fields, or exactly the fields named.',
  toolset: 'records',
  access: 'read',
  input: z.object({
    object: objectName,
    id: recordId,
    fields: fieldList.optional().describe('Only these fields, nulls included.'),
  }),
  output: record,
  examples: [
    { object: 'Account', id: '001Hs00002Wk4NtIAJ' },
    { object: 'Contact', id: '003Hs00001fQ2YxIAK', fields: ['Name', 'Email', 'AccountId'] },
  ],
  handler: async (input, ctx) => {
    const found = await ctx.client.get<SalesforceRecord>(
      ctx.client.dataPath(urlPath`/sobjects/${input.object}/${input.id}`),
      input.fields ? { fields: input.fields.join(',') } : undefined,
    );
    const notes = newNotes();
    const data = compactRecord(found, input.fields ? 'all' : () => false, notes);
    return { data };
  },
});
