// How a Drive file becomes text: Google Docs export as Markdown, Slides as plain text, Sheets as one
// CSV per sheet (from the .xlsx export: Drive's own CSV export holds the first sheet only), and
// files that are text already are read as they are.

const GOOGLE_APPS = 'application/vnd.google-apps.';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type Reading =
  | { kind: 'export'; exportAs: string; format: 'markdown' | 'text' }
  | { kind: 'sheets' }
  | { kind: 'media' }
  | { kind: 'unreadable'; reason: string };

const TEXT_TYPES = new Set([
  'application/json',
  'application/xml',
  'application/javascript',
  'application/x-javascript',
  'application/typescript',
  'application/x-yaml',
  'application/yaml',
  'application/x-sh',
  'application/sql',
  'application/csv',
  'application/x-ndjson',
  'application/rtf',
]);

export function isText(mimeType: string): boolean {
  return mimeType.startsWith('text/') || TEXT_TYPES.has(mimeType) || /\+(json|xml)$/.test(mimeType);
}

export function readingOf(mimeType: string): Reading {
  switch (mimeType) {
    case `${GOOGLE_APPS}document`:
      return { kind: 'export', exportAs: 'text/markdown', format: 'markdown' };
    case `${GOOGLE_APPS}presentation`:
      return { kind: 'export', exportAs: 'text/plain', format: 'text' };
    case `${GOOGLE_APPS}spreadsheet`:
      return { kind: 'sheets' };
  }
  if (mimeType === `${GOOGLE_APPS}folder`)
    return { kind: 'unreadable', reason: 'is a folder: list it with google_drive_search_files and q "\'<folderId>\' in parents"' };
  if (mimeType === `${GOOGLE_APPS}shortcut`) return { kind: 'unreadable', reason: 'is a shortcut: google_drive_get_file shows it; read the file it points to' };
  if (mimeType.startsWith(GOOGLE_APPS)) return { kind: 'unreadable', reason: `is a ${mimeType.slice(GOOGLE_APPS.length)}, which has no text export` };
  if (isText(mimeType)) return { kind: 'media' };
  return { kind: 'unreadable', reason: `is ${mimeType}, not text: open it from its Drive link` };
}

type Cell = string | number | boolean | Date | null | undefined;

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; dates as ISO. */
export function toCsv(rows: Cell[][]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n');
}

function csvField(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  const text = cell instanceof Date ? isoDate(cell) : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function isoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** Each sheet of an .xlsx workbook as CSV, read by read-excel-file (loaded only when a sheet is read). */
export async function workbookSheets(bytes: Buffer): Promise<Sheet[]> {
  const { default: readXlsx } = await import('read-excel-file/node');
  const sheets = await readXlsx(bytes);
  return sheets.map(({ sheet, data }) => ({ name: sheet, rows: data.length, csv: toCsv(data as Cell[][]) }));
}

/** Text decoded as UTF-8, without a character split at the end of a partial download. */
export function decodeText(bytes: Buffer, partial: boolean): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return partial ? text.replace(/\uFFFD+$/, '') : text;
}

export interface Sheet {
  name: string;
  rows: number;
  csv: string;
}

/** Sheets in order until maxChars, the last one cut at a row boundary (so its CSV stays whole rows). */
export function fitSheets(sheets: Sheet[], maxChars: number): { kept: Sheet[]; omitted: string[]; truncated: boolean } {
  const kept: Sheet[] = [];
  let left = maxChars;
  for (const sheet of sheets) {
    if (sheet.csv.length <= left) {
      kept.push(sheet);
      left -= sheet.csv.length;
      continue;
    }
    const cut = sheet.csv.lastIndexOf('\r\n', left);
    if (cut > 0) kept.push({ ...sheet, csv: sheet.csv.slice(0, cut) });
    return { kept, omitted: sheets.slice(kept.length).map((s) => s.name), truncated: true };
  }
  return { kept, omitted: [], truncated: false };
}
