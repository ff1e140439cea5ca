import { ConnectorError, inputs, urlPath, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { email, matching } from '../../inputs.js';
import { ALL_DRIVES, fileId } from '../files.js';
import { permission, PERMISSION_FIELDS, projectPermission, ROLES, type DrivePermission } from '../permissions.js';

const input = z.object({
  fileId,
  type: z.enum(['user', 'group', 'domain', 'anyone']).default('user').describe('anyone: everyone with the link.'),
  role: z.enum(ROLES).describe('organizer roles: shared drives only'),
  email: email.optional().describe('For type user or group.'),
  domain: matching(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a domain like example.com', 253)
    .optional()
    .describe('For type domain.'),
  notify: z.boolean().default(true).describe('E-mail them'),
  message: z.string().max(2000).optional().describe('Text for that e-mail.'),
  idempotencyKey: inputs.idempotencyKey(),
});
type ShareInput = z.output<typeof input>;

/** The grantee a share names: who the permission is for. */
function grantee(value: ShareInput): { emailAddress?: string; domain?: string } {
  if (value.type === 'user' || value.type === 'group') {
    if (!value.email) throw new ConnectorError('invalid_input', `Sharing with a ${value.type} needs its email.`);
    return { emailAddress: value.email };
  }
  if (value.type === 'domain') {
    if (!value.domain) throw new ConnectorError('invalid_input', 'Sharing with a domain needs domain, e.g. example.com.');
    return { domain: value.domain };
  }
  return {};
}

export const shareFile = googleTool({
  action: 'share_file',
  title: 'Share a Drive file',
  description: 'Give a person, group, domain or anyone with the link a role on a Drive file or folder; the person is e-mailed unless notify is false.',
  toolset: 'drive',
  access: 'write',
  checkWith: ['list_permissions'],
  input,
  output: permission,
  examples: [
    { fileId: '1aBcD3fGhIjK4lMnOpQ5rStUvWxYz', email: 'ada@example.com', role: 'writer', idempotencyKey: 'share-budget-ada-1' },
    { fileId: '1aBcD3fGhIjK4lMnOpQ5rStUvWxYz', type: 'anyone', role: 'reader' },
  ],
  // Sharing again would e-mail again: after an unknown outcome, look for the grant instead.
  recover: async (value, ctx) => {
    const who = grantee(value);
    const list = await ctx.client.get<{ permissions?: DrivePermission[] }>(urlPath`/drive/v3/files/${value.fileId}/permissions`, {
      pageSize: 100,
      fields: `permissions(${PERMISSION_FIELDS})`,
      ...ALL_DRIVES,
    });
    const found = list.permissions?.find(
      (p) =>
        p.type === value.type &&
        p.role === value.role &&
        (p.emailAddress ?? '').toLowerCase() === (who.emailAddress ?? '').toLowerCase() &&
        (p.domain ?? '') === (who.domain ?? ''),
    );
    return found ? { data: projectPermission(found) } : undefined;
  },
  handler: async (value, ctx) => {
    const who = grantee(value);
    const notifies = value.type === 'user' || value.type === 'group';
    const { data } = await ctx.client.request<DrivePermission>({
      method: 'POST',
      path: urlPath`/drive/v3/files/${value.fileId}/permissions`,
      query: {
        fields: PERMISSION_FIELDS,
        // Drive refuses sendNotificationEmail for domain and anyone grants.
        ...(notifies ? { sendNotificationEmail: value.notify } : {}),
        ...(notifies && value.notify && value.message ? { emailMessage: value.message } : {}),
        ...ALL_DRIVES,
      },
      json: { type: value.type, role: value.role, ...who },
    });
    return { data: projectPermission(data) };
  },
});
