import { open, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, sep } from 'node:path';
import { ConnectorError, inputs, isConnectorError, z, type HttpClient } from '@connectors/contract';
import { matching } from '../../inputs.js';
import { googleTool } from '../../client.js';
import { writeFingerprint } from '../../fingerprint.js';
import { assertSearchSettled, attemptOf, siblingTool, tracked } from '../../recovery.js';
import { fileRow, folderId, projectFile, type DriveFile } from '../files.js';
import { bufferSource, convertedType, upload, type UploadSource } from '../upload.js';
import { fileById, findWritten, generateFileId, writeProperties } from '../written.js';

/** The largest local file sent: an upload has to finish within one tool call. */
export const UPLOAD_MAX = 256 * 1024 * 1024;

export const uploadFile = googleTool({
  action: 'upload_file',
  title: 'Upload a file to Google Drive',
  description: 'Upload a local file (absolute path) or text to Drive; convert turns Office, CSV and text files into Docs, Sheets or Slides.',
  toolset: 'drive',
  access: 'write',
  checkWith: ['search_files'],
  input: z.object({
    path: z.string().max(4096).refine(isAbsolute, 'must be an absolute path').optional().describe('Local file to upload.'),
    text: z.string().max(5_000_000).optional().describe('Content instead of a file'),
    name: z.string().trim().min(1).max(255).optional().describe('Default: the file’s name'),
    mimeType: matching(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type like text/csv', 255)
      .optional()
      .describe('Default: from the name.'),
    folderId: folderId.optional().describe('Default My Drive'),
    convert: z.boolean().default(false),
    description: z.string().max(4000).optional(),
    idempotencyKey: inputs.idempotencyKey(),
  }),
  output: fileRow,
  examples: [
    { text: 'Item,Q3\nHosting,1250.50\n', name: 'q3-costs.csv', convert: true, idempotencyKey: 'q3-costs-upload-1' },
    { text: '# Q3 close\n\n- Invoices reconciled\n', name: 'q3-close.md', folderId: '1Fo1d3rAbCdEfGhIjKlMn' },
  ],
  // A keyed upload creates its file under an id generated beforehand, remembered while the outcome
  // is unknown: a repeat looks that id up directly (no search lag), and when Drive has no such file
  // the handler creates it under the same id, so a first attempt landing late makes the second a
  // conflict, not a second file. A repeat in another process (a replica, after a restart) does not
  // know the id: it searches for the file's app property, and believes "not found" only after the
  // search has had time to catch up (recovery.ts).
  recover: async (input, ctx) => {
    const fingerprint = writeFingerprint(input, ctx);
    if (!fingerprint) return undefined;
    const known = attemptOf(ctx.client, fingerprint)?.fileId;
    if (known) {
      const file = await fileById(ctx.client, known);
      return file ? { data: projectFile(file) } : undefined;
    }
    const file = await findWritten(input, ctx);
    if (file) return { data: projectFile(file) };
    const search = siblingTool(ctx.tool, 'upload_file', 'search_files');
    assertSearchSettled(ctx.client, fingerprint, {
      key: ctx.idempotencyKey,
      what: 'uploaded this file',
      check: `Check with ${search} (name and folder) whether the file is there.`,
    });
    return undefined;
  },
  handler: async (input, ctx) => {
    if ((input.path === undefined) === (input.text === undefined))
      throw new ConnectorError('invalid_input', 'Give either path (a local file) or text, not both or neither.');
    const name = input.name ?? (input.path ? basename(input.path) : undefined);
    if (!name) throw new ConnectorError('invalid_input', 'Uploading text needs a name, e.g. notes.txt.');
    // nodemailer's table of types (76 kB) loads with the first upload, not with the server.
    const { detectMimeType } = await import('nodemailer/lib/mime-funcs/mime-types.js');
    const detected = detectMimeType(name);
    const mimeType = input.mimeType ?? (detected === 'application/octet-stream' && input.text !== undefined ? 'text/plain' : detected);
    const target = input.convert ? convertedType(mimeType) : undefined;
    if (input.convert && !target)
      throw new ConnectorError('invalid_input', `A ${mimeType} file cannot become a Google Doc, Sheet or Slides; upload it without convert.`);
    const local = input.path !== undefined ? await localFile(input.path) : undefined;
    const source = local ?? bufferSource(Buffer.from(input.text!, 'utf8'));
    try {
      // With a key: the id the file gets, chosen before it is sent (the same one again when an
      // earlier attempt's outcome is unknown), so a lost answer can be looked up by it.
      const fingerprint = writeFingerprint(input, ctx);
      const id = fingerprint ? (attemptOf(ctx.client, fingerprint)?.fileId ?? (await generateFileId(ctx.client))) : undefined;
      const metadata = {
        ...(id ? { id } : {}),
        name,
        ...(target ? { mimeType: target } : {}),
        ...(input.folderId ? { parents: [input.folderId] } : {}),
        ...(input.description ? { description: input.description } : {}),
        ...writeProperties(input, ctx),
      };
      const file = await tracked(ctx.client, fingerprint, id ? { fileId: id } : {}, () =>
        createOnce(ctx.client, id, () => upload(ctx.client, metadata, mimeType, source)),
      );
      return { data: projectFile(file) };
    } finally {
      await local?.close();
    }
  },
});

/**
 * Creates a file under an id chosen beforehand. Drive answers a create with an id that a file
 * already has with 409: that file is an earlier attempt of this same write, landed after all.
 */
async function createOnce(client: HttpClient, id: string | undefined, create: () => Promise<DriveFile>): Promise<DriveFile> {
  try {
    return await create();
  } catch (error) {
    if (!id || !isConnectorError(error) || error.status !== 409) throw error;
    const landed = await fileById(client, id);
    if (!landed) throw error;
    return landed;
  }
}

/**
 * A regular local file to read in chunks. Hidden files and folders (`.ssh`, `.env`, this
 * connector's own token store) are refused, also behind a symlink: an upload must not carry
 * credentials off the machine because a model was asked to.
 */
async function localFile(path: string): Promise<UploadSource & { close(): Promise<void> }> {
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    throw new ConnectorError('invalid_input', `There is no file at ${path}.`);
  }
  for (const candidate of [path, real]) {
    if (candidate.split(sep).some((segment) => segment.startsWith('.') && segment !== '.' && segment !== '..')) {
      throw new ConnectorError('forbidden', `${path} is or lies in a hidden file or folder; those are not uploaded.`, {
        hint: 'Copy the file to a visible folder first if it really should go to Drive.',
      });
    }
  }
  const info = await stat(real);
  if (!info.isFile()) throw new ConnectorError('invalid_input', `${path} is not a regular file.`);
  if (info.size > UPLOAD_MAX)
    throw new ConnectorError('invalid_input', `${path} has ${info.size} bytes; uploads here take up to ${UPLOAD_MAX} bytes.`, {
      hint: 'Upload larger files with the Drive app or website.',
    });
  const handle = await open(real, 'r');
  return {
    size: info.size,
    read: async (offset, length) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}
