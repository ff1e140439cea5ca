import { z, type Access } from '@connectors/contract';
import { coderTool, type CoderContext } from '../client.js';
import { buildResult, createBuild, projectBuild, waitForBuild, waitInputs, WAITING_TOOL_TIMEOUT_MS } from '../builds.js';
import { findWorkspace, workspaceRef } from '../workspaces.js';

const input = z.object({ workspace: workspaceRef, ...waitInputs });

/** Start, stop and delete are one call: a workspace build with that transition, optionally waited for. */
function transitionTool(kind: 'start' | 'stop' | 'delete', tool: { title: string; description: string; access: Access; example: z.input<typeof input> }) {
  return coderTool({
    action: `${kind}_workspace`,
    title: tool.title,
    description: tool.description,
    toolset: 'workspaces',
    access: tool.access,
    // The same transition again leaves the workspace as asked.
    idempotent: true,
    timeoutMs: WAITING_TOOL_TIMEOUT_MS,
    input,
    output: buildResult,
    examples: [tool.example],
    handler: async (value, ctx: CoderContext) => {
      const workspace = await findWorkspace(value.workspace, ctx);
      const build = await createBuild(ctx, workspace, kind);
      if (!value.wait) return { data: projectBuild(workspace, build) };
      const done = await waitForBuild(ctx, build, value.waitSeconds);
      return {
        data: projectBuild(workspace, done.build, done.stillRunning),
        ...(done.stillRunning
          ? { warnings: [`The ${kind} build is still ${done.build.job?.status ?? done.build.status}; check again with coder_get_workspace.`] }
          : {}),
      };
    },
  });
}

export const startWorkspace = transitionTool('start', {
  title: 'Start a Coder workspace',
  description: 'Start a stopped workspace (a start build); with wait, until its agent is up or the wait ends.',
  access: 'write',
  example: { workspace: 'dev', wait: true },
});

export const stopWorkspace = transitionTool('stop', {
  title: 'Stop a Coder workspace',
  description: 'Stop a running workspace (a stop build; its disk is kept); optionally wait until it is stopped.',
  access: 'write',
  example: { workspace: 'dev' },
});

export const deleteWorkspace = transitionTool('delete', {
  title: 'Delete a Coder workspace',
  description: 'Delete a workspace and its resources (a delete build); this cannot be undone.',
  access: 'destructive',
  example: { workspace: 'ada/old-experiment' },
});
