import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const ID = '1aBcD3fGhIjK4lMnOpQ5rStUvWxYz';
const PERMISSIONS = `/drive/v3/files/${ID}/permissions`;
const FIELDS = 'id,type,role,emailAddress,domain,displayName,expirationTime,allowFileDiscovery,deleted,permissionDetails(inherited,inheritedFrom)';

describe('google_drive_list_permissions', () => {
  it('lists who has access, link sharing and inherited access included', async () => {
    const { scope, sent } = vendor();
    scope.get(PERMISSIONS).query(true).reply(200, fixture('api-drive-permissions'));
    const envelope = expectOk(await call(tool('list_permissions'), { fileId: ID }));
    expect(sent[0]!.query).toEqual({ pageSize: '50', fields: `nextPageToken,permissions(${FIELDS})`, supportsAllDrives: 'true' });
    expect(envelope.data).toEqual([
      { id: '12345678901234567890', type: 'user', role: 'owner', email: 'mia@example.com', name: 'Mia Krystof' },
      { id: '09876543210987654321', type: 'user', role: 'writer', email: 'ada@example.com', name: 'Ada Lovelace', inheritedFrom: '1Fo1d3rAbCdEfGhIjKlMn' },
      { id: 'anyoneWithLink', type: 'anyone', role: 'reader', discoverable: false },
    ]);
  });

  it('answers 403 for a file you may not see the sharing of as forbidden', async () => {
    const { scope } = vendor();
    scope
      .get(PERMISSIONS)
      .query(true)
      .reply(403, {
        error: { code: 403, message: 'The user does not have sufficient permissions for this file.', errors: [{ reason: 'insufficientFilePermissions' }] },
      });
    expect(expectError(await call(tool('list_permissions'), { fileId: ID }), 'forbidden').vendorCode).toBe('insufficientFilePermissions');
  });
});
