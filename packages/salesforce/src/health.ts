import type { HealthReport } from '@connectors/contract';
import type { SalesforceClient } from './client.js';
import type { QueryResult } from './projection.js';

/** GET /services/oauth2/userinfo, trimmed to what health reads. */
interface UserInfo {
  user_id?: string;
  organization_id?: string;
  preferred_username?: string;
  name?: string;
  email?: string;
}

interface Organization {
  Name?: string;
  IsSandbox?: boolean;
  OrganizationType?: string;
}

/**
 * Verifies the credentials and the API version with GET /services/data/vXX.X/ (which also brings
 * Sforce-Limit-Info), then asks who the user is (userinfo, which needs an identity scope) and what
 * the org is called; those two are best effort and say why when they fail.
 */
export async function salesforceHealth(client: SalesforceClient): Promise<HealthReport> {
  const http = await client.http();
  await http.get(client.dataPath('/'));
  const session = await client.session();
  const [userinfo, organization] = await Promise.allSettled([
    http.get<UserInfo>('/services/oauth2/userinfo'),
    http.get<QueryResult>(client.dataPath('/query'), { q: 'SELECT Name, IsSandbox, OrganizationType FROM Organization' }),
  ]);
  const notes: string[] = [];
  const user = userinfo.status === 'fulfilled' ? userinfo.value : undefined;
  if (!user) notes.push(`userinfo failed (${reason(userinfo)}); grant the app the openid or profile scope to see the user.`);
  const org = organization.status === 'fulfilled' ? (organization.value.records?.[0] as Organization | undefined) : undefined;
  if (organization.status === 'rejected') notes.push(`The Organization query failed (${reason(organization)}).`);
  const ids = identityIds(session.identityUrl);
  const orgId = user?.organization_id ?? ids?.orgId;
  const userLabel = user ? `${user.name ?? user.preferred_username}${user.preferred_username ? ` <${user.preferred_username}>` : ''}` : ids?.userId;
  const orgLabel = org?.Name ? `${org.Name}${orgId ? ` (${orgId})` : ''}` : orgId;
  return {
    ...(userLabel ? { user: userLabel } : {}),
    ...(orgLabel ? { org: orgLabel } : {}),
    authMode: client.authMode,
    apiVersion: client.apiVersion,
    instanceUrl: session.instanceUrl,
    ...(client.auth.loginUrl ? { loginUrl: client.auth.loginUrl } : {}),
    ...(session.scopes ? { scopes: session.scopes } : {}),
    ...(client.authMode !== 'access_token' && session.issuedAt ? { tokenIssuedAt: session.issuedAt } : {}),
    ...(session.expiresAt ? { tokenExpiresAt: session.expiresAt } : {}),
    ...(org && typeof org.IsSandbox === 'boolean' ? { sandbox: org.IsSandbox } : {}),
    ...(org?.OrganizationType ? { edition: org.OrganizationType } : {}),
    ...(notes.length ? { notes } : {}),
  };
}

function reason(result: PromiseSettledResult<unknown>): string {
  return result.status === 'rejected' ? ((result.reason as Error)?.message ?? String(result.reason)) : '';
}

/** https://login.salesforce.com/id/00D.../005... → the org and user ids. */
function identityIds(url: string | undefined): { orgId: string; userId: string } | undefined {
  const match = url ? /\/id\/([a-zA-Z0-9]{15,18})\/([a-zA-Z0-9]{15,18})\/?$/.exec(url) : null;
  return match ? { orgId: match[1]!, userId: match[2]! } : undefined;
}
