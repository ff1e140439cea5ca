import { z } from '@connectors/contract';
import { matching } from '../inputs.js';

/** Drive ids are URL-safe strings; `root` names My Drive's top folder. */
export const fileId = matching(/^[A-Za-z0-9_-]{10,200}$/, 'must be a Drive file id like 1aBcD3fGhIjK4lMnOpQ5rStUvWxYz (from google_drive_search_files)', 200);
export const folderId = matching(/^(root|[A-Za-z0-9_-]{10,200})$/, 'must be a Drive folder id (from google_drive_search_files) or root', 200);

export const FOLDER = 'application/vnd.google-apps.folder';

/** The file resource as Drive API v3 returns it, with the fields this connector asks for. */
export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  size?: string;
  createdTime?: string;
  modifiedTime?: string;
  webViewLink?: string;
  parents?: string[];
  driveId?: string;
  description?: string;
  shared?: boolean;
  trashed?: boolean;
  owners?: { displayName?: string; emailAddress?: string }[];
  lastModifyingUser?: { displayName?: string; emailAddress?: string };
  capabilities?: { canEdit?: boolean; canShare?: boolean; canDownload?: boolean };
}

/** Drive's `fields` for a row and for the whole file: only what the projections read. */
export const ROW_FIELDS = 'id,name,mimeType,size,modifiedTime,webViewLink,parents,driveId,owners(displayName,emailAddress)';
export const FILE_FIELDS = `${ROW_FIELDS},createdTime,description,shared,trashed,lastModifyingUser(displayName,emailAddress),capabilities(canEdit,canShare,canDownload)`;

export const fileRow = z.object({
  id: z.string(),
  name: z.string(),
  mimeType: z.string(),
  modified: z.string().optional(),
  size: z.number().optional(),
  owner: z.string().optional(),
  parentId: z.string().optional(),
  driveId: z.string().optional(),
  link: z.string().optional(),
});

export const fileDetail = fileRow.extend({
  created: z.string().optional(),
  description: z.string().optional(),
  shared: z.boolean().optional(),
  trashed: z.boolean().optional(),
  lastModifiedBy: z.string().optional(),
  canEdit: z.boolean().optional(),
  canShare: z.boolean().optional(),
  canDownload: z.boolean().optional(),
});

const person = (p: { displayName?: string; emailAddress?: string } | undefined) =>
  p?.displayName && p.emailAddress ? `${p.displayName} <${p.emailAddress}>` : (p?.emailAddress ?? p?.displayName);

/** Only what is there: Google Docs have no size, files in shared drives have no owners. */
export function projectFile(file: DriveFile): z.infer<typeof fileRow> {
  const owner = person(file.owners?.[0]);
  return {
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    ...(file.modifiedTime ? { modified: file.modifiedTime } : {}),
    ...(file.size !== undefined && Number.isFinite(Number(file.size)) ? { size: Number(file.size) } : {}),
    ...(owner ? { owner } : {}),
    ...(file.parents?.[0] ? { parentId: file.parents[0] } : {}),
    ...(file.driveId ? { driveId: file.driveId } : {}),
    ...(file.webViewLink ? { link: file.webViewLink } : {}),
  };
}

export function projectDetail(file: DriveFile): z.infer<typeof fileDetail> {
  const modifier = person(file.lastModifyingUser);
  const can = file.capabilities ?? {};
  return {
    ...projectFile(file),
    ...(file.createdTime ? { created: file.createdTime } : {}),
    ...(file.description ? { description: file.description } : {}),
    ...(file.shared !== undefined ? { shared: file.shared } : {}),
    ...(file.trashed ? { trashed: true } : {}),
    ...(modifier ? { lastModifiedBy: modifier } : {}),
    ...(can.canEdit !== undefined ? { canEdit: can.canEdit } : {}),
    ...(can.canShare !== undefined ? { canShare: can.canShare } : {}),
    ...(can.canDownload !== undefined ? { canDownload: can.canDownload } : {}),
  };
}

/** Every Drive call that names a file also reaches files in shared drives. */
export const ALL_DRIVES = { supportsAllDrives: true } as const;

/** Drive's query string literal: backslashes and single quotes escaped. */
export function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
