import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { API, call, createRuntime, expectError, expectOk, expectSalesforceHeaders, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('list_objects');

interface Objects {
  total: number;
  objects: { name: string }[];
}

describe('list_objects', () => {
  it('sends GET /sobjects and returns compact rows, leaving out deprecated objects', async () => {
    const { scope, sent } = vendor();
    scope.get(`${API}/sobjects`).reply(200, fixture('global-describe'));

    const envelope = expectOk<Objects>(await call(name, {}));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: `${API}/sobjects`, query: {} });
    expectSalesforceHeaders(sent[0]);
    expect(envelope.data.total).toBe(7);
    expect(envelope.data.objects[0]).toEqual({ name: 'Account', label: 'Account', custom: false, queryable: true, createable: true });
    expect(envelope.data.objects.map((o) => o.name)).not.toContain('LegacyThing');
    expect(envelope).not.toHaveProperty('nextCursor');
  });

  it('filters by text in the name or label, case-insensitively', async () => {
    const { scope } = vendor();
    scope.get(`${API}/sobjects`).reply(200, fixture('global-describe'));

    const envelope = expectOk<Objects>(await call(name, { search: 'INVOICE' }));

    expect(envelope.data).toEqual({
      total: 2,
      objects: [
        { name: 'Invoice_Line__c', label: 'Invoice Line', custom: true, queryable: true, createable: true },
        { name: 'Invoice__c', label: 'Invoice', custom: true, queryable: true, createable: true },
      ],
    });
  });

  it('keeps custom objects only, and pages with the cursor', async () => {
    const runtime = createRuntime();
    const { scope } = vendor();
    scope.get(`${API}/sobjects`).twice().reply(200, fixture('global-describe'));

    const first = expectOk<Objects>(await runtime.call(name, { customOnly: true, limit: 1 }));
    const second = expectOk<Objects>(await runtime.call(name, { customOnly: true, limit: 1, cursor: first.nextCursor }));

    expect(first.data).toEqual({ total: 2, objects: [expect.objectContaining({ name: 'Invoice_Line__c' })] });
    expect(second.data.objects.map((o) => o.name)).toEqual(['Invoice__c']);
    expect(second).not.toHaveProperty('nextCursor');
  });

  it.each([
    ['limit over 500', { limit: 501 }],
    ['an empty search', { search: ' ' }],
    ['a cursor from another tool', { cursor: Buffer.from(JSON.stringify({ t: 'salesforce_search_records', s: { o: 1 } })).toString('base64url') }],
  ])('rejects %s without calling Salesforce', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
