import { ConnectorError, isConnectorError, urlPath, type HttpClient } from '@connectors/contract';
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

/**
 * A file id Drive generated for this user and no file has yet (files.generateIds), for a create
 * that must be recognisable when its answer is lost: the file is then looked up by this id, not by
 * search, and a second create with it fails with a conflict instead of making a second file.
 */
export async function generateFileId(client: HttpClient): Promise<string> {
  const { ids } = await client.get<{ ids?: unknown[] }>('/drive/v3/files/generateIds', { count: 1, space: 'drive', type: 'files' });
  const id = ids?.[0];
  if (typeof id !== 'string' || !id) throw new ConnectorError('upstream_error', 'Drive generated no file id (files.generateIds answered none).');
  return id;
}

/** The file with this id, or undefined when Drive has none (yet). */
export async function fileById(client: HttpClient, id: string): Promise<DriveFile | undefined> {
  try {
    return await client.get<DriveFile>(urlPath`/drive/v3/files/${id}`, { fields: ROW_FIELDS, ...ALL_DRIVES });
  } catch (error) {
    if (isConnectorError(error) && error.code === 'not_found') return undefined;
    throw error;
  }
}
