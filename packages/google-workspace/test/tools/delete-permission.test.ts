import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, tool, vendor } from '../harness.js';

useFakeVendor();
const ID = '1aBcD3fGhIjK4lMnOpQ5rStUvWxYz';
const PERMISSIONS = `/drive/v3/files/${ID}/permissions`;

describe('google_drive_delete_permission', () => {
  it('deletes the permission and answers what was removed; a second delete is not_found', async () => {
    const { scope, sent } = vendor();
    scope
      .delete(`${PERMISSIONS}/09876543210987654321`)
      .query(true)
      .reply(204)
      .delete(`${PERMISSIONS}/09876543210987654321`)
      .query(true)
      .reply(404, {
        error: { code: 404, message: 'Permission not found: 09876543210987654321.', errors: [{ reason: 'notFound' }] },
      });
    const runtime = createRuntime();
    const envelope = expectOk(await runtime.call(tool('delete_permission'), { fileId: ID, permissionId: '09876543210987654321' }));
    expect(sent[0]).toMatchObject({ method: 'DELETE', query: { supportsAllDrives: 'true' } });
    expect(envelope.data).toEqual({ fileId: ID, permissionId: '09876543210987654321', deleted: true });
    expectError(await runtime.call(tool('delete_permission'), { fileId: ID, permissionId: '09876543210987654321' }), 'not_found');
  });

  it('is not registered in read-only mode', () => {
    const names = createRuntime({ gating: { readOnly: true } }).runtime.toolNames();
    expect(names).toContain(tool('list_permissions'));
    expect(names).not.toContain(tool('delete_permission'));
    expect(names).not.toContain(tool('share_file'));
  });
});
