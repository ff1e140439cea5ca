import { urlPath, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { ALL_DRIVES, fileId } from '../files.js';
import { permissionId } from '../permissions.js';

export const deletePermission = googleTool({
  action: 'delete_permission',
  title: 'Remove someone’s access to a Drive file',
  description: 'Remove one permission (id from google_drive_list_permissions) from a Drive file or folder; inherited ones go on their folder.',
  toolset: 'drive',
  access: 'destructive',
  idempotent: true,
  input: z.object({ fileId, permissionId }),
  output: z.object({ fileId: z.string(), permissionId: z.string(), deleted: z.literal(true) }),
  examples: [{ fileId: '1aBcD3fGhIjK4lMnOpQ5rStUvWxYz', permissionId: '09876543210987654321' }],
  handler: async (input, ctx) => {
    await ctx.client.request({ method: 'DELETE', path: urlPath`/drive/v3/files/${input.fileId}/permissions/${input.permissionId}`, query: { ...ALL_DRIVES } });
    return { data: { fileId: input.fileId, permissionId: input.permissionId, deleted: true as const } };
  },
});
