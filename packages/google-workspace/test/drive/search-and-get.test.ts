import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectGoogleHeaders, expectOk, fixtures, googleApi, tool } from '../fixtures/api.js';

useFakeVendor();
const FILES = '/drive/v3/files';
const ROW = 'id,name,mimeType,size,modifiedTime,webViewLink,parents,driveId,owners(displayName,emailAddress)';

describe('google_drive_search_files', () => {
  it('searches every drive with the query, untrashed, newest first, asking only for the row fields', async () => {
    const { scope, sent } = googleApi();
    scope.get(FILES).query(true).reply(200, fixtures.driveFilesList());
    const envelope = expectOk(await createRuntime().callTool(tool('search_files'), { q: "name contains 'budget'" }));
    expectGoogleHeaders(sent[0]);
    expect(sent[0]).toMatchObject({
      method: 'GET',
      path: FILES,
      query: {
        q: "(name contains 'budget') and trashed = false",
        pageSize: '20',
        orderBy: 'modifiedTime desc',
        fields: `nextPageToken,incompleteSearch,files(${ROW})`,
        corpora: 'allDrives',
        includeItemsFromAllDrives: 'true',
        supportsAllDrives: 'true',
      },
    });
    expect(envelope.data).toEqual([
      {
        id: '1aBcD3fGhIjK4lMnOpQ5rStUvWxYz',
        name: 'Q3 budget',
        mimeType: 'application/vnd.google-apps.spreadsheet',
        modified: '2026-11-28T16:02:11.318Z',
        owner: 'Mia Krystof <mia@example.com>',
        parentId: '1Fo1d3rAbCdEfGhIjKlMn',
        link: 'https://docs.google.com/spreadsheets/d/1aBcD3fGhIjK4lMnOpQ5rStUvWxYz/edit?usp=drivesdk',
      },
      {
        id: '1PdFfIlE0123456789abcdefXYZ',
        name: 'budget-notes.pdf',
        mimeType: 'application/pdf',
        modified: '2026-11-20T08:45:00.000Z',
        size: 482113,
        parentId: '0AbCsHaReDdRiVe9PVA',
        driveId: '0AbCsHaReDdRiVe9PVA',
        link: 'https://drive.google.com/file/d/1PdFfIlE0123456789abcdefXYZ/view?usp=drivesdk',
      },
    ]);
    expect(envelope.nextCursor).toEqual(expect.any(String));
  });

  it('follows the cursor with Drive’s pageToken, and refuses it for another query', async () => {
    const { scope, sent } = googleApi();
    scope.get(FILES).query(true).reply(200, fixtures.driveFilesList()).get(FILES).query(true).reply(200, { files: [] });
    const runtime = createRuntime();
    const first = expectOk(await runtime.callTool(tool('search_files'), { q: "name contains 'budget'" }));
    const next = expectOk(await runtime.callTool(tool('search_files'), { q: "name contains 'budget'", cursor: first.nextCursor }));
    expect(sent[1]!.query.pageToken).toBe('~!!~AI9FV7Tq3cJw8gQh1bX2sM0kRZ4YpUoN6eLdF5vA');
    expect(next).toMatchObject({ data: [] });
    expect(next.nextCursor).toBeUndefined();
    expectError(await runtime.callTool(tool('search_files'), { q: "name contains 'other'", cursor: first.nextCursor }), 'invalid_input');
    expect(sent).toHaveLength(2);
  });

  it('orders full-text searches by relevance (Drive refuses orderBy there), lists recent files for an empty query, and includes the trash only when asked', async () => {
    const { scope, sent } = googleApi();
    scope.get(FILES).query(true).times(3).reply(200, { files: [], incompleteSearch: true });
    const runtime = createRuntime();
    const fullText = expectOk(await runtime.callTool(tool('search_files'), { q: "fullText contains 'reconciled'" }));
    expectOk(await runtime.callTool(tool('search_files'), {}));
    expectOk(await runtime.callTool(tool('search_files'), { q: "name = 'old'", includeTrashed: true }));
    expect(sent[0]!.query.orderBy).toBeUndefined();
    expect(sent[1]!.query.q).toBe('trashed = false');
    expect(sent[2]!.query.q).toBe("(name = 'old')");
    expect(fullText.warnings).toEqual([expect.stringContaining('only some of your shared drives')]);
  });

  it('answers Drive’s 400 for a malformed query as invalid_input with Google’s message', async () => {
    const { scope } = googleApi();
    scope
      .get(FILES)
      .query(true)
      .reply(400, {
        error: { code: 400, message: 'Invalid Value', errors: [{ domain: 'global', reason: 'invalid', location: 'q', locationType: 'parameter' }] },
      });
    const error = expectError(await createRuntime().callTool(tool('search_files'), { q: 'name contains budget' }), 'invalid_input');
    expect(error).toMatchObject({ message: 'Google answered 400: Invalid Value', vendorCode: 'invalid' });
  });

  it('rejects a limit above 100 without calling Drive', async () => {
    const { sent } = googleApi();
    expectError(await createRuntime().callTool(tool('search_files'), { limit: 101 }), 'invalid_input');
    expect(sent).toEqual([]);
  });
});

describe('google_drive_get_file', () => {
  it('reads the file’s metadata, in shared drives too, and answers it compactly', async () => {
    const { scope, sent } = googleApi();
    scope.get(`${FILES}/1DoCuMeNt0123456789abcdefXYZ`).query(true).reply(200, fixtures.driveFile());
    const envelope = expectOk(await createRuntime().callTool(tool('get_file'), { fileId: '1DoCuMeNt0123456789abcdefXYZ' }));
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
    const { scope, sent } = googleApi();
    scope
      .get(`${FILES}/1MiSsInG0123456789abcdefXYZ`)
      .query(true)
      .reply(404, { error: { code: 404, message: 'File not found: 1MiSsInG0123456789abcdefXYZ.', errors: [{ reason: 'notFound' }] } });
    const error = expectError(await createRuntime().callTool(tool('get_file'), { fileId: '1MiSsInG0123456789abcdefXYZ' }), 'not_found');
    expect(error.vendorCode).toBe('notFound');
    expectError(await createRuntime().callTool(tool('get_file'), { fileId: '../../etc/passwd' }), 'invalid_input');
    expect(sent).toHaveLength(1);
  });
});
