import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { API, call, expectError, expectOk, expectSalesforceHeaders, fixture, salesforceError, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('create_record');
const fields = { Name: 'Acme Energy', Industry: 'Energy', NumberOfEmployees: 250, Active__c: 'Yes' };

describe('create_record', () => {
  it('sends POST /sobjects/{object} with the fields as JSON and returns the new id', async () => {
    const { scope, sent } = vendor();
    scope.post(`${API}/sobjects/Account`).reply(201, fixture('create-result'));

    const envelope = expectOk(await call(name, { object: 'Account', fields }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: `${API}/sobjects/Account`, body: fields });
    expectSalesforceHeaders(sent[0], { json: true });
    expect(envelope.data).toEqual({ id: '001Hs00002Wk4O1IAJ', object: 'Account', created: true });
  });

  it('maps REQUIRED_FIELD_MISSING to invalid_input naming the fields', async () => {
    const { scope } = vendor();
    scope.post(`${API}/sobjects/Account`).reply(400, salesforceError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name]', ['Name']));

    const error = expectError(await call(name, { object: 'Account', fields: { Industry: 'Energy' } }), 'invalid_input');

    expect(error).toMatchObject({
      vendorCode: 'REQUIRED_FIELD_MISSING',
      message: 'Salesforce answered 400: Required fields are missing: [Name] (fields: Name)',
      hint: expect.stringContaining('salesforce_describe_object'),
    });
  });

  it('joins several errors into one message and maps a duplicate rule to conflict', async () => {
    const { scope } = vendor();
    scope.post(`${API}/sobjects/Account`).reply(400, [
      { message: 'Use one of these records?', errorCode: 'DUPLICATES_DETECTED', fields: [] },
      { message: 'Annual Revenue must be positive', errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', fields: ['AnnualRevenue'] },
    ]);

    const error = expectError(await call(name, { object: 'Account', fields }), 'conflict');

    expect(error.message).toBe('Salesforce answered 400: Use one of these records?; Annual Revenue must be positive (fields: AnnualRevenue)');
    expect(error.vendorCode).toBe('DUPLICATES_DETECTED');
  });

  it.each([
    ['no fields', { object: 'Account', fields: {} }],
    ['a bad field name', { object: 'Account', fields: { 'Name; DROP': 'x' } }],
    ['an object value', { object: 'Account', fields: { Name: { nested: true } } }],
    ['a short idempotencyKey', { object: 'Account', fields, idempotencyKey: 'abc' }],
    ['a missing object', { fields }],
  ])('rejects %s without calling Salesforce', async (_label, args) => {
    const { sent } = vendor();
    expectError(await call(name, args), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
