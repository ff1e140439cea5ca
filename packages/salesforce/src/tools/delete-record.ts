import { urlPath, z } from '@connectors/contract';
import { salesforceTool } from '../client.js';
import { objectName, recordId } from '../schemas.js';

export const deleteRecord = salesforceTool({
  action: 'delete_record',
  title: 'Delete record',
  description: 'Delete a record (to the Recycle Bin for 15 days; child records may go with it).',
  toolset: 'records',
  access: 'destructive',
  input: z.object({ object: objectName, id: recordId }),
  output: z.object({ id: z.string(), object: z.string(), deleted: z.literal(true) }),
  examples: [{ object: 'Account', id: '001Hs00002Wk4NtIAJ' }],
  handler: async (input, ctx) => {
    await ctx.client.request({ method: 'DELETE', path: ctx.client.dataPath(urlPath`/sobjects/${input.object}/${input.id}`) });
    return { data: { id: input.id, object: input.object, deleted: true as const } };
  },
});
