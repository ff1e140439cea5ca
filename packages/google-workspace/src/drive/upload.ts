// Sending a file's bytes to Drive: one multipart request for small files, a resumable session in
// chunks for large ones (https://developers.google.com/drive/api/guides/manage-uploads), resumed
// from what Drive says it has when a chunk fails on the way.
import { randomBytes } from 'node:crypto';
import { ConnectorError, isConnectorError, type HttpClient } from '@connectors/contract';
import { ALL_DRIVES, ROW_FIELDS, type DriveFile } from './files.js';

/** Up to this size one multipart request; above it a resumable session. */
export const MULTIPART_MAX = 5 * 1024 * 1024;
/** Resumable chunks must be multiples of 256 KiB. */
export const CHUNK = 32 * 256 * 1024;

export interface UploadSource {
  size: number;
  /** `length` bytes from `offset`. */
  read(offset: number, length: number): Promise<Buffer>;
}

export function bufferSource(bytes: Buffer): UploadSource {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}

export async function upload(client: HttpClient, metadata: Record<string, unknown>, mimeType: string, source: UploadSource): Promise<DriveFile> {
  const query = { fields: ROW_FIELDS, ...ALL_DRIVES };
  if (source.size <= MULTIPART_MAX) {
    const content = await source.read(0, source.size);
    const boundary = boundaryFor(content);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(metadata)}\r\n--${boundary}\r\nContent-Type: ${mimeType}\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const { data } = await client.request<DriveFile>({
      method: 'POST',
      path: '/upload/drive/v3/files',
      query: { uploadType: 'multipart', ...query },
      headers: { 'content-type': `multipart/related; boundary=${boundary}` },
      body,
    });
    return data;
  }
  const session = await client.request({
    method: 'POST',
    path: '/upload/drive/v3/files',
    query: { uploadType: 'resumable', ...query },
    headers: { 'x-upload-content-type': mimeType, 'x-upload-content-length': String(source.size) },
    json: metadata,
  });
  const location = session.headers.get('location');
  if (!location) throw new ConnectorError('upstream_error', 'Drive opened no upload session (no Location header).');
  return sendChunks(client, location, source);
}

async function sendChunks(client: HttpClient, location: string, source: UploadSource): Promise<DriveFile> {
  let offset = 0;
  let resumes = 0;
  for (;;) {
    const length = Math.min(CHUNK, source.size - offset);
    let answer: { status: number; headers: Headers; data: unknown };
    try {
      answer = await client.request({
        method: 'PUT',
        path: location,
        headers: { 'content-range': `bytes ${offset}-${offset + length - 1}/${source.size}` },
        body: await source.read(offset, length),
        acceptStatus: [308],
        // Not repeated blindly: after a failure, Drive is asked what it has first.
        idempotent: false,
      });
    } catch (error) {
      // Interrupted on the way: ask Drive how much it has, and go on from there (a few times).
      if (!isConnectorError(error) || !['network_error', 'timeout', 'upstream_unavailable', 'upstream_error'].includes(error.code) || ++resumes > 3)
        throw error;
      answer = await client.request({
        method: 'PUT',
        path: location,
        headers: { 'content-range': `bytes */${source.size}` },
        acceptStatus: [308],
        idempotent: true,
      });
    }
    if (answer.status !== 308) return answer.data as DriveFile;
    offset = receivedUpTo(answer.headers.get('range'));
    if (offset >= source.size) throw new ConnectorError('upstream_error', 'Drive has every byte of the upload but did not finish it.');
  }
}

/** `Range: bytes=0-1048575` → 1048576; none means Drive has nothing yet. */
function receivedUpTo(range: string | null): number {
  const match = /bytes=0-(\d+)/.exec(range ?? '');
  return match ? Number(match[1]) + 1 : 0;
}

function boundaryFor(content: Buffer): string {
  for (;;) {
    const boundary = `connectors_${randomBytes(12).toString('hex')}`;
    if (!content.includes(boundary)) return boundary;
  }
}

/** Google's type a file becomes with convert: Word and text to Docs, Excel and CSV to Sheets, PowerPoint to Slides. */
export function convertedType(mimeType: string): string | undefined {
  if (
    /^(text\/(plain|html|markdown|rtf)|application\/(rtf|msword|vnd\.openxmlformats-officedocument\.wordprocessingml\.document|vnd\.oasis\.opendocument\.text))$/.test(
      mimeType,
    )
  ) {
    return 'application/vnd.google-apps.document';
  }
  if (
    /^(text\/(csv|tab-separated-values)|application\/(vnd\.ms-excel|vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet|vnd\.oasis\.opendocument\.spreadsheet))$/.test(
      mimeType,
    )
  ) {
    return 'application/vnd.google-apps.spreadsheet';
  }
  if (
    /^application\/(vnd\.ms-powerpoint|vnd\.openxmlformats-officedocument\.presentationml\.presentation|vnd\.oasis\.opendocument\.presentation)$/.test(mimeType)
  ) {
    return 'application/vnd.google-apps.presentation';
  }
  return undefined;
}
