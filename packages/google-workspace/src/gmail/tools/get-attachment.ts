import { constants } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, extname, isAbsolute, join } from 'node:path';
import { ConnectorError, urlPath, z } from '@connectors/contract';
import { matching } from '../../inputs.js';
import { googleTool } from '../../client.js';
import { readContent } from '../mime.js';
import type { GmailMessage } from '../projection.js';
import { messageId } from '../schemas.js';

/** A 25 MB attachment as base64url inside Gmail's JSON, with room to spare. */
const ATTACHMENT_ANSWER_BYTES = 40 * 1024 * 1024;

/** Where downloads go by default: $XDG_DOWNLOAD_DIR, else ~/Downloads. */
export function downloadsDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_DOWNLOAD_DIR?.trim();
  return xdg && isAbsolute(xdg) ? xdg : join(env.HOME?.trim() || homedir(), 'Downloads');
}

/** A file name from a mail: no directories, no control characters, never empty or hidden. */
export function safeFileName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'attachment';
}

export const getAttachment = googleTool({
  action: 'get_attachment',
  title: 'Save a Gmail attachment',
  description: 'Save a message’s attachment (ids from gmail_get_message) to Downloads or a given folder; answers path, size and type, not the content.',
  toolset: 'gmail',
  access: 'write',
  idempotent: true,
  input: z.object({
    messageId,
    attachmentId: matching(/^[A-Za-z0-9_-]{8,2000}$/, 'must be an attachmentId from gmail_get_message', 2000),
    folder: z.string().max(1000).refine(isAbsolute, 'must be an absolute path').optional().describe('Absolute folder to save into; default Downloads.'),
  }),
  output: z.object({ path: z.string(), filename: z.string(), mimeType: z.string(), size: z.number() }),
  examples: [{ messageId: '18c2a3f4e5d6b7a8', attachmentId: 'ANGjdJ8wXyZ-attachment-1' }],
  handler: async (input, ctx) => {
    const message = await ctx.client.get<GmailMessage>(urlPath`/gmail/v1/users/me/messages/${input.messageId}`, { format: 'full' });
    const part = readContent(message.payload).attachments.find((a) => a.attachmentId === input.attachmentId);
    if (!part)
      throw new ConnectorError('not_found', 'That message has no attachment with this attachmentId.', {
        hint: 'gmail_get_message lists the attachments of a message with their ids.',
      });
    // Attachments reach 25 MB, base64 in JSON: above the client's default answer limit.
    const { data: body } = await ctx.client.request<{ data?: string; size?: number }>({
      path: urlPath`/gmail/v1/users/me/messages/${input.messageId}/attachments/${input.attachmentId}`,
      maxResponseBytes: ATTACHMENT_ANSWER_BYTES,
    });
    if (typeof body.data !== 'string') throw new ConnectorError('upstream_error', 'Gmail answered the attachment without its data.');
    const bytes = Buffer.from(body.data, 'base64url');
    const folder = input.folder ?? ctx.config.GOOGLE_WORKSPACE_DOWNLOAD_DIR ?? downloadsDir();
    await mkdir(folder, { recursive: true });
    const info = await stat(folder);
    if (!info.isDirectory()) throw new ConnectorError('invalid_input', `${folder} is not a folder.`);
    const path = await writeNew(folder, safeFileName(part.filename), bytes);
    return { data: { path, filename: basename(path), mimeType: part.mimeType, size: bytes.length } };
  },
});

/** Writes into a new file, never over an existing one: `invoice.pdf`, then `invoice (1).pdf`, ... */
async function writeNew(folder: string, name: string, bytes: Buffer): Promise<string> {
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let n = 0; n < 1000; n++) {
    const path = join(folder, n === 0 ? name : `${stem} (${n})${extension}`);
    try {
      const file = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL);
      try {
        await file.writeFile(bytes);
      } finally {
        await file.close();
      }
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new ConnectorError('conflict', `Too many files named like ${name} in ${folder}.`);
}
