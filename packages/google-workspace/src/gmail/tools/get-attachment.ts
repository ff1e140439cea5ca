import { constants } from 'node:fs';
import { mkdir, open, realpath, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConnectorError, isConnectorError, urlPath, z, type HttpClient } from '@connectors/contract';
import { matching } from '../../inputs.js';
import { googleTool } from '../../client.js';
import { findPart, readContent, type Attachment } from '../mime.js';
import type { GmailMessage } from '../projection.js';
import { messageId } from '../schemas.js';

/** A 25 MB attachment as base64url inside Gmail's JSON, with room to spare. */
const ATTACHMENT_ANSWER_BYTES = 40 * 1024 * 1024;

/** Where downloads go by default: $XDG_DOWNLOAD_DIR, else ~/Downloads. */
export function downloadsDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_DOWNLOAD_DIR?.trim();
  return xdg && isAbsolute(xdg) ? xdg : join(env.HOME?.trim() || homedir(), 'Downloads');
}

/** Bidirectional controls, which make `invoice\u202Efdp.exe` read as `invoiceexe.pdf`. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
/** File names are limited in bytes (255 on most file systems): this leaves room for ` (12)`. */
export const NAME_MAX_BYTES = 200;

/** A file name from a mail: no directories, no control or bidi characters, never empty or hidden, at most NAME_MAX_BYTES of UTF-8. */
export function safeFileName(name: string): string {
  const cleaned = basename(name.replace(BIDI_CONTROLS, '').replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  return withinBytes(cleaned || 'attachment', NAME_MAX_BYTES);
}

/** Shortens a name to `max` bytes of UTF-8, cutting between characters and keeping a short extension. */
function withinBytes(name: string, max: number): string {
  if (Buffer.byteLength(name) <= max) return name;
  let extension = extname(name);
  if (Buffer.byteLength(extension) > 20) extension = '';
  let stem = '';
  let bytes = Buffer.byteLength(extension);
  for (const char of name.slice(0, name.length - extension.length)) {
    bytes += Buffer.byteLength(char);
    if (bytes > max) break;
    stem += char;
  }
  return `${stem.trim() || 'attachment'}${extension}`;
}

/**
 * Folders below the download folder that are never written, besides hidden ones: where systems
 * start programs from (an XDG autostart entry, a macOS launch agent, a Windows startup item), and
 * `bin`, which shells put on the PATH when it is in the home folder.
 */
const SENSITIVE_FOLDERS = new Set(['autostart', 'launchagents', 'launchdaemons', 'startup', 'start menu', 'appdata', 'bin']);

const FOLDER_RULE = 'Attachments are saved only into the download folder (GOOGLE_WORKSPACE_DOWNLOAD_DIR, default ~/Downloads) or a visible subfolder of it.';

export const getAttachment = googleTool({
  action: 'get_attachment',
  title: 'Save a Gmail attachment',
  description:
    'Save a message’s attachment (partId from gmail_get_message) into the download folder or a subfolder of it; answers path, size and type, not the content.',
  toolset: 'gmail',
  access: 'write',
  idempotent: true,
  input: z.object({
    messageId,
    partId: matching(/^(\d+(\.\d+)*)?$/, 'must be a partId from gmail_get_message, like 1 or 0.2', 100)
      .optional()
      .describe('From gmail_get_message'),
    attachmentId: matching(/^[A-Za-z0-9_-]{8,2000}$/, 'must be an attachmentId from gmail_get_message', 2000)
      .optional()
      .describe('Instead of partId'),
    folder: z
      .string()
      .max(1000)
      .refine(isAbsolute, 'must be an absolute path')
      .optional()
      .describe('Absolute path inside the download folder; hidden folders are refused. Default: the download folder.'),
  }),
  output: z.object({ path: z.string(), filename: z.string(), mimeType: z.string(), size: z.number() }),
  examples: [{ messageId: '18c2a3f4e5d6b7a8', partId: '1' }],
  handler: async (input, ctx) => {
    if (input.partId === undefined && input.attachmentId === undefined)
      throw new ConnectorError('invalid_input', 'Give partId (or attachmentId) of the attachment, from gmail_get_message.');
    // The folder is checked before anything is fetched: a refused one costs no request.
    const folder = await checkFolder(input.folder, ctx.config.GOOGLE_WORKSPACE_DOWNLOAD_DIR ?? downloadsDir());
    const message = await ctx.client.get<GmailMessage>(urlPath`/gmail/v1/users/me/messages/${input.messageId}`, { format: 'full' });
    const { part, bytes } = await attachmentOf(ctx.client, input, message);
    const path = await saveInto(folder, safeFileName(part.filename), bytes);
    return { data: { path, filename: basename(path), mimeType: part.mimeType, size: bytes.length } };
  },
});

const NO_SUCH_ATTACHMENT_HINT = 'gmail_get_message lists the attachments of a message with their partId.';

/**
 * The attachment asked for and its bytes. A partId names the same part on every fetch. An
 * attachmentId does not: Gmail issues new ones each time a message is fetched (the old ones still
 * work), so one copied from gmail_get_message rarely matches this fetch; it is then fetched as
 * given, and its part is the one of the same size.
 */
async function attachmentOf(
  client: HttpClient,
  input: { messageId: string; partId?: string | undefined; attachmentId?: string | undefined },
  message: GmailMessage,
): Promise<{ part: Attachment; bytes: Buffer }> {
  const attachments = readContent(message.payload).attachments;
  if (input.partId !== undefined) {
    const part = attachments.find((a) => a.partId === input.partId);
    if (!part) throw new ConnectorError('not_found', `That message has no attachment with partId "${input.partId}".`, { hint: NO_SUCH_ATTACHMENT_HINT });
    if (part.attachmentId) return { part, bytes: await fetchAttachment(client, input.messageId, part.attachmentId) };
    const inline = findPart(message.payload, part.partId)?.body?.data;
    if (typeof inline !== 'string') throw new ConnectorError('upstream_error', 'Gmail answered the attachment without its data.');
    return { part, bytes: Buffer.from(inline, 'base64url') };
  }
  const attachmentId = input.attachmentId!;
  const bytes = await fetchAttachment(client, input.messageId, attachmentId);
  const same = attachments.find((a) => a.attachmentId === attachmentId);
  if (same) return { part: same, bytes };
  const sized = attachments.filter((a) => a.attachmentId && a.size === bytes.length);
  const names = new Set(sized.map((a) => `${a.filename}\u0000${a.mimeType}`));
  if (sized.length && names.size === 1) return { part: sized[0]!, bytes };
  throw new ConnectorError(
    sized.length ? 'invalid_input' : 'not_found',
    sized.length ? 'Several attachments of that message could be this one.' : 'That message has no attachment with this attachmentId.',
    { hint: `Pass partId instead: ${NO_SUCH_ATTACHMENT_HINT}` },
  );
}

async function fetchAttachment(client: HttpClient, message: string, attachmentId: string): Promise<Buffer> {
  let body: { data?: string; size?: number };
  try {
    // Attachments reach 25 MB, base64 in JSON: above the client's default answer limit.
    ({ data: body } = await client.request<{ data?: string; size?: number }>({
      path: urlPath`/gmail/v1/users/me/messages/${message}/attachments/${attachmentId}`,
      maxResponseBytes: ATTACHMENT_ANSWER_BYTES,
    }));
  } catch (error) {
    // Gmail answers an attachment id it does not know with 400 (invalid token) or 404.
    if (isConnectorError(error) && (error.code === 'invalid_input' || error.code === 'not_found'))
      throw new ConnectorError('not_found', 'That message has no attachment with this attachmentId.', { hint: NO_SUCH_ATTACHMENT_HINT, cause: error });
    throw error;
  }
  if (typeof body.data !== 'string') throw new ConnectorError('upstream_error', 'Gmail answered the attachment without its data.');
  return Buffer.from(body.data, 'base64url');
}

/** The folder to save into: as asked (for the answer), and as it really is on disk (for writing). */
interface Folder {
  shown: string;
  root: string;
}

/**
 * Checks, without creating anything, that the folder asked for is the download folder or a
 * visible, non-sensitive folder below it, also where symlinks really lead: the real path of its
 * nearest existing ancestor must lie inside the real download folder.
 */
async function checkFolder(requested: string | undefined, downloadFolder: string): Promise<Folder> {
  if (requested?.includes('\u0000')) throw new ConnectorError('invalid_input', 'The folder contains a NUL character.');
  const root = resolve(downloadFolder);
  const wanted = resolve(requested ?? root);
  const [realRoot, realWanted] = [await realOf(root), await realOf(wanted)];
  const below = inside(realRoot, realWanted);
  if (below === undefined) {
    throw new ConnectorError('forbidden', `${wanted} is outside the download folder ${root}.`, {
      hint: `${FOLDER_RULE} Save it there (a subfolder is fine) and move it yourself if it must go elsewhere.`,
    });
  }
  const asked = inside(root, wanted);
  for (const rel of [below, asked]) {
    const refused = rel?.split(sep).find((segment) => segment.startsWith('.') || SENSITIVE_FOLDERS.has(segment.toLowerCase()));
    if (refused) {
      throw new ConnectorError('forbidden', `${wanted} is or lies in a hidden or system folder (${refused}); attachments are not saved there.`, {
        hint: FOLDER_RULE,
      });
    }
  }
  return { shown: wanted, root: realRoot };
}

/** `path` relative to `base` when it is `base` or below it ('' for `base` itself), else undefined. */
function inside(base: string, path: string): string | undefined {
  const rel = relative(base, path);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel) ? rel : undefined;
}

