import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { API, call, expectError, expectOk, expectSalesforceHeaders, fixture, salesforceError, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('describe_object');

interface Described {
  fields: Record<string, unknown>[];
  [key: string]: unknown;
}

describe('describe_object', () => {
  it('sends GET /sobjects/{object}/describe and returns a compact field list', async () => {
    const { scope, sent } = vendor();
    scope.get(`${API}/sobjects/Account/describe`).reply(200, fixture('describe-account'));

    const envelope = expectOk<Described>(await call(name, { object: 'Account' }));

    expect(sent[0]).toMatchObject({ method: 'GET', path: `${API}/sobjects/Account/describe` });
    expectSalesforceHeaders(sent[0]);
    const { fields, ...object } = envelope.data;
    expect(object).toEqual({
      name: 'Account',
      label: 'Account',
      keyPrefix: '001',
      custom: false,
      queryable: true,
      createable: true,
      updateable: true,
      deletable: true,
      nameField: 'Name',
      fieldCount: 14,
    });
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName.Id).toEqual({ name: 'Id', label: 'Account ID', type: 'id', required: false, updateable: false });
    expect(byName.Name).toEqual({ name: 'Name', label: 'Account Name', type: 'string', required: true, updateable: true, length: 255 });
    // Required is "createable, not nillable, no default": OwnerId is defaulted to the caller.
    expect(byName.OwnerId).toEqual({
      name: 'OwnerId',
      label: 'Owner ID',
      type: 'reference',
      required: false,
      updateable: true,
      referenceTo: ['User'],
      relationshipName: 'Owner',
    });
    // Inactive picklist values are left out.
    expect(byName.Type!.picklistValues).not.toContain('Legacy');
    expect(byName.Type!.picklistValues).toHaveLength(7);
    // Long picklists are trimmed, with a count of the rest.
    expect(byName.Industry).toMatchObject({ picklistValues: expect.any(Array), morePicklistValues: 7 });
    expect((byName.Industry!.picklistValues as string[]).length).toBe(25);
    expect(envelope.data).not.toHaveProperty('childRelationships');
    expect(Buffer.byteLength(JSON.stringify(envelope.data))).toBeLessThan(Buffer.byteLength(JSON.stringify(fixture('describe-account'))) / 10);
  });

  it('narrows to the fields asked for, and warns about names that are not fields', async () => {
    const { scope } = vendor();
    scope.get(`${API}/sobjects/Account/describe`).reply(200, fixture('describe-account'));

    const envelope = expectOk<Described>(await call(name, { object: 'Account', fields: ['name', 'CustomerPriority__c', 'Region__c'] }));

    expect(envelope.data.fields.map((f) => f.name)).toEqual(['Name', 'CustomerPriority__c']);
    expect(envelope.warnings).toEqual(['Not fields of Account: Region__c.']);
  });

  it('adds child relationships and record types on request', async () => {
    const { scope } = vendor();
    scope.get(`${API}/sobjects/Account/describe`).reply(200, fixture('describe-account'));

    const envelope = expectOk<Described>(await call(name, { object: 'Account', expand: ['childRelationships', 'recordTypes'] }));

    expect(envelope.data.childRelationships).toEqual([
      { relationshipName: 'Histories', childObject: 'AccountHistory', field: 'AccountId' },
      { relationshipName: 'ChildAccounts', childObject: 'Account', field: 'ParentId' },
      { relationshipName: 'Contacts', childObject: 'Contact', field: 'AccountId' },
      { relationshipName: 'Opportunities', childObject: 'Opportunity', field: 'AccountId' },
    ]);
    expect(envelope.data.recordTypes).toEqual([{ name: 'Business', id: '012Hs000000BizzIAC', default: true }]);
  });

  it('maps an unknown object to not_found', async () => {
    const { scope } = vendor();
    scope.get(`${API}/sobjects/Invoce__c/describe`).reply(404, salesforceError('NOT_FOUND', 'The requested resource does not exist'));

    const error = expectError(await call(name, { object: 'Invoce__c' }), 'not_found');

    expect(error).toMatchObject({ vendorCode: 'NOT_FOUND', message: 'Salesforce answered 404: The requested resource does not exist' });
  });

  it.each([
    ['a path in the object name', { object: '../query' }, 'must be an object API name'],
    ['a relationship name', { object: 'Invoice__r' }, 'is a relationship name; the object is Invoice__c'],
    ['an unknown suffix', { object: 'Invoice__z' }, 'has an unknown suffix __z'],
    ['a trailing underscore', { object: 'Invoice_' }, 'must not end with _'],
    ['triple underscores', { object: 'Invoice___c' }, 'three underscores'],
    ['too many parts', { object: 'a__b__c__d' }, 'too many __ parts'],
    ['a bad field name', { object: 'Account', fields: ['Name;DROP'] }, 'must be a field API name'],
  ])('rejects %s without calling Salesforce', async (_label, args, text) => {
    const { sent } = vendor();
    const error = expectError(await call(name, args), 'invalid_input');
    expect(error.message).toContain(text);
    expect(sent).toEqual([]);
  });

  it.each(['Account', 'Invoice__c', 'acme__Invoice__c', 'Order_Event__e', 'Setting__mdt', 'AccountHistory', 'Invoice__Share', 'Invoice__ChangeEvent'])(
    'accepts the object name %s',
    async (object) => {
      const { scope } = vendor();
      scope.get(`${API}/sobjects/${object}/describe`).reply(200, { ...fixture('describe-account'), name: object });
      expectOk(await call(name, { object }));
    },
  );
});
