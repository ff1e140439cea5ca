import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectError, expectOk, tool, vendor } from '../harness.js';

useFakeVendor();
const ROW = 'id,name,mimeType,size,modifiedTime,webViewLink,parents,driveId,owners(displayName,emailAddress)';

describe('google_drive_create_folder', () => {
  it('creates a folder in the parent given and answers it as a row', async () => {
    const { scope, sent } = vendor();
    scope
      .post('/drive/v3/files')
      .query(true)
      .reply(200, { id: '1NeWfOlDeR0123456789abcdef', name: 'Q3 close', mimeType: 'application/vnd.google-apps.folder', parents: ['1Fo1d3rAbCdEfGhIjKlMn'] });
    const envelope = expectOk(await call(tool('create_folder'), { name: ' Q3 close ', parentId: '1Fo1d3rAbCdEfGhIjKlMn' }));
    expect(sent[0]).toMatchObject({
      method: 'POST',
      query: { fields: ROW, supportsAllDrives: 'true' },
      body: { name: 'Q3 close', mimeType: 'application/vnd.google-apps.folder', parents: ['1Fo1d3rAbCdEfGhIjKlMn'] },
    });
    expect(envelope.data).toEqual({
      id: '1NeWfOlDeR0123456789abcdef',
      name: 'Q3 close',
      mimeType: 'application/vnd.google-apps.folder',
      parentId: '1Fo1d3rAbCdEfGhIjKlMn',
    });
  });

  it('after a 500 to a keyed create, a repeat looks the folder up and answers not-made when it is not there', async () => {
    const { scope, sent } = vendor();
    scope
      .post('/drive/v3/files')
      .query(true)
      .reply(500, { error: { code: 500, message: 'Internal Error', errors: [{ reason: 'backendError' }] } });
    const runtime = createRuntime();
    const input = { name: 'Q4', idempotencyKey: 'q4-folder-0001' };
    const failed = expectError(await runtime.call(tool('create_folder'), input), 'upstream_error');
    expect(failed).toMatchObject({ retryable: false, hint: expect.stringContaining('may have been applied') });
    expect(sent[0]!.body).toMatchObject({ appProperties: { connectorsWrite: expect.stringMatching(/^[0-9a-f]{32}$/) } });
    scope
      .get('/drive/v3/files')
      .query(true)
      .reply(200, { files: [] })
      .post('/drive/v3/files')
      .query(true)
      .reply(200, { id: '1NeWfOlDeR0123456789abcdef', name: 'Q4', mimeType: 'application/vnd.google-apps.folder' });
    expectOk(await runtime.call(tool('create_folder'), input));
    expect(sent.map((r) => r.method)).toEqual(['POST', 'GET', 'POST']);
  });

  it('rejects an empty name and a malformed parent id without a request', async () => {
    const { sent } = vendor();
    expectError(await call(tool('create_folder'), { name: '  ' }), 'invalid_input');
    expectError(await call(tool('create_folder'), { name: 'x', parentId: 'a/b' }), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
