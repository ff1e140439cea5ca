import { inputs, z } from '@connectors/contract';
import { salesforceTool } from '../client.js';
import { compactSearchHit, newNotes, type SalesforceRecord } from '../projection.js';
import { record, sosl } from '../schemas.js';

export const searchText = salesforceTool({
  action: 'search_text',
  title: 'Search text (SOSL)',
  description: 'Full-text search across objects with SOSL; each hit has its object type.',
  toolset: 'query',
  access: 'read',
  input: z.object({
    sosl,
    limit: inputs.limit(25, 200),
  }),
  output: z.object({
    total: z.number().describe('Hits Salesforce returned (SOSL returns at most 2,000; narrow it with LIMIT).'),
    records: z.array(record),
  }),
  examples: [{ sosl: 'FIND {Acme*} IN NAME FIELDS RETURNING Account(Id, Name, Industry), Contact(Id, Name, Email)' }],
  handler: async (input, ctx) => {
    const body = await ctx.client.get<{ searchRecords?: SalesforceRecord[] } | SalesforceRecord[]>(ctx.client.dataPath('/search'), { q: input.sosl });
    // Versions before 37.0 answered a bare array.
    const hits = Array.isArray(body) ? body : (body?.searchRecords ?? []);
    const notes = newNotes();
    const records = hits.slice(0, input.limit).map((hit) => compactSearchHit(hit, notes));
    const more = hits.length - records.length;
    return {
      data: { total: hits.length, records },
      ...(more > 0 ? { warnings: [`${more} more hits not shown; raise limit or add LIMIT/WHERE to the RETURNING clause.`] } : {}),
    };
  },
});
