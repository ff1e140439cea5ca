import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { API, call, createRuntime, expectError, expectOk, expectSalesforceHeaders, fixture, LIMIT_HEADERS, salesforceError, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('search_records');
const SOQL = "SELECT Id, Name, Industry, Owner.Name FROM Account WHERE Industry = 'Energy' ORDER BY Name";
const LOCATOR = `${API}/query/0r8Hs00000BVZqxIAH-2`;

interface Page {
  totalSize: number;
  records: Record<string, unknown>[];
}

/** A cursor as a caller could forge it (the real one is base64url JSON). */
function forged(state: unknown): string {
  return Buffer.from(JSON.stringify({ t: name, s: state })).toString('base64url');
}

describe('search_records', () => {
  it('sends GET /query with the SOQL and small batches, and strips attributes from records and nested parents', async () => {
    const { scope, sent } = vendor();
    scope.get(`${API}/query`).query({ q: SOQL }).reply(200, fixture('query-accounts-page1'), LIMIT_HEADERS);

    const envelope = expectOk<Page>(await call(name, { soql: SOQL }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: `${API}/query`, query: { q: SOQL }, body: undefined });
    expect(sent[0]!.headers['sforce-query-options']).toBe('batchSize=200');
    expectSalesforceHeaders(sent[0]);
    expect(envelope.data).toEqual({
      totalSize: 3,
      records: [
        { Id: '001Hs00002Wk4NtIAJ', Name: 'Edge Communications', Industry: 'Energy', Owner: { Name: 'Ada Lovelace' } },
        // Named in SELECT, so a null stays.
        { Id: '001Hs00002Wk4NuIAJ', Name: 'GenePoint', Industry: null, Owner: { Name: 'Ada Lovelace' } },
      ],
    });
    expect(envelope.meta.rateLimit).toEqual({ limit: 15000, remaining: 14975 });
    expect(envelope.nextCursor).toEqual(expect.any(String));
    expect(JSON.stringify(envelope)).not.toContain('attributes');
  });

  it('follows nextRecordsUrl through the cursor on the same origin, to the last page', async () => {
    const runtime = createRuntime();
    const { scope, sent } = vendor();
    scope.get(`${API}/query`).query(true).reply(200, fixture('query-accounts-page1'));
    scope.get(LOCATOR).reply(200, fixture('query-accounts-page2'));

    const first = expectOk<Page>(await runtime.call(name, { soql: SOQL }));
    const second = expectOk<Page>(await runtime.call(name, { soql: SOQL, cursor: first.nextCursor }));

    expect(sent[1]).toMatchObject({ method: 'GET', path: LOCATOR, query: {} });
    expect(sent[1]!.headers['sforce-query-options']).toBe('batchSize=200');
    expect(second.data.records).toEqual([{ Id: '001Hs00002Wk4NvIAJ', Name: 'United Oil & Gas Corp.', Industry: 'Energy', Owner: { Name: 'Grace Hopper' } }]);
    expect(second).not.toHaveProperty('nextCursor');
  });

  it('pages within a batch when limit is smaller than what Salesforce returned', async () => {
    const runtime = createRuntime();
    const { scope, sent } = vendor();
    scope.get(`${API}/query`).query(true).twice().reply(200, fixture('query-accounts-page1'));
    scope.get(LOCATOR).reply(200, fixture('query-accounts-page2'));

    const first = expectOk<Page>(await runtime.call(name, { soql: SOQL, limit: 1 }));
    const second = expectOk<Page>(await runtime.call(name, { soql: SOQL, limit: 1, cursor: first.nextCursor }));
    const third = expectOk<Page>(await runtime.call(name, { soql: SOQL, limit: 1, cursor: second.nextCursor }));

    expect([first, second, third].map((page) => page.data.records.map((r) => r.Name))).toEqual([
      ['Edge Communications'],
      ['GenePoint'],
      ['United Oil & Gas Corp.'],
    ]);
    expect(sent.map((r) => r.path)).toEqual([`${API}/query`, `${API}/query`, LOCATOR]);
    expect(third).not.toHaveProperty('nextCursor');
  });

  it('refuses a nextRecordsUrl on another host: the page comes back, with a warning and no cursor', async () => {
    const { scope, sent } = vendor();
    const page = { ...fixture('query-accounts-page1'), nextRecordsUrl: 'https://evil.example/services/data/v64.0/query/0r8Hs00000BVZqxIAH-2' };
    scope.get(`${API}/query`).query(true).reply(200, page);

    const envelope = expectOk<Page>(await call(name, { soql: SOQL }));

    expect(sent).toHaveLength(1);
    expect(envelope.data.records).toHaveLength(2);
    expect(envelope).not.toHaveProperty('nextCursor');
    expect(envelope.warnings).toEqual([expect.stringContaining('was refused')]);
  });

  it.each([
    ['a scheme-relative link', '//evil.example/services/data/v64.0/query/0r8Hs00000BVZqxIAH-2'],
    ['a path that is not a query locator', '/services/data/v64.0/sobjects/User/005Hs00000AbCdEIAV'],
    ['a locator with a query string', '/services/data/v64.0/query/0r8Hs00000BVZqxIAH-2?redirect=https://evil.example'],
  ])('refuses %s as nextRecordsUrl', async (_label, link) => {
    const { scope } = vendor();
    scope
      .get(`${API}/query`)
      .query(true)
      .reply(200, { ...fixture('query-accounts-page1'), nextRecordsUrl: link });

    const envelope = expectOk<Page>(await call(name, { soql: SOQL }));

    expect(envelope).not.toHaveProperty('nextCursor');
    expect(envelope.warnings).toEqual([expect.stringContaining('was refused')]);
  });

  it.each([
    ['an absolute URL on another host', { q: 'x', n: 'https://evil.example/services/data/v64.0/query/0r8Hs00000BVZqxIAH-2', s: 0 }],
    ['a path that is not a query locator', { q: 'x', n: '/services/data/v64.0/sobjects/User', s: 0 }],
  ])('rejects a forged cursor with %s before any request', async (_label, state) => {
    const { sent } = vendor();
    const error = expectError(await call(name, { soql: SOQL, cursor: forged(state) }), 'invalid_input');
    expect(error.message).toBe('cursor is not valid for this tool');
    expect(sent).toEqual([]);
  });

  it('rejects a cursor used with a different query', async () => {
    const runtime = createRuntime();
    const { scope, sent } = vendor();
    scope.get(`${API}/query`).query(true).reply(200, fixture('query-accounts-page1'));

    const first = expectOk(await runtime.call(name, { soql: SOQL }));
    const error = expectError(await runtime.call(name, { soql: 'SELECT Id FROM Contact', cursor: first.nextCursor }), 'invalid_input');

    expect(error.message).toBe('cursor belongs to a different query.');
    expect(sent).toHaveLength(1);
  });

  it('turns child subqueries into arrays of records', async () => {
    const { scope } = vendor();
    scope.get(`${API}/query`).query(true).reply(200, fixture('query-accounts-contacts'));

    const envelope = expectOk<Page>(await call(name, { soql: 'SELECT Id, Name, (SELECT Name, Email FROM Contacts) FROM Account' }));

    expect(envelope.data.records).toEqual([
      {
        Id: '001Hs00002Wk4NtIAJ',
        Name: 'Edge Communications',
        Contacts: [
          { Name: 'Rose Gonzalez', Email: 'rose@edge.com' },
          { Name: 'Sean Forbes', Email: 'sean@edge.com' },
        ],
      },
      { Id: '001Hs00002Wk4NuIAJ', Name: 'GenePoint', Contacts: null },
    ]);
    expect(envelope).not.toHaveProperty('warnings');
  });

  it('warns when a child subquery came back incomplete', async () => {
    const { scope } = vendor();
    const page = fixture('query-accounts-contacts');
    (page.records[0]!.Contacts as { done: boolean }).done = false;
    scope.get(`${API}/query`).query(true).reply(200, page);

    const envelope = expectOk(await call(name, { soql: 'SELECT Id, Name, (SELECT Name, Email FROM Contacts) FROM Account' }));

    expect(envelope.warnings).toEqual([expect.stringContaining('Contacts lists are incomplete')]);
  });

  it('returns totalSize for SELECT COUNT()', async () => {
    const { scope } = vendor();
    scope.get(`${API}/query`).query(true).reply(200, fixture('query-count'));

    const envelope = expectOk<Page>(await call(name, { soql: "SELECT COUNT() FROM Account WHERE Industry = 'Energy'" }));

    expect(envelope.data).toEqual({ totalSize: 42, records: [] });
  });

  it('compacts FIELDS(ALL) rows: nulls, system fields and address parts left out, addresses on one line', async () => {
    const { scope } = vendor();
    scope
      .get(`${API}/query`)
      .query(true)
      .reply(200, { totalSize: 1, done: true, records: [fixture('record-account')] });

    const envelope = expectOk<Page>(await call(name, { soql: 'SELECT FIELDS(ALL), Site FROM Account LIMIT 1' }));

    const [row] = envelope.data.records;
    expect(row).toMatchObject({
      Id: '001Hs00002Wk4NtIAJ',
      Name: 'Edge Communications',
      BillingAddress: '312 Constitution Place, Austin, TX 78767, USA, Austin, TX',
      ShippingAddress: '312 Constitution Place, Austin, TX 78767, USA',
      Industry: 'Electronics',
      CustomerPriority__c: 'Medium',
      // Named in the SELECT list: kept, null and all.
      Site: null,
    });
    for (const left of ['IsDeleted', 'SystemModstamp', 'CreatedById', 'PhotoUrl', 'CleanStatus', 'BillingCity', 'ShippingStreet', 'Jigsaw', 'DunsNumber']) {
      expect(row).not.toHaveProperty(left);
    }
    expect(envelope.warnings).toEqual([expect.stringMatching(/^\d+ null or system field values from FIELDS\(\) were left out/)]);
  });

  it.each([
    ['MALFORMED_QUERY', 'error-malformed-query', 'SELECT Id FORM Account', 'unexpected token: FORM'],
    ['INVALID_FIELD', 'error-invalid-field', 'SELECT Id, Nmae FROM Account', "No such column 'Nmae' on entity 'Account'"],
    ['INVALID_TYPE', 'error-invalid-type', 'SELECT Id FROM Invoce__c', "sObject type 'Invoce__c' is not supported"],
  ])('maps %s to invalid_input with the vendor code, the message and a hint', async (code, file, statement, text) => {
    const { scope, sent } = vendor();
    const body = fixture(file);
    scope.get(`${API}/query`).query(true).reply(400, body);

    const error = expectError(await call(name, { soql: statement }), 'invalid_input');

    expect(sent).toHaveLength(1);
    expect(error).toMatchObject({ vendorCode: code, retryable: false });
    expect(error.message).toMatch(/^Salesforce answered 400: /);
    expect(error.message).toContain(text);
    expect(error.hint).toEqual(expect.any(String));
  });

  it('maps an expired query locator to invalid_input with a hint to start over', async () => {
    const runtime = createRuntime();
    const { scope } = vendor();
    scope.get(`${API}/query`).query(true).reply(200, fixture('query-accounts-page1'));
    scope.get(LOCATOR).reply(400, salesforceError('INVALID_QUERY_LOCATOR', 'invalid query locator'));

    const first = expectOk(await runtime.call(name, { soql: SOQL }));
    const error = expectError(await runtime.call(name, { soql: SOQL, cursor: first.nextCursor }), 'invalid_input');

    expect(error).toMatchObject({ vendorCode: 'INVALID_QUERY_LOCATOR', hint: expect.stringContaining('without cursor') });
  });

  it('maps REQUEST_LIMIT_EXCEEDED (daily allowance) to rate_limited, not retried, with the usage', async () => {
    const { scope, sent } = vendor();
    scope.get(`${API}/query`).query(true).reply(403, salesforceError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), {
      'sforce-limit-info': 'api-usage=15001/15000',
    });

    const result = await call(name, { soql: SOQL });
    const error = expectError(result, 'rate_limited');

    expect(sent).toHaveLength(1);
    expect(error).toMatchObject({ vendorCode: 'REQUEST_LIMIT_EXCEEDED', retryable: false, message: 'Salesforce answered 403: TotalRequests Limit exceeded.' });
    expect(result.structuredContent.meta.rateLimit).toEqual({ limit: 15000, remaining: 0 });
  });

  it('retries a concurrent-request REQUEST_LIMIT_EXCEEDED, which clears quickly', async () => {
    const { scope, sent } = vendor();
    scope.get(`${API}/query`).query(true).reply(403, salesforceError('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'));
    scope.get(`${API}/query`).query(true).reply(200, fixture('query-count'));

    expectOk(await call(name, { soql: 'SELECT COUNT() FROM Account' }));

    expect(sent).toHaveLength(2);
  });

  it.each([
    ['an empty statement', { soql: '  ' }],
    ['a statement that is not a SELECT', { soql: 'DELETE FROM Account' }],
    ['a statement over 4000 characters', { soql: `SELECT Id FROM Account WHERE Name IN (${"'x',".repeat(1000)}'y')` }],
    ['limit over 200', { soql: SOQL, limit: 500 }],
    ['a cursor from another tool', { soql: SOQL, cursor: Buffer.from(JSON.stringify({ t: 'salesforce_list_objects', s: { o: 5 } })).toString('base64url') }],
  ])('rejects %s as invalid_input without calling Salesforce', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
