import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const FILES = '/drive/v3/files';
const ROW = 'id,name,mimeType,size,modifiedTime,webViewLink,parents,driveId,owners(displayName,emailAddress)';

describe('google_drive_get_file', () => {
  it('reads the file’s metadata, in shared drives too, and answers it compactly', async () => {
    const { scope, sent } = vendor();
    scope.get(`${FILES}/1DoCuMeNt0123456789abcdefXYZ`).query(true).reply(200, fixture('api-drive-file'));
    const envelope = expectOk(await call(tool('get_file'), { fileId: '1DoCuMeNt0123456789abcdefXYZ' }));
    expect(sent[0]!.query).toEqual({
      fields: `${ROW},createdTime,description,shared,trashed,lastModifyingUser(displayName,emailAddress),capabilities(canEdit,canShare,canDownload)`,
      supportsAllDrives: 'true',
    });
    expect(envelope.data).toEqual({
      id: '1DoCuMeNt0123456789abcdefXYZ',
      name: 'Q3 close notes',
      mimeType: 'application/vnd.google-apps.document',
      modified: '2026-11-30T14:21:45.902Z',
      owner: 'Mia Krystof <mia@example.com>',
      parentId: '1Fo1d3rAbCdEfGhIjKlMn',
      link: 'https://docs.google.com/document/d/1DoCuMeNt0123456789abcdefXYZ/edit?usp=drivesdk',
      created: '2026-10-01T07:30:12.004Z',
      description: 'Running notes for the Q3 close',
      shared: true,
      lastModifiedBy: 'Ada Lovelace <ada@example.com>',
      canEdit: true,
      canShare: true,
      canDownload: true,
    });
  });

  it('answers not_found for a file that is not there or not shared with you, and refuses a malformed id without a request', async () => {
    const { scope, sent } = vendor();
    scope
      .get(`${FILES}/1MiSsInG0123456789abcdefXYZ`)
      .query(true)
      .reply(404, { error: { code: 404, message: 'File not found: 1MiSsInG0123456789abcdefXYZ.', errors: [{ reason: 'notFound' }] } });
    const error = expectError(await call(tool('get_file'), { fileId: '1MiSsInG0123456789abcdefXYZ' }), 'not_found');
    expect(error.vendorCode).toBe('notFound');
    expectError(await call(tool('get_file'), { fileId: '../../etc/passwd' }), 'invalid_input');
    expect(sent).toHaveLength(1);
  });
});
