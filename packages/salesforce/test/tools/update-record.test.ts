import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { API, call, expectError, expectOk, expectSalesforceHeaders, salesforceError, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('update_record');
const ID = '001Hs00002Wk4NtIAJ';

describe('update_record', () => {
  it('sends PATCH /sobjects/{object}/{id} with only the given fields (null clears one)', async () => {
    const { scope, sent } = vendor();
    scope.patch(`${API}/sobjects/Account/${ID}`).reply(204);

    const envelope = expectOk(await call(name, { object: 'Account', id: ID, fields: { Industry: 'Utilities', Fax: null } }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'PATCH', path: `${API}/sobjects/Account/${ID}`, body: { Industry: 'Utilities', Fax: null } });
    expectSalesforceHeaders(sent[0], { json: true });
    expect(envelope.data).toEqual({ id: ID, object: 'Account', updated: ['Industry', 'Fax'] });
  });

  it('repeats the PATCH after a 503, as it is safe to repeat', async () => {
    const { scope, sent } = vendor();
    scope.patch(`${API}/sobjects/Account/${ID}`).reply(503, salesforceError('SERVER_UNAVAILABLE', 'Server temporarily unavailable'));
    scope.patch(`${API}/sobjects/Account/${ID}`).reply(204);

    expectOk(await call(name, { object: 'Account', id: ID, fields: { Industry: 'Utilities' } }));

    expect(sent).toHaveLength(2);
  });

  it('maps a validation rule failure to invalid_input and a locked record to conflict', async () => {
    const { scope } = vendor();
    scope
      .patch(`${API}/sobjects/Account/${ID}`)
      .reply(400, salesforceError('FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Industry cannot change after close', ['Industry']));
    scope
      .patch(`${API}/sobjects/Account/${ID}`)
      .reply(400, salesforceError('ENTITY_IS_LOCKED', 'This record is locked. If you need to edit it, contact your admin', []));

    const invalid = expectError(await call(name, { object: 'Account', id: ID, fields: { Industry: 'Utilities' } }), 'invalid_input');
    const locked = expectError(await call(name, { object: 'Account', id: ID, fields: { Industry: 'Utilities' } }), 'conflict');

    expect(invalid.message).toBe('Salesforce answered 400: Industry cannot change after close (fields: Industry)');
    expect(locked).toMatchObject({ vendorCode: 'ENTITY_IS_LOCKED', hint: expect.stringContaining('locked') });
  });

  it.each([
    ['no fields', { object: 'Account', id: ID, fields: {} }],
    ['a bad id', { object: 'Account', id: 'acme', fields: { Name: 'x' } }],
    ['more than 200 fields', { object: 'Account', id: ID, fields: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`F${i}__c`, i])) }],
  ])('rejects %s without calling Salesforce', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
