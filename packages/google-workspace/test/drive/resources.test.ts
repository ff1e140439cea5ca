// gdrive://file/{fileId} and gdrive://folder/{folderId}: read through google_drive_get_file and
// google_drive_search_files. The folder id goes into a Drive query, so it is checked first.
import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectGoogleHeaders, fixtures, googleApi } from '../fixtures/api.js';

useFakeVendor();
const FILES = '/drive/v3/files';

describe('Google Drive resources', () => {
  it('lists the file and folder templates', () => {
    expect(createRuntime().listResourceTemplates().map((r) => r.uriTemplate)).toEqual(['gdrive://file/{fileId}', 'gdrive://folder/{folderId}']);
  });

  it('gdrive://file/{fileId} reads as google_drive_get_file does', async () => {
    const { scope, sent } = googleApi();
    scope.get(`${FILES}/1DoCuMeNt0123456789abcdefXYZ`).query(true).reply(200, fixtures.driveFile());
    const read = await createRuntime().readResource('gdrive://file/1DoCuMeNt0123456789abcdefXYZ');
    expect(sent).toHaveLength(1);
    expectGoogleHeaders(sent[0]);
    expect(read.ok).toBe(true);
    expect(JSON.parse((read as { text: string }).text)).toMatchObject({ ok: true, data: { id: '1DoCuMeNt0123456789abcdefXYZ' } });
  });

  it('gdrive://folder/{folderId} lists the folder, newest first', async () => {
    const { scope, sent } = googleApi();
    scope.get(FILES).query(true).reply(200, fixtures.driveFilesList());
    const read = await createRuntime().readResource('gdrive://folder/1Fo1d3rAbCdEfGhIjKlMn');
    expect(read.ok).toBe(true);
    expect(sent[0]).toMatchObject({ path: FILES, query: { q: "('1Fo1d3rAbCdEfGhIjKlMn' in parents) and trashed = false", orderBy: 'modifiedTime desc', pageSize: '20' } });
  });

  it.each(["x' or name contains 'a", 'short'])('refuses the folder id %j before any request (no query injection)', async (id) => {
    const { sent } = googleApi();
    expect(await createRuntime().readResource(`gdrive://folder/${encodeURIComponent(id)}`)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(sent).toHaveLength(0);
  });
});
