import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { API, call, createRuntime, expectError, expectOk, expectSalesforceHeaders, salesforceError, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('delete_record');
const ID = '001Hs00002Wk4NtIAJ';

describe('delete_record', () => {
  it('sends DELETE /sobjects/{object}/{id}', async () => {
    const { scope, sent } = vendor();
    scope.delete(`${API}/sobjects/Account/${ID}`).reply(204);

    const envelope = expectOk(await call(name, { object: 'Account', id: ID }));

    expect(sent[0]).toMatchObject({ method: 'DELETE', path: `${API}/sobjects/Account/${ID}`, body: undefined });
    expectSalesforceHeaders(sent[0]);
    expect(envelope.data).toEqual({ id: ID, object: 'Account', deleted: true });
  });

  it('maps DELETE_FAILED (dependent records) to conflict', async () => {
    const { scope } = vendor();
    scope
      .delete(`${API}/sobjects/Account/${ID}`)
      .reply(
        400,
        salesforceError(
          'DELETE_FAILED',
          'Your attempt to delete Edge Communications could not be completed because it is associated with the following cases.: 00001026',
          [],
        ),
      );

    const error = expectError(await call(name, { object: 'Account', id: ID }), 'conflict');

    expect(error.vendorCode).toBe('DELETE_FAILED');
  });

  it('is annotated destructive', () => {
    const descriptor = createRuntime()
      .listTools()
      .find((t) => t.name === name)!;
    expect(descriptor.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
  });
});
