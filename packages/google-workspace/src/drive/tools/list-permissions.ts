import { inputs, urlPath, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { ALL_DRIVES, fileId } from '../files.js';
import { permission, PERMISSION_FIELDS, projectPermission, type DrivePermission } from '../permissions.js';

export const listPermissions = googleTool({
  action: 'list_permissions',
  title: 'List who has access to a Drive file',
  description: 'Who has access to a Drive file or folder, with which role; link sharing and inherited access included.',
  toolset: 'drive',
  access: 'read',
  input: z.object({ fileId, limit: inputs.limit(50, 100), cursor: inputs.cursor() }),
  output: z.array(permission),
  examples: [{ fileId: '1aBcD3fGhIjK4lMnOpQ5rStUvWxYz' }],
  handler: async (input, ctx) => {
    const pageToken = input.cursor ? ctx.cursor.decode(input.cursor, z.object({ token: z.string(), fileId: z.literal(input.fileId) })).token : undefined;
    const list = await ctx.client.get<{ permissions?: DrivePermission[]; nextPageToken?: string }>(urlPath`/drive/v3/files/${input.fileId}/permissions`, {
      pageSize: input.limit,
      pageToken,
      fields: `nextPageToken,permissions(${PERMISSION_FIELDS})`,
      ...ALL_DRIVES,
    });
    return {
      data: (list.permissions ?? []).map(projectPermission),
      ...(list.nextPageToken ? { nextCursor: ctx.cursor.encode({ token: list.nextPageToken, fileId: input.fileId }) } : {}),
    };
  },
});
