import { ConnectorError, type ResourceDefinition } from '@connectors/contract';

/** A Drive id as it may appear inside a query: anything else could change the query. */
const DRIVE_ID = /^(root|[A-Za-z0-9_-]{10,200})$/;

/** What a client can read (and, with subscriptions, watch) by URI: views of Drive's read tools. */
export const driveResources: ResourceDefinition[] = [
  {
    uri: 'gdrive://file/{fileId}',
    name: 'drive_file',
    title: 'Google Drive file',
    description: "A file's details (name, type, owners, modified time, links), as google_drive_get_file reads them.",
    tool: 'get_file',
  },
  {
    uri: 'gdrive://folder/{folderId}',
    name: 'drive_folder',
    title: 'Google Drive folder',
    description: 'The 20 most recently modified files in a folder (or root), as google_drive_search_files lists them.',
    tool: 'search_files',
    args: ({ folderId }) => {
      if (!DRIVE_ID.test(folderId ?? ''))
        throw new ConnectorError('invalid_input', `"${folderId}" is not a Drive folder id (letters, digits, - and _, or root).`);
      return { q: `'${folderId}' in parents` };
    },
  },
];
