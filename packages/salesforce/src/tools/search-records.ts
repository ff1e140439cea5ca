import { createHash } from 'node:crypto';
import { ConnectorError, inputs, z } from '@connectors/contract';
import { salesforceTool, type SalesforceClient } from '../client.js';
import { compactRecord, FIELDS_MACRO, namedIdentifiers, newNotes, type CompactNotes, type QueryResult } from '../projection.js';
import { record, soql } from '../schemas.js';

/** A query locator path as Salesforce sends it in nextRecordsUrl: /services/data/v64.0/query/01gXX...-2000. */
const LOCATOR = /^\/services\/data\/v\d{2,3}\.\d\/query(?:All)?\/[A-Za-z0-9]{15,18}-\d{1,9}$/;
// Batches of 200 (the smallest Salesforce allows) keep re-reading a batch for a later page cheap.
const BATCH_OPTIONS = { 'sforce-query-options': 'batchSize=200' };

/** The opaque cursor: which batch to read (none: run the query again), how far into it, and which query it belongs to. */
const cursorState = z.object({
  q: z.string().regex(/^[0-9a-f]{12}$/),
  n: z.string().max(200).regex(LOCATOR).optional(),
  s: z.number().int().min(0).max(100_000),
});
type CursorState = z.infer<typeof cursorState>;

export const searchRecords = salesforceTool({
  action: 'search_records',
  title: 'Search records (SOQL)',
  description: 'Run a SOQL query, paged: pass nextCursor back with the same soql. FIELDS() rows leave out nulls and system fields.',
  toolset: 'query',
  access: 'read',
  input: z.object({
    soql,
    limit: inputs.limit(25, 200),
    cursor: inputs.cursor(),
  }),
  output: z.object({
    totalSize: z.number().describe('Records the query matches in all (for SELECT COUNT() the count itself).'),
    records: z.array(record),
  }),
  examples: [
    { soql: "SELECT Id, Name, Industry, Owner.Name FROM Account WHERE Industry = 'Energy' ORDER BY Name" },
    { soql: 'SELECT Id, Name, (SELECT Name, Email FROM Contacts) FROM Account ORDER BY Name', limit: 10 },
  ],
  handler: async (input, ctx) => {
    const queryId = hashQuery(input.soql);
    const state = input.cursor ? ctx.cursor.decode(input.cursor, cursorState) : undefined;
    if (state && state.q !== queryId) {
      throw new ConnectorError('invalid_input', 'cursor belongs to a different query.', {
        hint: 'Pass nextCursor together with the same soql it came with, or omit cursor to start over.',
      });
    }
    const batch = await readBatch(ctx.client, input.soql, state);
    const skip = state?.s ?? 0;
    const notes = newNotes();
    const keep = FIELDS_MACRO.test(input.soql) ? macroKeep(input.soql) : 'all';
    const records = (batch.records ?? []).slice(skip, skip + input.limit).map((r) => compactRecord(r, keep, notes));
    const warnings = noteWarnings(notes);

    let next: CursorState | undefined;
    if (skip + input.limit < (batch.records ?? []).length) next = { q: queryId, ...(state?.n ? { n: state.n } : {}), s: skip + input.limit };
    else if (!batch.done && batch.nextRecordsUrl) {
      const locator = await ownLocator(ctx.client, batch.nextRecordsUrl);
      if (locator) next = { q: queryId, n: locator, s: 0 };
      else
        warnings.push("Salesforce sent a next-page link that is not a query locator on this org's own URL; it was refused, so no further pages are available.");
    }
    return {
      data: { totalSize: batch.totalSize, records },
      ...(next ? { nextCursor: ctx.cursor.encode(next) } : {}),
      ...(warnings.length ? { warnings } : {}),
    };
  },
});

function hashQuery(statement: string): string {
  return createHash('sha256').update(statement).digest('hex').slice(0, 12);
}

async function readBatch(client: SalesforceClient, statement: string, state: CursorState | undefined): Promise<QueryResult> {
  if (state?.n) return client.get<QueryResult>(state.n, undefined, BATCH_OPTIONS);
  return client.get<QueryResult>(client.dataPath('/query'), { q: statement }, BATCH_OPTIONS);
}

/**
 * The path of a nextRecordsUrl, only if it is a query locator on the org's own origin: the next
 * page request carries the token, so a link anywhere else is never followed.
 */
async function ownLocator(client: SalesforceClient, link: string): Promise<string | undefined> {
  let url: URL;
  try {
    // The contract's resolve() refuses an absolute URL on another origin.
    url = (await client.http()).resolve(link);
  } catch {
    return undefined;
  }
  if (url.search || url.hash) return undefined;
  return LOCATOR.test(url.pathname) ? url.pathname : undefined;
}

function macroKeep(statement: string): (field: string) => boolean {
  const named = namedIdentifiers(statement);
  // Every row has the same fields: decide once per field name.
  const decided = new Map<string, boolean>();
  return (field) => {
    let keep = decided.get(field);
    if (keep === undefined) decided.set(field, (keep = named.has(field.toLowerCase())));
    return keep;
  };
}

function noteWarnings(notes: CompactNotes): string[] {
  const warnings: string[] = [];
  if (notes.dropped) warnings.push(`${notes.dropped} null or system field values from FIELDS() were left out; name fields in SELECT to get them as they are.`);
  if (notes.partialChildren.size) {
    warnings.push(`Some ${[...notes.partialChildren].join(', ')} lists are incomplete (Salesforce returned part of them); query those child records directly.`);
  }
  return warnings;
}
