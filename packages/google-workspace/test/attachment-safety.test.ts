// Where gmail_get_attachment may write, and what: a mail can ask a model to save its attachment
// anywhere (`~/.ssh` with an `authorized_keys`, an autostart folder), so only the download folder
// and its visible subfolders are written, file names are cleaned and kept short in bytes, file
// system failures are coded errors, and a repeat finds the file it saved before.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fileSystemError, safeFileName } from '../src/gmail/tools/get-attachment.js';
import { envelope, type FakeAttachment, FakeGoogle, runtimeFor } from './fake-google.js';

const TOOL = 'gmail_get_attachment';
const MESSAGE = '18c2a3f4e5d6b7a8';
const KEY = Buffer.from('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAttacker attacker@evil.example\n');

let root: string;
let home: string;
let downloads: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'attachment-safety-'));
  home = join(root, 'home');
  downloads = join(home, 'Downloads');
  await mkdir(downloads, { recursive: true });
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(root, { recursive: true, force: true });
});

/** A Gmail whose message 18c2a3f4e5d6b7a8 has these attachments, and a runtime saving into `downloads`. */
function setup(attachments: FakeAttachment[], env: Record<string, string> = { GOOGLE_WORKSPACE_DOWNLOAD_DIR: downloads }) {
  const google = new FakeGoogle();
  google.stableAttachmentIds = true;
  google.attachmentMessage = { id: MESSAGE, attachments };
  const runtime = runtimeFor(google, env);
  const save = async (args: Record<string, unknown>) => envelope(await runtime.callTool(TOOL, { messageId: MESSAGE, attachmentId: 'ANGjdJstable1', ...args }));
  return { google, runtime, save };
}

const one = (filename: string, bytes: Buffer = KEY): FakeAttachment[] => [{ partId: '1', filename, mimeType: 'application/octet-stream', bytes }];

describe('gmail_get_attachment: where it writes', () => {
  it('refuses ~/.ssh: creates no folder and writes no authorized_keys', async () => {
    const { save } = setup(one('authorized_keys'));
    const answer = await save({ folder: join(home, '.ssh') });
    expect(answer.ok).toBe(false);
    expect(answer.error?.code).toBe('forbidden');
    expect(existsSync(join(home, '.ssh'))).toBe(false);
  });

  it('refuses ~/.config/autostart, and a way out of the download folder through ..', async () => {
    const { save } = setup(one('update.desktop'));
    expect((await save({ folder: join(home, '.config', 'autostart') })).error?.code).toBe('forbidden');
    expect((await save({ folder: `${downloads}/../.config/autostart` })).error?.code).toBe('forbidden');
    expect(existsSync(join(home, '.config'))).toBe(false);
  });

  it('refuses a folder outside the download folder, and a hidden or autostart folder inside it', async () => {
    const { save, google } = setup(one('report.txt'));
    expect((await save({ folder: join(root, 'elsewhere') })).error).toMatchObject({ code: 'forbidden', message: expect.stringContaining(downloads) });
    expect((await save({ folder: join(downloads, '.cache') })).error?.code).toBe('forbidden');
    expect((await save({ folder: join(downloads, 'x', 'autostart') })).error?.code).toBe('forbidden');
    expect(existsSync(join(root, 'elsewhere'))).toBe(false);
    expect(await readdir(downloads)).toEqual([]);
    // Refused before anything is asked of Gmail.
    expect(google.seen).toEqual([]);
  });

  it('saves into a new subfolder of the download folder', async () => {
    const { save } = setup(one('report.txt'));
    const answer = await save({ folder: join(downloads, 'invoices', '2026') });
    expect(answer.data).toMatchObject({ path: join(downloads, 'invoices', '2026', 'report.txt'), filename: 'report.txt', size: KEY.length });
    expect(await readFile(answer.data.path)).toEqual(KEY);
  });

  it('follows no symlink out of the download folder', async () => {
    const outside = join(root, 'outside');
    await mkdir(outside);
    await symlink(outside, join(downloads, 'link'));
    const { save } = setup(one('authorized_keys'));
    expect((await save({ folder: join(downloads, 'link') })).error?.code).toBe('forbidden');
    expect((await save({ folder: join(downloads, 'link', 'new') })).error?.code).toBe('forbidden');
    expect(await readdir(outside)).toEqual([]);
  });

  it('without GOOGLE_WORKSPACE_DOWNLOAD_DIR, the default download folder is the limit', async () => {
    const xdg = join(root, 'xdg-downloads');
    vi.stubEnv('XDG_DOWNLOAD_DIR', xdg);
    const { save } = setup(one('report.txt'), {});
    expect((await save({})).data?.path).toBe(join(xdg, 'report.txt'));
    expect((await save({ folder: join(xdg, 'sub') })).data?.path).toBe(join(xdg, 'sub', 'report.txt'));
    expect((await save({ folder: downloads })).error?.code).toBe('forbidden');
  });
});

