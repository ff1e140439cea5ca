import { z } from '@connectors/contract';
import { coderTool } from '../client.js';
import { agentsOf, findWorkspace, projectRow, workspaceRef, workspaceRow } from '../workspaces.js';

export const getWorkspace = coderTool({
  action: 'get_workspace',
  title: 'Get a Coder workspace',
  description: 'One workspace: status, template and version, latest build, schedule, and its agents with their state and apps.',
  toolset: 'workspaces',
  access: 'read',
  input: z.object({ workspace: workspaceRef }),
  output: workspaceRow.extend({
    organization: z.string().optional(),
    templateVersion: z.string().optional(),
    deadline: z.string().optional(),
    autostart: z.string().optional(),
    ttlMs: z.number().optional(),
    agents: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        status: z.string().optional(),
        lifecycle: z.string().optional(),
        healthy: z.boolean().optional(),
        os: z.string().optional(),
        directory: z.string().optional(),
        apps: z.array(z.string()),
      }),
    ),
  }),
  examples: [{ workspace: 'dev' }, { workspace: 'ada/api-server' }],
  handler: async (input, ctx) => {
    const w = await findWorkspace(input.workspace, ctx);
    const build = w.latest_build;
    return {
      data: {
        ...projectRow(w),
        ...(w.organization_name ? { organization: w.organization_name } : {}),
        ...(build.template_version_name ? { templateVersion: build.template_version_name } : {}),
        ...(build.deadline && !build.deadline.startsWith('0001-') ? { deadline: build.deadline } : {}),
        ...(w.autostart_schedule ? { autostart: w.autostart_schedule } : {}),
        ...(w.ttl_ms ? { ttlMs: w.ttl_ms } : {}),
        agents: agentsOf(w).map((a) => ({
          id: a.id,
          name: a.name,
          ...(a.status ? { status: a.status } : {}),
          ...(a.lifecycle_state ? { lifecycle: a.lifecycle_state } : {}),
          ...(a.health?.healthy !== undefined ? { healthy: a.health.healthy } : {}),
          ...(a.operating_system ? { os: a.operating_system } : {}),
          ...(a.expanded_directory ? { directory: a.expanded_directory } : {}),
          apps: (a.apps ?? []).map((app) => app.slug),
        })),
      },
    };
  },
});
