// The Google resources: gmail://thread, gdrive://file and gdrive://folder, gcal://event, each read
// through its tool. The Drive folder id goes into a Drive query, so it is checked first.
import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectGoogleHeaders, fixture, MESSAGE_ID, vendor } from './harness.js';

useFakeVendor();
const FILES = '/drive/v3/files';

describe('Google Drive resources', () => {
  it('lists Gmail’s, Drive’s and Calendar’s templates, and only the enabled services’', () => {
    expect(
      createRuntime()
        .runtime.listResourceTemplates()
        .map((r) => r.uriTemplate),
    ).toEqual(['gmail://thread/{threadId}', 'gdrive://file/{fileId}', 'gdrive://folder/{folderId}', 'gcal://event/{calendarId}/{eventId}']);
    expect(
      createRuntime({ env: { GOOGLE_WORKSPACE_SERVICES: 'drive' } })
        .runtime.listResourceTemplates()
        .map((r) => r.name),
    ).toEqual(['drive_file', 'drive_folder']);
  });

  it('gmail://thread/{threadId} reads as gmail_get_thread does', async () => {
    const { scope, sent } = vendor();
    scope
      .get(`/gmail/v1/users/me/threads/${MESSAGE_ID}`)
      .query({ format: 'full' })
      .reply(200, { id: MESSAGE_ID, historyId: '1', messages: [fixture('api-message-full')] });
    const read = await createRuntime().readResource(`gmail://thread/${MESSAGE_ID}`);
    expect(sent).toHaveLength(1);
    expect(JSON.parse((read as { text: string }).text)).toMatchObject({ ok: true, data: { id: MESSAGE_ID } });
  });

  it('gcal://event/{calendarId}/{eventId} reads as google_calendar_get_event does', async () => {
    const { scope, sent } = vendor();
    scope.get('/calendar/v3/calendars/primary/events/7kq2m9d0c4v1h8s3b5n6p0r2t4').query(true).reply(200, fixture('api-event'));
    const read = await createRuntime().readResource('gcal://event/primary/7kq2m9d0c4v1h8s3b5n6p0r2t4');
    expect(sent).toHaveLength(1);
    expect(JSON.parse((read as { text: string }).text)).toMatchObject({ ok: true, data: { id: '7kq2m9d0c4v1h8s3b5n6p0r2t4' } });
  });

  it('gdrive://file/{fileId} reads as google_drive_get_file does', async () => {
    const { scope, sent } = vendor();
    scope.get(`${FILES}/1DoCuMeNt0123456789abcdefXYZ`).query(true).reply(200, fixture('api-drive-file'));
    const read = await createRuntime().readResource('gdrive://file/1DoCuMeNt0123456789abcdefXYZ');
    expect(sent).toHaveLength(1);
    expectGoogleHeaders(sent[0]);
    expect(read.ok).toBe(true);
    expect(JSON.parse((read as { text: string }).text)).toMatchObject({ ok: true, data: { id: '1DoCuMeNt0123456789abcdefXYZ' } });
  });

  it('gdrive://folder/{folderId} lists the folder, newest first', async () => {
    const { scope, sent } = vendor();
    scope.get(FILES).query(true).reply(200, fixture('api-drive-files-list'));
    const read = await createRuntime().readResource('gdrive://folder/1Fo1d3rAbCdEfGhIjKlMn');
    expect(read.ok).toBe(true);
    expect(sent[0]).toMatchObject({
      path: FILES,
      query: { q: "('1Fo1d3rAbCdEfGhIjKlMn' in parents) and trashed = false", orderBy: 'modifiedTime desc', pageSize: '20' },
    });
  });

  it.each(["x' or name contains 'a", 'short'])('refuses the folder id %j before any request (no query injection)', async (id) => {
    const { sent } = vendor();
    expect(await createRuntime().readResource(`gdrive://folder/${encodeURIComponent(id)}`)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(sent).toHaveLength(0);
  });
});
