import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectGoogleHeaders, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();

describe('gmail_list_labels', () => {
  it('GETs users/me/labels and lists system labels first, then the user’s, by name', async () => {
    const { scope, sent } = vendor();
    scope.get('/gmail/v1/users/me/labels').reply(200, fixture('api-labels'));
    const envelope = expectOk(await call(tool('list_labels'), {}));
    expect(sent[0]).toMatchObject({ method: 'GET', path: '/gmail/v1/users/me/labels', query: {} });
    expectGoogleHeaders(sent[0]);
    expect(envelope.data).toEqual([
      { id: 'INBOX', name: 'INBOX', type: 'system' },
      { id: 'UNREAD', name: 'UNREAD', type: 'system' },
      { id: 'Label_3', name: 'Clients/Acme', type: 'user' },
      { id: 'Label_12', name: 'Invoices', type: 'user' },
    ]);
  });

  it('maps a 403 with a rate reason to rate_limited, and a missing scope to forbidden with the login command', async () => {
    const { scope } = vendor();
    scope.get('/gmail/v1/users/me/labels').times(3).reply(403, fixture('api-error-rate'));
    const limited = expectError(await call(tool('list_labels'), {}), 'rate_limited');
    expect(limited).toMatchObject({ vendorCode: 'userRateLimitExceeded', retryable: true });
    scope.get('/gmail/v1/users/me/labels').reply(403, fixture('api-error-scope'));
    const forbidden = expectError(await call(tool('list_labels'), {}), 'forbidden');
    expect(forbidden).toMatchObject({
      vendorCode: 'insufficientPermissions',
      message: expect.stringContaining('insufficient authentication scopes'),
      hint: expect.stringContaining('auth login'),
    });
  });
});
