import { urlPath, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { ALL_DRIVES, FILE_FIELDS, fileDetail, fileId, projectDetail, type DriveFile } from '../files.js';

export const getFile = googleTool({
  action: 'get_file',
  title: 'Get a Drive file’s details',
  description: 'Metadata of a Drive file or folder: type, size, owner, dates, parent, link, your rights. Content: google_drive_read_file.',
  toolset: 'drive',
  access: 'read',
  input: z.object({ fileId }),
  output: fileDetail,
  examples: [{ fileId: '1aBcD3fGhIjK4lMnOpQ5rStUvWxYz' }],
  handler: async (input, ctx) => {
    const file = await ctx.client.get<DriveFile>(urlPath`/drive/v3/files/${input.fileId}`, { fields: FILE_FIELDS, ...ALL_DRIVES });
    return { data: projectDetail(file) };
  },
});
