import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { API, call, expectError, expectOk, expectSalesforceHeaders, fixture, salesforceError, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('search_text');
const SOSL = 'FIND {Acme*} IN NAME FIELDS RETURNING Account(Id, Name, Industry), Contact(Id, Name, Email)';

describe('search_text', () => {
  it('sends GET /search with the SOSL and returns each hit with its object type, attributes stripped', async () => {
    const { scope, sent } = vendor();
    scope.get(`${API}/search`).query({ q: SOSL }).reply(200, fixture('search-sosl'));

    const envelope = expectOk(await call(name, { sosl: SOSL }));

    expect(sent[0]).toMatchObject({ method: 'GET', path: `${API}/search`, query: { q: SOSL } });
    expectSalesforceHeaders(sent[0]);
    expect(envelope.data).toEqual({
      total: 3,
      records: [
        { type: 'Account', Id: '001Hs00002Wk4NzIAJ', Name: 'Acme Energy', Industry: 'Energy' },
        { type: 'Contact', Id: '003Hs00001fQ2Z3IAK', Name: 'Wile E. Coyote', Email: 'wile@acme-energy.com' },
        { type: 'Contact', Id: '003Hs00001fQ2Z4IAK', Name: 'Road Runner', Email: null },
      ],
    });
  });

  it('shows at most limit hits and says how many more there are', async () => {
    const { scope } = vendor();
    scope.get(`${API}/search`).query(true).reply(200, fixture('search-sosl'));

    const envelope = expectOk<{ records: unknown[] }>(await call(name, { sosl: SOSL, limit: 1 }));

    expect(envelope.data.records).toHaveLength(1);
    expect(envelope.warnings).toEqual(['2 more hits not shown; raise limit or add LIMIT/WHERE to the RETURNING clause.']);
  });

  it('handles no hits', async () => {
    const { scope } = vendor();
    scope.get(`${API}/search`).query(true).reply(200, { searchRecords: [] });
    expect(expectOk(await call(name, { sosl: 'FIND {zzzz}' })).data).toEqual({ total: 0, records: [] });
  });

  it('maps MALFORMED_SEARCH to invalid_input with a SOSL hint', async () => {
    const { scope } = vendor();
    scope.get(`${API}/search`).query(true).reply(400, salesforceError('MALFORMED_SEARCH', 'No search term found. The search term must be enclosed in braces.'));

    const error = expectError(await call(name, { sosl: 'FIND Acme' }), 'invalid_input');

    expect(error).toMatchObject({ vendorCode: 'MALFORMED_SEARCH', hint: expect.stringContaining('RETURNING') });
  });

  it.each([
    ['a SOQL statement', { sosl: 'SELECT Id FROM Account' }],
    ['an empty statement', { sosl: '' }],
    ['a statement over 4000 characters', { sosl: `FIND {${'a'.repeat(4000)}}` }],
  ])('rejects %s without calling Salesforce', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
