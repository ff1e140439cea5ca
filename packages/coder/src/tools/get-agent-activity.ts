import { z } from '@connectors/contract';
import { coderTool } from '../client.js';
import { agentsOf, findWorkspace, workspaceRef, type CoderAppStatus } from '../workspaces.js';

const appStatus = z.object({
  app: z.string().optional(),
  state: z.string(),
  message: z.string().optional(),
  uri: z.string().optional(),
  needsAttention: z.boolean().optional(),
  at: z.string().optional(),
});

function projectStatus(status: CoderAppStatus, app?: string): z.infer<typeof appStatus> {
  return {
    ...(app ? { app } : {}),
    state: status.state ?? 'unknown',
    ...(status.message ? { message: status.message.slice(0, 500) } : {}),
    ...(status.uri ? { uri: status.uri } : {}),
    ...(status.needs_user_attention ? { needsAttention: true } : {}),
    ...(status.created_at ? { at: status.created_at } : {}),
  };
}

export const getAgentActivity = coderTool({
  action: 'get_agent_activity',
  title: 'Check agent activity in a workspace',
  description:
    'What is happening in a workspace: each agent’s connection and startup state, and the latest status AI agents reported (working, idle, complete, failure).',
  toolset: 'workspaces',
  access: 'read',
  input: z.object({ workspace: workspaceRef }),
  output: z.object({
    workspace: z.string(),
    status: z.string(),
    taskId: z.string().optional(),
    latest: appStatus.optional(),
    agents: z.array(
      z.object({
        name: z.string(),
        connection: z.string().optional(),
        lifecycle: z.string().optional(),
        healthy: z.boolean().optional(),
        lastConnected: z.string().optional(),
        apps: z.array(appStatus),
      }),
    ),
  }),
  examples: [{ workspace: 'ada/api-server' }],
  handler: async (input, ctx) => {
    const w = await findWorkspace(input.workspace, ctx);
    const taskId = typeof w.task_id === 'string' ? w.task_id : w.task_id?.Valid ? w.task_id.UUID : undefined;
    return {
      data: {
        workspace: `${w.owner_name}/${w.name}`,
        status: w.latest_build.status ?? 'unknown',
        ...(taskId ? { taskId } : {}),
        ...(w.latest_app_status?.state ? { latest: projectStatus(w.latest_app_status) } : {}),
        agents: agentsOf(w).map((a) => ({
          name: a.name,
          ...(a.status ? { connection: a.status } : {}),
          ...(a.lifecycle_state ? { lifecycle: a.lifecycle_state } : {}),
          ...(a.health?.healthy !== undefined ? { healthy: a.health.healthy } : {}),
          ...(a.last_connected_at ? { lastConnected: a.last_connected_at } : {}),
          // The latest status of each app that reported one.
          apps: (a.apps ?? []).flatMap((app) => {
            const latest = [...(app.statuses ?? [])].sort((x, y) => (y.created_at ?? '').localeCompare(x.created_at ?? ''))[0];
            return latest ? [projectStatus(latest, app.slug)] : [];
          }),
        })),
      },
    };
  },
});
