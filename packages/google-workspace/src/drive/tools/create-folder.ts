import { inputs, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { ALL_DRIVES, FOLDER, fileRow, folderId, projectFile, ROW_FIELDS, type DriveFile } from '../files.js';
import { findWritten, writeProperties } from '../written.js';

export const createFolder = googleTool({
  action: 'create_folder',
  title: 'Create a Drive folder',
  description: 'Create a folder in My Drive, or inside a folder or shared drive by its id.',
  toolset: 'drive',
  access: 'write',
  checkWith: ['search_files'],
  input: z.object({
    name: z.string().trim().min(1).max(255),
    parentId: folderId.optional().describe('Default My Drive'),
    idempotencyKey: inputs.idempotencyKey(),
  }),
  output: fileRow,
  examples: [{ name: 'Q3 close', parentId: '1Fo1d3rAbCdEfGhIjKlMn', idempotencyKey: 'q3-close-folder-1' }],
  recover: async (input, ctx) => {
    const file = await findWritten(input, ctx);
    return file ? { data: projectFile(file) } : undefined;
  },
  handler: async (input, ctx) => {
    const { data } = await ctx.client.request<DriveFile>({
      method: 'POST',
      path: '/drive/v3/files',
      query: { fields: ROW_FIELDS, ...ALL_DRIVES },
      json: { name: input.name, mimeType: FOLDER, ...(input.parentId ? { parents: [input.parentId] } : {}), ...writeProperties(input, ctx) },
    });
    return { data: projectFile(data) };
  },
});