/**
 * The real path of `path`: that of its nearest existing ancestor (symlinks resolved), with the
 * rest appended. A part that is a file, not a folder, is an error.
 */
async function realOf(path: string): Promise<string> {
  const rest: string[] = [];
  let current = path;
  for (;;) {
    try {
      const real = await realpath(current);
      if (rest.length && !(await stat(real)).isDirectory()) throw new ConnectorError('invalid_input', `${current} is a file, not a folder.`);
      return rest.length ? join(real, ...rest.reverse()) : real;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(current) === current) throw fileSystemError(error, current);
      rest.push(basename(current));
      current = dirname(current);
    }
  }
}

/** Creates the folder if needed, checks again where it really is (it may have changed since), and saves the file. */
async function saveInto(folder: Folder, name: string, bytes: Buffer): Promise<string> {
  const notFolder = () => new ConnectorError('invalid_input', `${folder.shown} is a file, not a folder.`);
  try {
    await mkdir(folder.shown, { recursive: true });
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'EEXIST' ? notFolder() : fileSystemError(error, folder.shown);
  }
  const real = await realOf(folder.shown);
  if (inside(folder.root, real) === undefined)
    throw new ConnectorError('forbidden', `${folder.shown} now leads outside the download folder.`, { hint: FOLDER_RULE });
  const info = await stat(real).catch((error: unknown) => {
    throw fileSystemError(error, folder.shown);
  });
  if (!info.isDirectory()) throw notFolder();
  const saved = await writeNew(real, name, bytes);
  return join(folder.shown, saved);
}

