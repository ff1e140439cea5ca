import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useFakeVendor } from '@connectors/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadsDir, safeFileName } from '../../src/gmail/tools/get-attachment.js';
import { call, createRuntime, expectError, expectOk, fixture, MESSAGE_ID, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('get_attachment');
const MESSAGE = `/gmail/v1/users/me/messages/${MESSAGE_ID}`;
const ATTACHMENT = 'ANGjdJ8wXyZ-attachment-1';
const PDF = Buffer.from('%PDF-1.7 fake invoice bytes');

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gmail-attachment-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

/** Saving is allowed inside the configured download folder only: the temp folder is it here. */
const save = (args: Record<string, unknown>) => createRuntime({ env: { GOOGLE_WORKSPACE_DOWNLOAD_DIR: folder } }).call(name, args);

function mount(scope: ReturnType<typeof vendor>['scope']) {
  scope.get(MESSAGE).query({ format: 'full' }).reply(200, fixture('api-message-full'));
  scope.get(`${MESSAGE}/attachments/${ATTACHMENT}`).reply(200, { size: PDF.length, data: PDF.toString('base64url') });
}

describe('gmail_get_attachment', () => {
  it('saves the attachment under its own name and answers path, size and type, never the bytes', async () => {
    const { scope, sent } = vendor();
    mount(scope);
    const envelope = expectOk<{ path: string }>(await save({ messageId: MESSAGE_ID, attachmentId: ATTACHMENT, folder }));
    expect(sent.map((r) => r.path)).toEqual([MESSAGE, `${MESSAGE}/attachments/${ATTACHMENT}`]);
    expect(envelope.data).toEqual({ path: join(folder, 'invoice-Q3.pdf'), filename: 'invoice-Q3.pdf', mimeType: 'application/pdf', size: PDF.length });
    expect(await readFile(envelope.data.path)).toEqual(PDF);
    expect(JSON.stringify(envelope)).not.toContain(PDF.toString('base64url'));
  });

  it('never overwrites a file: the second copy is "invoice-Q3 (1).pdf"', async () => {
    await writeFile(join(folder, 'invoice-Q3.pdf'), 'mine');
    const { scope } = vendor();
    mount(scope);
    const envelope = expectOk<{ filename: string }>(await save({ messageId: MESSAGE_ID, attachmentId: ATTACHMENT, folder }));
    expect(envelope.data.filename).toBe('invoice-Q3 (1).pdf');
    expect(await readFile(join(folder, 'invoice-Q3.pdf'), 'utf8')).toBe('mine');
  });

  it('answers not_found for an attachmentId Gmail does not have, without writing', async () => {
    const { scope, sent } = vendor();
    scope.get(MESSAGE).query(true).reply(200, fixture('api-message-full'));
    // Gmail issues new attachment ids on each fetch, so an id is asked for as given.
    scope.get(`${MESSAGE}/attachments/ANGjdJ8-not-there`).reply(404, { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } });
    expectError(await save({ messageId: MESSAGE_ID, attachmentId: 'ANGjdJ8-not-there', folder }), 'not_found');
    expect(sent).toHaveLength(2);
    expect(await readdir(folder)).toEqual([]);
  });

  it('saves into GOOGLE_WORKSPACE_DOWNLOAD_DIR when no folder is given', async () => {
    const { scope } = vendor();
    mount(scope);
    const envelope = expectOk<{ path: string }>(
      await createRuntime({ env: { GOOGLE_WORKSPACE_DOWNLOAD_DIR: folder } }).call(name, { messageId: MESSAGE_ID, attachmentId: ATTACHMENT }),
    );
    expect(envelope.data.path).toBe(join(folder, 'invoice-Q3.pdf'));
  });

  it('refuses a relative folder before any request', async () => {
    const { sent } = vendor();
    expectError(await call(name, { messageId: MESSAGE_ID, attachmentId: ATTACHMENT, folder: 'Downloads' }), 'invalid_input');
    expect(sent).toEqual([]);
  });

  it('keeps file names inside the folder and Downloads where the user keeps them', () => {
    expect(safeFileName('../../.bashrc')).toBe('bashrc');
    expect(safeFileName('C:\\evil\\x.exe')).toBe('x.exe');
    expect(safeFileName('a\u0000b:c?.txt')).toBe('a_b_c_.txt');
    expect(safeFileName('...')).toBe('attachment');
    expect(downloadsDir({ HOME: '/home/mia' })).toBe('/home/mia/Downloads');
    expect(downloadsDir({ HOME: '/home/mia', XDG_DOWNLOAD_DIR: '/data/dl' })).toBe('/data/dl');
  });
});
