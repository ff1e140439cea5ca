import { ConnectorError, urlPath, z } from '@connectors/contract';
import { googleTool, type GoogleContext } from '../../client.js';
import { decodeText, fitSheets, readingOf, workbookSheets, XLSX } from '../content.js';
import { ALL_DRIVES, fileId, type DriveFile } from '../files.js';

const sheet = z.object({ name: z.string(), rows: z.number(), csv: z.string() });

export const readFile = googleTool({
  action: 'read_file',
  title: 'Read a Drive file as text',
  description: 'Read a Drive file as text: Docs as Markdown, Sheets as CSV per sheet, Slides and text files as text; cut at maxChars, continue with offset.',
  toolset: 'drive',
  access: 'read',
  input: z.object({
    fileId,
    maxChars: z.number().int().min(500).max(80_000).default(20_000),
    offset: z.number().int().min(0).max(100_000_000).default(0).describe('To continue a cut text'),
  }),
  output: z.object({
    id: z.string(),
    name: z.string(),
    mimeType: z.string(),
    format: z.enum(['markdown', 'text', 'csv']),
    text: z.string().optional(),
    sheets: z.array(sheet).optional(),
    truncated: z.boolean(),
  }),
  examples: [{ fileId: '1aBcD3fGhIjK4lMnOpQ5rStUvWxYz' }, { fileId: '1aBcD3fGhIjK4lMnOpQ5rStUvWxYz', offset: 20_000 }],
  handler: async (input, ctx) => {
    const file = await ctx.client.get<DriveFile>(urlPath`/drive/v3/files/${input.fileId}`, { fields: 'id,name,mimeType,size', ...ALL_DRIVES });
    const reading = readingOf(file.mimeType);
    const about = { id: file.id, name: file.name, mimeType: file.mimeType };
    if (reading.kind === 'unreadable') throw new ConnectorError('invalid_input', `“${file.name}” ${reading.reason}.`);
    if (reading.kind === 'sheets') return readSheets(file, about, input.maxChars, ctx);

    let text: string;
    let more = false;
    if (reading.kind === 'export') {
      // Exports are whole documents (Drive caps them at 10 MB).
      const { data } = await ctx.client.request<Buffer>({
        path: urlPath`/drive/v3/files/${file.id}/export`,
        query: { mimeType: reading.exportAs },
        responseType: 'bytes',
      });
      text = decodeText(data, false);
    } else {
      // Only as many bytes as the characters asked for can take (UTF-8: at most 4 each).
      const wanted = (input.offset + input.maxChars) * 4;
      const size = Number(file.size ?? NaN);
      const { data } = await ctx.client.request<Buffer>({
        path: urlPath`/drive/v3/files/${file.id}`,
        query: { alt: 'media', ...ALL_DRIVES },
        headers: { range: `bytes=0-${wanted - 1}` },
        responseType: 'bytes',
      });
      more = data.length >= wanted && !(data.length >= size);
      text = decodeText(data, more);
    }
    const part = text.slice(input.offset, input.offset + input.maxChars);
    const truncated = more || input.offset + input.maxChars < text.length;
    const format = reading.kind === 'export' ? reading.format : 'text';
    return {
      data: { ...about, format, text: part, truncated },
      ...(truncated
        ? { warnings: [`Cut at ${input.maxChars} characters from offset ${input.offset}; call again with offset ${input.offset + part.length} for more.`] }
        : {}),
    };
  },
});

/** A workbook: sheets in order until maxChars, the last one cut, the names of those left out said. */
async function readSheets(file: DriveFile, about: { id: string; name: string; mimeType: string }, maxChars: number, ctx: GoogleContext) {
  const { data } = await ctx.client.request<Buffer>({ path: urlPath`/drive/v3/files/${file.id}/export`, query: { mimeType: XLSX }, responseType: 'bytes' });
  let sheets: Awaited<ReturnType<typeof workbookSheets>>;
  try {
    sheets = await workbookSheets(data);
  } catch (error) {
    throw new ConnectorError(
      'upstream_error',
      `Google exported “${file.name}” as a workbook that could not be read (${(error as Error).message.slice(0, 200)}).`,
    );
  }
  const { kept, omitted, truncated } = fitSheets(sheets, maxChars);
  const warnings = truncated
    ? [`Cut at ${maxChars} characters${omitted.length ? `; sheets left out: ${omitted.join(', ')}` : ''}. Pass a larger maxChars (up to 80000) for more.`]
    : undefined;
  return { data: { ...about, format: 'csv' as const, sheets: kept, truncated }, ...(warnings ? { warnings } : {}) };
}
