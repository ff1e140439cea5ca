// Gmail issues new attachment ids every time a message is fetched (old ones keep working), so an
// attachment is saved from the id a model copied out of gmail_get_message, or by its part id, which
// stays the same.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, type FakeAttachment, FakeGoogle, runtimeFor } from './fake-google.js';

const MESSAGE = '18c2a3f4e5d6b7a8';
const PDF = Buffer.from('%PDF-1.7 the Q3 invoice');
const CSV = Buffer.from('Item,Q3\nHosting,1250.50\nLicences,830.00\n');
const ICS = Buffer.from('BEGIN:VCALENDAR\nEND:VCALENDAR\n');
const ATTACHMENTS: FakeAttachment[] = [
  { partId: '1', filename: 'invoice-Q3.pdf', mimeType: 'application/pdf', bytes: PDF },
  { partId: '2', filename: 'costs.csv', mimeType: 'text/csv', bytes: CSV },
  { partId: '3', filename: 'invite.ics', mimeType: 'text/calendar', bytes: ICS, inline: true },
];

let downloads: string;
beforeEach(async () => {
  downloads = await mkdtemp(join(tmpdir(), 'attachment-ids-'));
});
afterEach(() => rm(downloads, { recursive: true, force: true }));

function setup() {
  const google = new FakeGoogle();
  google.attachmentMessage = { id: MESSAGE, attachments: ATTACHMENTS };
  const runtime = runtimeFor(google, { GOOGLE_WORKSPACE_DOWNLOAD_DIR: downloads });
  const call = async (tool: string, args: Record<string, unknown>) => envelope(await runtime.callTool(tool, args));
  return { google, call };
}

describe('gmail_get_attachment with a Gmail whose attachment ids change on every fetch', () => {
  it('saves the attachment by the attachmentId gmail_get_message listed', async () => {
    const { call } = setup();
    const message = await call('gmail_get_message', { messageId: MESSAGE });
    const listed = message.data.attachments as { attachmentId: string; filename: string }[];
    const csv = listed.find((a) => a.filename === 'costs.csv')!;
    const saved = await call('gmail_get_attachment', { messageId: MESSAGE, attachmentId: csv.attachmentId });
    expect(saved.error).toBeUndefined();
    expect(saved.data).toEqual({ path: join(downloads, 'costs.csv'), filename: 'costs.csv', mimeType: 'text/csv', size: CSV.length });
    expect(await readFile(saved.data.path)).toEqual(CSV);
  });

  it('gmail_get_message lists each attachment with its partId, and gmail_get_attachment takes it', async () => {
    const { call } = setup();
    const message = await call('gmail_get_message', { messageId: MESSAGE });
    expect(message.data.attachments).toEqual([
      { partId: '1', attachmentId: expect.any(String), filename: 'invoice-Q3.pdf', mimeType: 'application/pdf', size: PDF.length },
      { partId: '2', attachmentId: expect.any(String), filename: 'costs.csv', mimeType: 'text/csv', size: CSV.length },
      { partId: '3', attachmentId: '', filename: 'invite.ics', mimeType: 'text/calendar', size: ICS.length },
    ]);
    const pdf = await call('gmail_get_attachment', { messageId: MESSAGE, partId: '1' });
    expect(pdf.data).toMatchObject({ filename: 'invoice-Q3.pdf', mimeType: 'application/pdf', size: PDF.length });
    expect(await readFile(pdf.data.path)).toEqual(PDF);
    // An attachment Gmail sends inline in the message (no attachmentId) is saved by its part too.
    const ics = await call('gmail_get_attachment', { messageId: MESSAGE, partId: '3' });
    expect(await readFile(ics.data.path)).toEqual(ICS);
    // The same part again: the file already saved.
    expect((await call('gmail_get_attachment', { messageId: MESSAGE, partId: '1' })).data).toEqual(pdf.data);
    expect((await readdir(downloads)).sort()).toEqual(['invite.ics', 'invoice-Q3.pdf']);
  });

  it('an attachmentId that could be either of two attachments of the same size is refused with a pointer to partId', async () => {
    const google = new FakeGoogle();
    google.attachmentMessage = {
      id: MESSAGE,
      attachments: [
        { partId: '1', filename: 'a.txt', mimeType: 'text/plain', bytes: Buffer.from('same size A') },
        { partId: '2', filename: 'b.txt', mimeType: 'text/plain', bytes: Buffer.from('same size B') },
      ],
    };
    const runtime = runtimeFor(google, { GOOGLE_WORKSPACE_DOWNLOAD_DIR: downloads });
    const message = envelope(await runtime.callTool('gmail_get_message', { messageId: MESSAGE }));
    const first = message.data.attachments[0] as { attachmentId: string };
    const refused = envelope(await runtime.callTool('gmail_get_attachment', { messageId: MESSAGE, attachmentId: first.attachmentId }));
    expect(refused.error).toMatchObject({ code: 'invalid_input', hint: expect.stringContaining('partId') });
    expect(await readdir(downloads)).toEqual([]);
    const byPart = envelope(await runtime.callTool('gmail_get_attachment', { messageId: MESSAGE, partId: '2' }));
    expect(await readFile(byPart.data.path, 'utf8')).toBe('same size B');
  });

  it('asks for partId or attachmentId, and answers not_found for a part the message does not have', async () => {
    const { call, google } = setup();
    expect((await call('gmail_get_attachment', { messageId: MESSAGE })).error?.code).toBe('invalid_input');
    expect(google.seen).toEqual([]);
    const missing = await call('gmail_get_attachment', { messageId: MESSAGE, partId: '7' });
    expect(missing.error).toMatchObject({ code: 'not_found', hint: expect.stringContaining('gmail_get_message') });
    expect((await call('gmail_get_attachment', { messageId: MESSAGE, partId: '0' })).error?.code).toBe('not_found');
    expect(await readdir(downloads)).toEqual([]);
  });
});