/**
 * Writes into a new file, never over an existing one: `invoice.pdf`, then `invoice (1).pdf`, ...
 * A file of that name with exactly these bytes is this attachment saved before: its name is the
 * answer, so a repeat does not make a copy. Answers the name written (or found).
 */
async function writeNew(folder: string, name: string, bytes: Buffer): Promise<string> {
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let n = 0; n < 1000; n++) {
    const candidate = n === 0 ? name : `${stem} (${n})${extension}`;
    const path = join(folder, candidate);
    let file: Awaited<ReturnType<typeof open>>;
    try {
      // O_EXCL: never an existing file, and never through a symlink put in its place.
      file = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fileSystemError(error, path);
      if (await holds(path, bytes)) return candidate;
      continue;
    }
    try {
      await file.writeFile(bytes);
      await file.close();
    } catch (error) {
      // No half-written file is left to be mistaken for the attachment later.
      await file.close().catch(() => undefined);
      await unlink(path).catch(() => undefined);
      throw fileSystemError(error, path);
    }
    return candidate;
  }
  throw new ConnectorError('conflict', `Too many files named like ${name} in ${folder}.`);
}

/** Whether `path` is a regular file (not a symlink) with exactly these bytes. */
async function holds(path: string, bytes: Buffer): Promise<boolean> {
  try {
    const file = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const info = await file.stat();
      if (!info.isFile() || info.size !== bytes.length) return false;
      return (await file.readFile()).equals(bytes);
    } finally {
      await file.close();
    }
  } catch {
    return false;
  }
}

/** A file system failure as a coded error naming the path (never a crash or a bare errno). */
export function fileSystemError(error: unknown, path: string): ConnectorError {
  if (isConnectorError(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const options = { cause: error };
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new ConnectorError('forbidden', `No permission to write ${path} (${code}).`, {
        ...options,
        hint: 'Choose another folder inside the download folder, or ask the user to fix its permissions.',
      });
    case 'ENOSPC':
    case 'EDQUOT':
      return new ConnectorError('upstream_error', `No space left on the disk to save ${path} (${code}).`, {
        ...options,
        hint: 'Ask the user to free disk space, then try again.',
      });
    case 'ENAMETOOLONG':
      return new ConnectorError('invalid_input', `The path ${path} is too long for the file system.`, {
        ...options,
        hint: 'Choose a folder with a shorter path.',
      });
    case 'ENOTDIR':
    case 'EISDIR':
      return new ConnectorError('invalid_input', `Part of ${path} is a file where a folder should be, or the reverse (${code}).`, options);
    case 'EEXIST':
      return new ConnectorError('conflict', `${path} already exists.`, options);
    case 'ELOOP':
      return new ConnectorError('forbidden', `${path} goes through too many symlinks.`, options);
    case 'ENOENT':
      return new ConnectorError('not_found', `${path} disappeared while saving.`, { ...options, hint: 'Try again.' });
    case 'ERR_INVALID_ARG_VALUE':
    case 'ERR_INVALID_ARG_TYPE':
      return new ConnectorError('invalid_input', `${path.replace(/\u0000/g, '\\0')} is not a valid path.`, options);
    default:
      return new ConnectorError('upstream_error', `Could not save ${path} (${code ?? (error as Error | undefined)?.message ?? 'unknown error'}).`, options);
  }
}