describe('gmail_get_attachment: what it writes', () => {
  it('strips bidi controls from the name: invoice\\u202Efdp.exe is saved as invoicefdp.exe', async () => {
    const { save } = setup(one('invoice\u202Efdp.exe'));
    const answer = await save({});
    expect(answer.data.filename).toBe('invoicefdp.exe');
    expect(await readdir(downloads)).toEqual(['invoicefdp.exe']);
    expect(safeFileName('\u2066a\u2067b\u2068c\u2069\u200e\u200f\u061c\u202a\u202b\u202c\u202d.txt')).toBe('abc.txt');
  });

  it('keeps a long name within 200 UTF-8 bytes, with its extension', async () => {
    const { save } = setup(one(`${'é'.repeat(150)}.pdf`));
    const answer = await save({});
    expect(answer.ok).toBe(true);
    expect(Buffer.byteLength(answer.data.filename)).toBeLessThanOrEqual(200);
    expect(answer.data.filename).toMatch(/^é+\.pdf$/);
    expect(await readFile(answer.data.path)).toEqual(KEY);
    expect(Buffer.byteLength(safeFileName(`${'😀'.repeat(100)}.tar.gz`))).toBeLessThanOrEqual(200);
    expect(safeFileName(`${'😀'.repeat(100)}.tar.gz`)).toMatch(/^(😀)+\.gz$/u);
  });

  it('a repeat with the same arguments answers the file already saved, not "same (1).txt"', async () => {
    const { save } = setup(one('same.txt'));
    const first = await save({});
    const again = await save({});
    expect(again.data).toEqual(first.data);
    expect(await readdir(downloads)).toEqual(['same.txt']);
  });

  it('never overwrites a different file of the same name, nor a folder of that name', async () => {
    await writeFile(join(downloads, 'same.txt'), 'mine');
    await mkdir(join(downloads, 'same (1).txt'));
    const { save } = setup(one('same.txt'));
    expect((await save({})).data.filename).toBe('same (2).txt');
    expect(await readFile(join(downloads, 'same.txt'), 'utf8')).toBe('mine');
  });
});

describe('gmail_get_attachment: file system failures are coded errors', () => {
  it('a file where a folder should be, a NUL in the folder, a folder name too long', async () => {
    await writeFile(join(downloads, 'plain-file'), 'x');
    const { save } = setup(one('report.txt'));
    expect((await save({ folder: join(downloads, 'plain-file', 'sub') })).error?.code).toBe('invalid_input');
    expect((await save({ folder: join(downloads, 'a\u0000b') })).error?.code).toBe('invalid_input');
    expect((await save({ folder: join(downloads, 'x'.repeat(300)) })).error?.code).toBe('invalid_input');
  });

  it('maps errno codes to coded errors that name the path', () => {
    const errno = (code: string) => Object.assign(new Error(`${code}: failed`), { code });
    expect(fileSystemError(errno('EACCES'), '/d/x.txt')).toMatchObject({ code: 'forbidden', message: expect.stringContaining('/d/x.txt') });
    expect(fileSystemError(errno('EPERM'), '/d/x.txt').code).toBe('forbidden');
    expect(fileSystemError(errno('EROFS'), '/d/x.txt').code).toBe('forbidden');
    expect(fileSystemError(errno('ENOSPC'), '/d/x.txt')).toMatchObject({ code: 'upstream_error', message: expect.stringContaining('space') });
    expect(fileSystemError(errno('ENAMETOOLONG'), '/d/x.txt').code).toBe('invalid_input');
    expect(fileSystemError(errno('ENOTDIR'), '/d/x.txt').code).toBe('invalid_input');
    expect(fileSystemError(errno('EEXIST'), '/d/x.txt').code).toBe('conflict');
    expect(fileSystemError(errno('EIO'), '/d/x.txt').code).toBe('upstream_error');
  });
});
