import type { GoogleContext } from '../client.js';
import { writeFingerprint } from '../fingerprint.js';
import { ALL_DRIVES, quoted, ROW_FIELDS, type DriveFile } from './files.js';

/**
 * Files this connector creates with an idempotencyKey carry the write's fingerprint as a private app
 * property (visible to this OAuth client only), so after an unknown outcome the file is found, not
 * made twice.
 */
export const KEY_PROPERTY = 'connectorsWrite';

export function writeProperties(input: { idempotencyKey?: string }, ctx: GoogleContext): { appProperties?: Record<string, string> } {
  const fingerprint = writeFingerprint(input, ctx);
  return fingerprint ? { appProperties: { [KEY_PROPERTY]: fingerprint } } : {};
}

/** The file an earlier attempt of this write created, if any. */
export async function findWritten(input: { idempotencyKey?: string }, ctx: GoogleContext): Promise<DriveFile | undefined> {
  const fingerprint = writeFingerprint(input, ctx);
  if (!fingerprint) return undefined;
  const found = await ctx.client.get<{ files?: DriveFile[] }>('/drive/v3/files', {
    q: `appProperties has { key=${quoted(KEY_PROPERTY)} and value=${quoted(fingerprint)} } and trashed = false`,
    fields: `files(${ROW_FIELDS})`,
    pageSize: 1,
    corpora: 'allDrives',
    includeItemsFromAllDrives: true,
    ...ALL_DRIVES,
  });
  return found.files?.[0];
}
