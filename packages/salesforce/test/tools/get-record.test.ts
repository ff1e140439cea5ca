import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { API, call, expectError, expectOk, expectSalesforceHeaders, fixture, salesforceError, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('get_record');
const ID = '001Hs00002Wk4NtIAJ';

describe('get_record', () => {
  it('sends GET /sobjects/{object}/{id} and returns the non-empty fields, without system fields, addresses on one line', async () => {
    const { scope, sent } = vendor();
    scope.get(`${API}/sobjects/Account/${ID}`).reply(200, fixture('record-account'));

    const envelope = expectOk(await call(name, { object: 'Account', id: ID }));

    expect(sent[0]).toMatchObject({ method: 'GET', path: `${API}/sobjects/Account/${ID}`, query: {} });
    expectSalesforceHeaders(sent[0]);
    expect(envelope.data).toEqual({
      Id: ID,
      Name: 'Edge Communications',
      Type: 'Customer - Direct',
      BillingAddress: '312 Constitution Place, Austin, TX 78767, USA, Austin, TX',
      ShippingAddress: '312 Constitution Place, Austin, TX 78767, USA',
      Phone: '(512) 757-6000',
      Fax: '(512) 757-9000',
      AccountNumber: 'CD451796',
      Website: 'http://edgecomm.com',
      Sic: '6576',
      Industry: 'Electronics',
      AnnualRevenue: 139000000,
      NumberOfEmployees: 1000,
      Ownership: 'Public',
      TickerSymbol: 'EDGE',
      Description: expect.stringMatching(/^Edge, founded in 1998/),
      Rating: 'Hot',
      OwnerId: '005Hs00000AbCdEIAV',
      CustomerPriority__c: 'Medium',
      SLA__c: 'Silver',
      Active__c: 'Yes',
      NumberofLocations__c: 2,
      UpsellOpportunity__c: 'Maybe',
      SLASerialNumber__c: '2657',
      SLAExpirationDate__c: '2026-05-12',
    });
    expect(envelope).not.toHaveProperty('warnings');
  });

  it('asks for exactly the fields given and returns them as they are, nulls included', async () => {
    const { scope, sent } = vendor();
    scope
      .get(`${API}/sobjects/Contact/003Hs00001fQ2YxIAK`)
      .query(true)
      .reply(200, { attributes: { type: 'Contact', url: `${API}/sobjects/Contact/003Hs00001fQ2YxIAK` }, Name: 'Rose Gonzalez', Email: null, AccountId: ID });

    const envelope = expectOk(await call(name, { object: 'Contact', id: '003Hs00001fQ2YxIAK', fields: ['Name', 'Email', 'AccountId'] }));

    expect(sent[0]!.query).toEqual({ fields: 'Name,Email,AccountId' });
    expect(envelope.data).toEqual({ Name: 'Rose Gonzalez', Email: null, AccountId: ID });
  });

  it('accepts a 15-character id', async () => {
    const { scope, sent } = vendor();
    scope.get(`${API}/sobjects/Account/001Hs00002Wk4Nt`).reply(200, fixture('record-account'));
    expectOk(await call(name, { object: 'Account', id: '001Hs00002Wk4Nt' }));
    expect(sent).toHaveLength(1);
  });

  it('maps NOT_FOUND to not_found and a deleted record to not_found with a Recycle Bin hint', async () => {
    const { scope } = vendor();
    scope.get(`${API}/sobjects/Account/${ID}`).reply(404, salesforceError('NOT_FOUND', 'The requested resource does not exist'));
    scope.get(`${API}/sobjects/Account/${ID}`).reply(404, salesforceError('ENTITY_IS_DELETED', 'entity is deleted', []));

    const missing = expectError(await call(name, { object: 'Account', id: ID }), 'not_found');
    const deleted = expectError(await call(name, { object: 'Account', id: ID }), 'not_found');

    expect(missing).toMatchObject({ vendorCode: 'NOT_FOUND' });
    expect(deleted).toMatchObject({ vendorCode: 'ENTITY_IS_DELETED', hint: expect.stringContaining('Recycle Bin') });
  });

  it('maps missing access to forbidden', async () => {
    const { scope } = vendor();
    scope.get(`${API}/sobjects/Account/${ID}`).reply(403, salesforceError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', []));

    const error = expectError(await call(name, { object: 'Account', id: ID }), 'forbidden');

    expect(error).toMatchObject({ vendorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'Salesforce answered 403: insufficient access rights on object id' });
  });

  it.each([
    ['an id of the wrong length', { object: 'Account', id: '001Hs00002Wk4N' }],
    ['an id with a slash', { object: 'Account', id: '001Hs00002Wk/NtIAJ' }],
    ['an id that is a path', { object: 'Account', id: '..' }],
    ['an object that is a path', { object: 'Account/001Hs00002Wk4NtIAJ', id: ID }],
    ['an empty field list', { object: 'Account', id: ID, fields: [] }],
    ['a relationship path as a field', { object: 'Account', id: ID, fields: ['Owner.Name'] }],
  ])('rejects %s without calling Salesforce', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
