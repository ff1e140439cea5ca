import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectError, expectGoogleHeaders, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const FILES = '/drive/v3/files';
const ROW = 'id,name,mimeType,size,modifiedTime,webViewLink,parents,driveId,owners(displayName,emailAddress)';

describe('google_drive_search_files', () => {
  it('searches every drive with the query, untrashed, newest first, asking only for the row fields', async () => {
    const { scope, sent } = vendor();
    scope.get(FILES).query(true).reply(200, fixture('api-drive-files-list'));
    const envelope = expectOk(await call(tool('search_files'), { q: "name contains 'budget'" }));
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
    const { scope, sent } = vendor();
    scope.get(FILES).query(true).reply(200, fixture('api-drive-files-list')).get(FILES).query(true).reply(200, { files: [] });
    const runtime = createRuntime();
    const first = expectOk(await runtime.call(tool('search_files'), { q: "name contains 'budget'" }));
    const next = expectOk(await runtime.call(tool('search_files'), { q: "name contains 'budget'", cursor: first.nextCursor }));
    expect(sent[1]!.query.pageToken).toBe('~!!~AI9FV7Tq3cJw8gQh1bX2sM0kRZ4YpUoN6eLdF5vA');
    expect(next).toMatchObject({ data: [] });
    expect(next.nextCursor).toBeUndefined();
    expectError(await runtime.call(tool('search_files'), { q: "name contains 'other'", cursor: first.nextCursor }), 'invalid_input');
    expect(sent).toHaveLength(2);
  });

  it('orders full-text searches by relevance (Drive refuses orderBy there), lists recent files for an empty query, and includes the trash only when asked', async () => {
    const { scope, sent } = vendor();
    scope.get(FILES).query(true).times(3).reply(200, { files: [], incompleteSearch: true });
    const runtime = createRuntime();
    const fullText = expectOk(await runtime.call(tool('search_files'), { q: "fullText contains 'reconciled'" }));
    expectOk(await runtime.call(tool('search_files'), {}));
    expectOk(await runtime.call(tool('search_files'), { q: "name = 'old'", includeTrashed: true }));
    expect(sent[0]!.query.orderBy).toBeUndefined();
    expect(sent[1]!.query.q).toBe('trashed = false');
    expect(sent[2]!.query.q).toBe("(name = 'old')");
    expect(fullText.warnings).toEqual([expect.stringContaining('only some of your shared drives')]);
  });

  it('answers Drive’s 400 for a malformed query as invalid_input with Google’s message', async () => {
    const { scope } = vendor();
    scope
      .get(FILES)
      .query(true)
      .reply(400, {
        error: { code: 400, message: 'Invalid Value', errors: [{ domain: 'global', reason: 'invalid', location: 'q', locationType: 'parameter' }] },
      });
    const error = expectError(await call(tool('search_files'), { q: 'name contains budget' }), 'invalid_input');
    expect(error).toMatchObject({ message: 'Google answered 400: Invalid Value', vendorCode: 'invalid' });
  });

  it('rejects a limit above 100 without calling Drive', async () => {
    const { sent } = vendor();
    expectError(await call(tool('search_files'), { limit: 101 }), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
