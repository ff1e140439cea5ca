// The bench fixture's call (tools/bench reports the same ratio): our result against Salesforce's raw JSON.
import { ConnectorRuntime } from '@connectors/contract/server';
import { toolName } from '@connectors/contract';
import { describe, expect, it } from 'vitest';
import { connector } from '../src/connector.js';
import { fixture } from './harness.js';

interface BenchFixture {
  action: string;
  args: Record<string, unknown>;
  items: number;
  env: (baseUrl: string) => Record<string, string>;
  rawBody: { totalSize: number; done: boolean; records: Record<string, unknown>[] };
}
const bench = (await import(new URL('../bench/fixture.mjs', import.meta.url).href)).default as BenchFixture;

/** A fetch that answers every request with this JSON, as tools/bench's stub does. */
function stubFetch(body: unknown): typeof fetch {
  return async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

async function measure(args: Record<string, unknown>, body: unknown) {
  const runtime = new ConnectorRuntime(connector, { env: bench.env('http://127.0.0.1:9'), fetch: stubFetch(body), logLevel: 'silent' });
  const result = await runtime.callTool(toolName(connector.id, 'search_records'), args);
  expect(result.isError).toBeUndefined();
  const ours = Buffer.byteLength(result.content[0]!.text);
  const raw = Buffer.byteLength(JSON.stringify(body));
  return { ours, raw, ratio: raw / ours, data: result.structuredContent };
}

describe('compactness', () => {
  it('search_records over FIELDS(ALL) for 50 records is at least 10x smaller than the raw Salesforce JSON', async () => {
    const { ratio, data } = await measure(bench.args, bench.rawBody);
    expect((data as { data: { records: unknown[] } }).data.records).toHaveLength(bench.items);
    expect(ratio).toBeGreaterThanOrEqual(10);
  });

  it('keeps every non-empty, non-system value of those records', async () => {
    const { data } = await measure(bench.args, bench.rawBody);
    const first = (data as { data: { records: Record<string, unknown>[] } }).data.records[0]!;
    const raw = bench.rawBody.records[0]!;
    for (const field of ['Id', 'Name', 'Industry', 'Phone', 'Website', 'AnnualRevenue', 'OwnerId']) expect(first[field]).toEqual(raw[field]);
    expect(first.BillingAddress).toBe('100 Market Street, San Francisco, CA 94105, United States');
    for (const [field, value] of Object.entries(raw)) if (field.endsWith('__c') && value !== null) expect(first[field]).toEqual(value);
  });

  it('still removes the attributes from named-field rows (smaller, but by much less: the fields were asked for)', async () => {
    const body = fixture('query-accounts-page2');
    const { ratio } = await measure({ soql: 'SELECT Id, Name, Industry, Owner.Name FROM Account' }, body);
    expect(ratio).toBeGreaterThan(1);
  });
});
