import { inputs, z } from '@connectors/contract';
import { salesforceTool } from '../client.js';
import { compactObject, type GlobalDescribeObject } from '../projection.js';
import { compactObject as compactObjectSchema } from '../schemas.js';

interface GlobalDescribe {
  encoding: string;
  maxBatchSize: number;
  sobjects: GlobalDescribeObject[];
}

export const listObjects = salesforceTool({
  action: 'list_objects',
  title: 'List objects',
  description: "List the org's objects (API name, label, flags), filtered by text or to custom ones.",
  toolset: 'schema',
  access: 'read',
  input: z.object({
    search: z.string().trim().min(1).max(80).optional().describe('Text in the API name or label.'),
    customOnly: z.boolean().optional().describe('Only custom objects.'),
    limit: inputs.limit(50, 500),
    cursor: inputs.cursor(),
  }),
  output: z.object({ total: z.number().describe('Objects matching the filters.'), objects: z.array(compactObjectSchema) }),
  examples: [{ search: 'invoice' }, { customOnly: true, limit: 20 }],
  handler: async (input, ctx) => {
    const offset = input.cursor ? ctx.cursor.decode(input.cursor, z.object({ o: z.number().int().min(0).max(100_000) })).o : 0;
    const describe = await ctx.client.get<GlobalDescribe>(ctx.client.dataPath('/sobjects'));
    const needle = input.search?.toLowerCase();
    const matching = (describe.sobjects ?? []).filter(
      (object) =>
        !object.deprecatedAndHidden &&
        (!input.customOnly || object.custom) &&
        (!needle || object.name.toLowerCase().includes(needle) || object.label.toLowerCase().includes(needle)),
    );
    const end = offset + input.limit;
    return {
      data: { total: matching.length, objects: matching.slice(offset, end).map(compactObject) },
      ...(end < matching.length ? { nextCursor: ctx.cursor.encode({ o: end }) } : {}),
    };
  },
});
