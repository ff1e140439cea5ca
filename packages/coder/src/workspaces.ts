import { ConnectorError, urlPath, z } from '@connectors/contract';
import type { CoderContext } from './client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = /^([a-zA-Z0-9_.-]{1,64}\/)?[a-zA-Z0-9_-]{1,64}$/;

/** `name` (yours), `owner/name`, or a workspace id. */
export const workspaceRef = z
  .string()
  .max(130)
  .refine((value) => UUID.test(value) || NAME.test(value), 'must be a workspace name, owner/name, or id')
  .describe('Workspace: name (yours), owner/name, or id');

export interface CoderApp {
  id: string;
  slug: string;
  display_name?: string;
  health?: string;
  statuses?: CoderAppStatus[];
}

export interface CoderAppStatus {
  id?: string;
  app_id?: string;
  agent_id?: string;
  state?: string;
  message?: string;
  uri?: string;
  needs_user_attention?: boolean;
  created_at?: string;
}

export interface CoderAgent {
  id: string;
  name: string;
  status?: string;
  lifecycle_state?: string;
  health?: { healthy?: boolean; reason?: string };
  operating_system?: string;
  architecture?: string;
  version?: string;
  first_connected_at?: string;
  last_connected_at?: string;
  disconnected_at?: string;
  ready_at?: string;
  started_at?: string;
  expanded_directory?: string;
  apps?: CoderApp[];
}

export interface CoderBuild {
  id: string;
  build_number?: number;
  status?: string;
  transition?: string;
  reason?: string;
  initiator_name?: string;
  created_at?: string;
  deadline?: string;
  template_version_name?: string;
  job?: { status?: string; error?: string; started_at?: string; completed_at?: string; queue_position?: number };
  resources?: { name?: string; type?: string; agents?: CoderAgent[] }[];
}

export interface CoderWorkspace {
  id: string;
  name: string;
  owner_name: string;
  template_name?: string;
  template_display_name?: string;
  template_id?: string;
  template_active_version_id?: string;
  organization_name?: string;
  outdated?: boolean;
  last_used_at?: string;
  created_at?: string;
  autostart_schedule?: string;
  ttl_ms?: number;
  health?: { healthy?: boolean; failing_agents?: string[] };
  latest_build: CoderBuild;
  latest_app_status?: CoderAppStatus | null;
  task_id?: { Valid?: boolean; UUID?: string } | string | null;
}

export const workspaceRow = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.string(),
  template: z.string(),
  status: z.string(),
  build: z.object({ number: z.number().optional(), transition: z.string().optional(), jobStatus: z.string().optional() }),
  healthy: z.boolean().optional(),
  outdated: z.boolean().optional(),
  lastUsed: z.string().optional(),
});

export function agentsOf(workspace: CoderWorkspace): CoderAgent[] {
  return (workspace.latest_build.resources ?? []).flatMap((resource) => resource.agents ?? []);
}

export function projectRow(w: CoderWorkspace): z.infer<typeof workspaceRow> {
  const build = w.latest_build;
  return {
    id: w.id,
    name: w.name,
    owner: w.owner_name,
    template: w.template_display_name || w.template_name || '',
    status: build.status ?? 'unknown',
    build: {
      ...(build.build_number !== undefined ? { number: build.build_number } : {}),
      ...(build.transition ? { transition: build.transition } : {}),
      ...(build.job?.status ? { jobStatus: build.job.status } : {}),
    },
    ...(w.health?.healthy !== undefined ? { healthy: w.health.healthy } : {}),
    ...(w.outdated ? { outdated: true } : {}),
    ...(w.last_used_at ? { lastUsed: w.last_used_at } : {}),
  };
}

/** A workspace by id, `owner/name`, or your own `name`. */
export async function findWorkspace(ref: string, ctx: CoderContext): Promise<CoderWorkspace> {
  if (UUID.test(ref)) return ctx.client.get<CoderWorkspace>(urlPath`/api/v2/workspaces/${ref}`);
  const [owner, name] = ref.includes('/') ? (ref.split('/') as [string, string]) : ['me', ref];
  return ctx.client.get<CoderWorkspace>(urlPath`/api/v2/users/${owner}/workspace/${name}`);
}

/** The agent to talk to: the one named, or the only one; a stopped workspace has none. */
export function pickAgent(workspace: CoderWorkspace, name: string | undefined): CoderAgent {
  const agents = agentsOf(workspace);
  const full = `${workspace.owner_name}/${workspace.name}`;
  if (!agents.length) {
    const status = workspace.latest_build.status ?? 'unknown';
    throw new ConnectorError('conflict', `Workspace ${full} is ${status} and has no running agent.`, {
      hint: status === 'running' ? 'Its template defines no agent.' : 'Start it first with coder_start_workspace (wait: true), then try again.',
    });
  }
  if (name) {
    const agent = agents.find((a) => a.name === name);
    if (!agent) throw new ConnectorError('not_found', `Workspace ${full} has no agent "${name}" (it has ${agents.map((a) => a.name).join(', ')}).`);
    return agent;
  }
  if (agents.length > 1)
    throw new ConnectorError('invalid_input', `Workspace ${full} has several agents (${agents.map((a) => a.name).join(', ')}): pass agent.`);
  return agents[0]!;
}
