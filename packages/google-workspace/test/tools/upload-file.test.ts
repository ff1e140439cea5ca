import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useFakeVendor } from '@connectors/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNK } from '../../src/drive/upload.js';
import { BASE_URL, call, createRuntime, expectError, expectOk, tool, vendor } from '../harness.js';

useFakeVendor();
const UPLOAD = '/upload/drive/v3/files';
const ROW = 'id,name,mimeType,size,modifiedTime,webViewLink,parents,driveId,owners(displayName,emailAddress)';
const DIR = mkdtempSync(join(tmpdir(), 'drive-upload-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
const made = (name: string, mimeType = 'text/plain') => ({ id: '1UpLoAd0123456789abcdefXYZ', name, mimeType, parents: ['1Fo1d3rAbCdEfGhIjKlMn'] });

/** The parts of a multipart/related body: each part's headers and content. */
function parts(body: string, contentType: string): { headers: string; content: string }[] {
  const boundary = /boundary=(\S+)/.exec(contentType)![1]!;
  return body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [headers, ...rest] = part.replace(/^\r\n/, '').split('\r\n\r\n');
      return { headers: headers!, content: rest.join('\r\n\r\n').replace(/\r\n$/, '') };
    });
}

describe('google_drive_upload_file', () => {
  it('uploads text in one multipart request: the metadata as JSON, then the content, into the folder given', async () => {
    const { scope, sent } = vendor();
    scope.post(UPLOAD).query(true).reply(200, made('notes.md'));
    const envelope = expectOk(
      await call(tool('upload_file'), {
        text: '# Notes\n\nÜber alles.\n',
        name: 'notes.md',
        folderId: '1Fo1d3rAbCdEfGhIjKlMn',
        description: 'Meeting notes',
      }),
    );
    expect(sent[0]).toMatchObject({ method: 'POST', path: UPLOAD, query: { uploadType: 'multipart', fields: ROW, supportsAllDrives: 'true' } });
    const [metadata, content] = parts(sent[0]!.body as string, sent[0]!.headers['content-type']!);
    expect(metadata!.headers).toBe('Content-Type: application/json; charset=UTF-8');
    expect(JSON.parse(metadata!.content)).toEqual({ name: 'notes.md', parents: ['1Fo1d3rAbCdEfGhIjKlMn'], description: 'Meeting notes' });
    expect(content).toEqual({ headers: 'Content-Type: text/plain', content: '# Notes\n\nÜber alles.\n' });
    expect(envelope.data).toEqual({ id: '1UpLoAd0123456789abcdefXYZ', name: 'notes.md', mimeType: 'text/plain', parentId: '1Fo1d3rAbCdEfGhIjKlMn' });
  });

  it('with convert, asks Drive to make a CSV a Google Sheet, and refuses to convert what cannot be', async () => {
    const { scope, sent } = vendor();
    scope.post(UPLOAD).query(true).reply(200, made('costs.csv', 'application/vnd.google-apps.spreadsheet'));
    expectOk(await call(tool('upload_file'), { text: 'Item,Q3\nHosting,1250.50\n', name: 'costs.csv', convert: true }));
    const [metadata, content] = parts(sent[0]!.body as string, sent[0]!.headers['content-type']!);
    expect(JSON.parse(metadata!.content)).toEqual({ name: 'costs.csv', mimeType: 'application/vnd.google-apps.spreadsheet' });
    expect(content!.headers).toBe('Content-Type: text/csv');
    const error = expectError(await call(tool('upload_file'), { text: 'x', name: 'photo.png', convert: true }), 'invalid_input');
    expect(error.message).toContain('image/png');
    expect(sent).toHaveLength(1);
  });

  it('uploads a local file by its path, with the type from its name', async () => {
    const path = join(DIR, 'report.pdf');
    writeFileSync(path, '%PDF-1.7 small report');
    const { scope, sent } = vendor();
    scope.post(UPLOAD).query(true).reply(200, made('report.pdf', 'application/pdf'));
    expectOk(await call(tool('upload_file'), { path }));
    const [metadata, content] = parts(sent[0]!.body as string, sent[0]!.headers['content-type']!);
    expect(JSON.parse(metadata!.content)).toEqual({ name: 'report.pdf' });
    expect(content).toEqual({ headers: 'Content-Type: application/pdf', content: '%PDF-1.7 small report' });
  });

  it('sends a large file through a resumable session in 8 MB chunks, going on from what Drive says it has', async () => {
    const size = CHUNK + 1000;
    const path = join(DIR, 'big.csv');
    writeFileSync(path, 'a'.repeat(size));
    const { scope, sent } = vendor();
    const session = `${BASE_URL}${UPLOAD}?uploadType=resumable&upload_id=ADPycdu_session_1`;
    scope
      .post(UPLOAD)
      .query({ uploadType: 'resumable', fields: ROW, supportsAllDrives: 'true' })
      .reply(200, '', { location: session })
      .put(UPLOAD)
      .query({ uploadType: 'resumable', upload_id: 'ADPycdu_session_1' })
      .reply(308, '', { range: `bytes=0-${CHUNK - 1}` })
      .put(UPLOAD)
      .query(true)
      .reply(200, made('big.csv', 'text/csv'));
    const envelope = expectOk(await call(tool('upload_file'), { path, folderId: '1Fo1d3rAbCdEfGhIjKlMn' }));
    expect(sent[0]!.headers).toMatchObject({
      'x-upload-content-type': 'text/csv',
      'x-upload-content-length': String(size),
      'content-type': 'application/json',
    });
    expect(sent[0]!.body).toEqual({ name: 'big.csv', parents: ['1Fo1d3rAbCdEfGhIjKlMn'] });
    expect(sent[1]!.headers['content-range']).toBe(`bytes 0-${CHUNK - 1}/${size}`);
    expect((sent[1]!.body as string).length).toBe(CHUNK);
    expect(sent[2]!.headers['content-range']).toBe(`bytes ${CHUNK}-${size - 1}/${size}`);
    expect((sent[2]!.body as string).length).toBe(1000);
    expect(envelope.data).toMatchObject({ id: '1UpLoAd0123456789abcdefXYZ', name: 'big.csv' });
  });

  it('after a chunk is cut off on the way, asks Drive what it has and resends from there', async () => {
    const size = CHUNK + 10;
    const path = join(DIR, 'cut.txt');
    writeFileSync(path, 'b'.repeat(size));
    const { scope, sent } = vendor();
    const session = `${BASE_URL}${UPLOAD}?uploadType=resumable&upload_id=ADPycdu_session_2`;
    scope
      .post(UPLOAD)
      .query(true)
      .reply(200, '', { location: session })
      .put(UPLOAD)
      .query(true)
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
      .put(UPLOAD)
      .query(true)
      .reply(308, '', { range: 'bytes=0-1023' })
      .put(UPLOAD)
      .query(true)
      .reply(200, made('cut.txt'));
    expectOk(await call(tool('upload_file'), { path }));
    // sent holds the requests nock answered; the reset one is among them.
    const ranges = sent.slice(1).map((r) => r.headers['content-range']);
    expect(ranges).toEqual([`bytes 0-${CHUNK - 1}/${size}`, `bytes */${size}`, `bytes 1024-${size - 1}/${size}`]);
  });

  it('refuses hidden files and folders, also behind a symlink, and what is not a file, without a request', async () => {
    mkdirSync(join(DIR, '.ssh'), { recursive: true });
    writeFileSync(join(DIR, '.ssh', 'id_ed25519'), 'PRIVATE KEY');
    symlinkSync(join(DIR, '.ssh', 'id_ed25519'), join(DIR, 'innocent.txt'));
    const { sent } = vendor();
    const runtime = createRuntime();
    for (const path of [join(DIR, '.ssh', 'id_ed25519'), join(DIR, 'innocent.txt')]) {
      const error = expectError(await runtime.call(tool('upload_file'), { path }), 'forbidden');
      expect(error.message).toContain('hidden');
    }
    expectError(await runtime.call(tool('upload_file'), { path: DIR }), 'invalid_input');
    expectError(await runtime.call(tool('upload_file'), { path: join(DIR, 'missing.txt') }), 'invalid_input');
    expectError(await runtime.call(tool('upload_file'), { path: 'relative/file.txt' }), 'invalid_input');
    expectError(await runtime.call(tool('upload_file'), { text: 'no name' }), 'invalid_input');
    expectError(await runtime.call(tool('upload_file'), { text: 'both', name: 'a.txt', path: join(DIR, 'report.pdf') }), 'invalid_input');
    expectError(await runtime.call(tool('upload_file'), { name: 'neither.txt' }), 'invalid_input');
    expect(sent).toEqual([]);
  });

  it('creates a keyed upload under an id generated beforehand, and after an unknown outcome reads that id instead of uploading twice', async () => {
    const { scope, sent } = vendor();
    const ID = '1UpLoAd0123456789abcdefXYZ';
    scope
      .get('/drive/v3/files/generateIds')
      .query({ count: '1', space: 'drive', type: 'files' })
      .reply(200, { kind: 'drive#generatedIds', space: 'drive', ids: [ID] });
    scope.post(UPLOAD).query(true).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const runtime = createRuntime();
    const input = { text: 'Item,Q3\n', name: 'costs.csv', idempotencyKey: 'costs-upload-2026-12' };
    const first = expectError(await runtime.call(tool('upload_file'), input), 'network_error');
    expect(first.retryable).toBe(false);
    const upload = sent.find((r) => r.method === 'POST')!;
    const [metadata] = parts(upload.body as string, upload.headers['content-type']!);
    expect(JSON.parse(metadata!.content)).toMatchObject({ id: ID, appProperties: { connectorsWrite: expect.stringMatching(/^[0-9a-f]{32}$/) } });

    // The first upload had landed: the repeat finds the file by its id, not by a search that may lag.
    scope.get(`/drive/v3/files/${ID}`).query(true).reply(200, made('costs.csv', 'text/csv'));
    const again = expectOk(await runtime.call(tool('upload_file'), input));
    expect(again.data).toMatchObject({ id: ID });
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(sent.some((r) => r.path === '/drive/v3/files' && r.method === 'GET')).toBe(false);
  });
});
