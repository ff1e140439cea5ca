import { z } from '@connectors/contract';
import { matching } from '../inputs.js';

export interface DrivePermission {
  id: string;
  type: string;
  role: string;
  emailAddress?: string;
  domain?: string;
  displayName?: string;
  expirationTime?: string;
  allowFileDiscovery?: boolean;
  deleted?: boolean;
  permissionDetails?: { inherited?: boolean; inheritedFrom?: string }[];
}

export const PERMISSION_FIELDS =
  'id,type,role,emailAddress,domain,displayName,expirationTime,allowFileDiscovery,deleted,permissionDetails(inherited,inheritedFrom)';

export const ROLES = ['reader', 'commenter', 'writer', 'fileOrganizer', 'organizer'] as const;

export const permissionId = matching(/^[A-Za-z0-9_-]{1,200}$/, 'must be a permission id from google_drive_list_permissions', 200);

export const permission = z.object({
  id: z.string(),
  /** user, group, domain or anyone. */
  type: z.string(),
  role: z.string(),
  email: z.string().optional(),
  name: z.string().optional(),
  domain: z.string().optional(),
  expires: z.string().optional(),
  discoverable: z.boolean().optional(),
  /** Granted on a folder or shared drive above the file: delete it there, not here. */
  inheritedFrom: z.string().optional(),
  deletedAccount: z.boolean().optional(),
});

export function projectPermission(p: DrivePermission): z.infer<typeof permission> {
  const inherited = p.permissionDetails?.find((d) => d.inherited && d.inheritedFrom)?.inheritedFrom;
  return {
    id: p.id,
    type: p.type,
    role: p.role,
    ...(p.emailAddress ? { email: p.emailAddress } : {}),
    ...(p.displayName ? { name: p.displayName } : {}),
    ...(p.domain ? { domain: p.domain } : {}),
    ...(p.expirationTime ? { expires: p.expirationTime } : {}),
    ...(p.allowFileDiscovery !== undefined ? { discoverable: p.allowFileDiscovery } : {}),
    ...(inherited ? { inheritedFrom: inherited } : {}),
    ...(p.deleted ? { deletedAccount: true } : {}),
  };
}
