import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { fitSheets, toCsv } from '../../src/drive/content.js';
import { call, expectError, expectOk, fixtureFile, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('read_file');
const ID = '1aBcD3fGhIjK4lMnOpQ5rStUvWxYz';
const FILE = `/drive/v3/files/${ID}`;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function mountMeta(scope: ReturnType<typeof vendor>['scope'], mimeType: string, extra: Record<string, unknown> = {}) {
  scope
    .get(FILE)
    .query({ fields: 'id,name,mimeType,size', supportsAllDrives: 'true' })
    .reply(200, { id: ID, name: 'Q3 close', mimeType, ...extra });
}

interface Read {
  format: string;
  text?: string;
  sheets?: { name: string; rows: number; csv: string }[];
  truncated: boolean;
}

describe('google_drive_read_file', () => {
  it('exports a Google Doc as Markdown', async () => {
    const { scope, sent } = vendor();
    mountMeta(scope, 'application/vnd.google-apps.document');
    scope
      .get(`${FILE}/export`)
      .query({ mimeType: 'text/markdown' })
      .reply(200, '# Q3 close\n\n- **Invoices** reconciled\n- Ünïcode kept\n', { 'content-type': 'text/markdown' });
    const envelope = expectOk<Read>(await call(name, { fileId: ID }));
    expect(sent.map((r) => r.path)).toEqual([FILE, `${FILE}/export`]);
    expect(envelope.data).toEqual({
      id: ID,
      name: 'Q3 close',
      mimeType: 'application/vnd.google-apps.document',
      format: 'markdown',
      text: '# Q3 close\n\n- **Invoices** reconciled\n- Ünïcode kept\n',
      truncated: false,
    });
    expect(envelope.warnings).toBeUndefined();
  });

  it('exports Slides as plain text', async () => {
    const { scope } = vendor();
    mountMeta(scope, 'application/vnd.google-apps.presentation');
    scope.get(`${FILE}/export`).query({ mimeType: 'text/plain' }).reply(200, 'Q3 close\nAgenda\n', { 'content-type': 'text/plain' });
    expect(expectOk<Read>(await call(name, { fileId: ID })).data).toMatchObject({ format: 'text', text: 'Q3 close\nAgenda\n' });
  });

  it('reads every sheet of a Google Sheet as CSV, from its .xlsx export (Drive’s CSV export has the first sheet only)', async () => {
    const { scope, sent } = vendor();
    mountMeta(scope, 'application/vnd.google-apps.spreadsheet');
    scope.get(`${FILE}/export`).query({ mimeType: XLSX }).reply(200, fixtureFile('drive-budget.xlsx'), { 'content-type': XLSX });
    const envelope = expectOk<Read>(await call(name, { fileId: ID }));
    expect(sent[1]!.query).toEqual({ mimeType: XLSX });
    expect(envelope.data.format).toBe('csv');
    expect(envelope.data.text).toBeUndefined();
    expect(envelope.data.sheets).toEqual([
      { name: 'Budget', rows: 3, csv: 'Item,Q3,Note\r\nHosting,1250.5,"incl. ""reserved"" nodes, EU"\r\nTravel,980,"two\nlines"' },
      { name: 'People', rows: 2, csv: 'Name,Start\r\nAda,2026-01-15' },
    ]);
  });

  it('cuts a workbook at maxChars on a row boundary and names the sheets left out', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `row ${i},${i * 10}`).join('\r\n');
    const sheets = [
      { name: 'Small', rows: 3, csv: rows(3) },
      { name: 'Big', rows: 100, csv: rows(100) },
      { name: 'Later', rows: 2, csv: rows(2) },
    ];
    const { kept, omitted, truncated } = fitSheets(sheets, 200);
    expect(truncated).toBe(true);
    expect(kept.map((s) => s.name)).toEqual(['Small', 'Big']);
    expect(kept[1]!.csv.endsWith('\r\n')).toBe(false);
    expect(kept[1]!.csv.split('\r\n').every((line) => /^row \d+,\d+$/.test(line))).toBe(true);
    expect(kept[0]!.csv.length + kept[1]!.csv.length).toBeLessThanOrEqual(200);
    expect(omitted).toEqual(['Later']);
    expect(fitSheets(sheets, 10_000)).toEqual({ kept: sheets, omitted: [], truncated: false });
    expect(
      toCsv([
        ['a', 'b'],
        [1, null],
        [true, new Date('2026-01-15T10:30:00Z')],
      ]),
    ).toBe('a,b\r\n1,\r\ntrue,2026-01-15T10:30:00.000Z');
  });

  it('answers a workbook that cannot be read as upstream_error, not a crash', async () => {
    const { scope } = vendor();
    mountMeta(scope, 'application/vnd.google-apps.spreadsheet');
    scope.get(`${FILE}/export`).query(true).reply(200, Buffer.from('not a zip file at all'));
    const error = expectError(await call(name, { fileId: ID }), 'upstream_error');
    expect(error.message).toContain('could not be read');
  });

  it('downloads a text file with alt=media, only the bytes maxChars can need, and answers JSON as text', async () => {
    const { scope, sent } = vendor();
    mountMeta(scope, 'application/json', { size: '27' });
    scope.get(FILE).query({ alt: 'media', supportsAllDrives: 'true' }).reply(206, '{"total": 1250.5, "ok": true}', { 'content-type': 'application/json' });
    const envelope = expectOk<Read>(await call(name, { fileId: ID, maxChars: 1000 }));
    expect(sent[1]!.headers.range).toBe('bytes=0-3999');
    expect(envelope.data).toMatchObject({ format: 'text', text: '{"total": 1250.5, "ok": true}', truncated: false });
  });

  it('cuts a long text file with a warning naming the offset to continue from, and continues there', async () => {
    const { scope, sent } = vendor();
    const text = 'é'.repeat(600) + 'x'.repeat(2000);
    mountMeta(scope, 'text/plain', { size: String(Buffer.byteLength(text)) });
    // Drive honours the Range header: it sends only the bytes asked for.
    scope
      .get(FILE)
      .query({ alt: 'media', supportsAllDrives: 'true' })
      .reply(function () {
        const [, end] = /bytes=0-(\d+)/.exec(String(this.req.headers.range))!;
        return [206, Buffer.from(text).subarray(0, Number(end) + 1), { 'content-type': 'text/plain; charset=utf-8' }];
      });
    const first = expectOk<Read>(await call(name, { fileId: ID, maxChars: 500 }));
    expect(first.data.text).toBe('é'.repeat(500));
    expect(first.data.truncated).toBe(true);
    expect(first.warnings).toEqual(['Cut at 500 characters from offset 0; call again with offset 500 for more.']);

    mountMeta(scope, 'text/plain', { size: String(Buffer.byteLength(text)) });
    scope.get(FILE).query({ alt: 'media', supportsAllDrives: 'true' }).reply(200, text, { 'content-type': 'text/plain' });
    const rest = expectOk<Read>(await call(name, { fileId: ID, maxChars: 80_000, offset: 500 }));
    expect(sent[3]!.headers.range).toBe(`bytes=0-${(500 + 80_000) * 4 - 1}`);
    expect(rest.data.text).toBe('é'.repeat(100) + 'x'.repeat(2000));
    expect(rest.data.truncated).toBe(false);
  });

  it.each([
    ['application/pdf', 'not text'],
    ['image/png', 'not text'],
    ['application/vnd.google-apps.folder', 'is a folder'],
    ['application/vnd.google-apps.form', 'has no text export'],
  ])('refuses a %s with a clear invalid_input after reading only its metadata', async (mimeType, says) => {
    const { scope, sent } = vendor();
    mountMeta(scope, mimeType);
    const error = expectError(await call(name, { fileId: ID }), 'invalid_input');
    expect(error.message).toContain(says);
    expect(sent).toHaveLength(1);
  });

  it('passes on Drive’s refusal to export a huge document with its reason', async () => {
    const { scope } = vendor();
    mountMeta(scope, 'application/vnd.google-apps.document');
    scope
      .get(`${FILE}/export`)
      .query(true)
      .reply(403, { error: { code: 403, message: 'This file is too large to be exported.', errors: [{ reason: 'exportSizeLimitExceeded' }] } });
    const error = expectError(await call(name, { fileId: ID }), 'forbidden');
    expect(error).toMatchObject({ message: 'Google answered 403: This file is too large to be exported.', vendorCode: 'exportSizeLimitExceeded' });
  });

  it('rejects maxChars over 80,000 without a request', async () => {
    const { sent } = vendor();
    expectError(await call(name, { fileId: ID, maxChars: 80_001 }), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
