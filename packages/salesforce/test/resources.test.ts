// salesforce://record/{object}/{id}: one record, read through salesforce_get_record.
import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { API, createRuntime, expectSalesforceHeaders, fixture, vendor } from './harness.js';

useFakeVendor();
const ID = '001Hs00002Wk4NtIAJ';

describe('Salesforce resources', () => {
  it('lists the record template', () => {
    expect(
      createRuntime()
        .runtime.listResourceTemplates()
        .map((r) => r.uriTemplate),
    ).toEqual(['salesforce://record/{object}/{id}']);
  });

  it('reads a record as salesforce_get_record does', async () => {
    const { scope, sent } = vendor();
    scope.get(`${API}/sobjects/Account/${ID}`).reply(200, fixture('record-account'));
    const read = await createRuntime().readResource(`salesforce://record/Account/${ID}`);
    expect(sent).toHaveLength(1);
    expectSalesforceHeaders(sent[0]);
    expect(JSON.parse((read as { text: string }).text)).toMatchObject({ ok: true, data: { Id: ID } });
  });

  it('refuses an object name or id that is not one, before any request', async () => {
    const { sent } = vendor();
    expect(await createRuntime().readResource(`salesforce://record/${encodeURIComponent('Account;drop')}/${ID}`)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await createRuntime().readResource('salesforce://record/Account/nope')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(sent).toHaveLength(0);
  });
});
