import { z } from '@connectors/contract';
import { coderTool } from '../client.js';
import { buildResult, createBuild, projectBuild, waitForBuild, waitInputs, WAITING_TOOL_TIMEOUT_MS } from '../builds.js';
import { findWorkspace, workspaceRef } from '../workspaces.js';

/** Start, stop and delete are one call: a workspace build with that transition, optionally waited for. */
async function transition(kind: 'start' | 'stop' | 'delete', value: { workspace: string; wait: boolean; waitSeconds: number }, ctx: Parameters<Parameters<typeof coderTool>[0]['handler']>[1]) {
  const workspace = await findWorkspace(value.workspace, ctx);
  const build = await createBuild(ctx, workspace, kind);
  if (!value.wait) return { data: projectBuild(workspace, build) };
  const done = await waitForBuild(ctx, build, value.waitSeconds);
  return {
    data: projectBuild(workspace, done.build, done.stillRunning),
    ...(done.stillRunning ? { warnings: [`The ${kind} build is still ${done.build.job?.status ?? done.build.status}; check again with coder_get_workspace.`] } : {}),
  };
}

const input = z.object({ workspace: workspaceRef, ...waitInputs });

export const startWorkspace = coderTool({
  action: 'start_workspace',
  title: 'Start a Coder workspace',
  description: 'Start a stopped workspace (a start build); with wait, until its agent is up or the wait ends.',
  toolset: 'workspaces',
  access: 'write',
  idempotent: true,
  timeoutMs: WAITING_TOOL_TIMEOUT_MS,
  input,
  output: buildResult,
  examples: [{ workspace: 'dev', wait: true }],
  handler: (value, ctx) => transition('start', value, ctx),
});

export const stopWorkspace = coderTool({
  action: 'stop_workspace',
  title: 'Stop a Coder workspace',
  description: 'Stop a running workspace (a stop build; its disk is kept); optionally wait until it is stopped.',
  toolset: 'workspaces',
  access: 'write',
  idempotent: true,
  timeoutMs: WAITING_TOOL_TIMEOUT_MS,
  input,
  output: buildResult,
  examples: [{ workspace: 'dev' }],
  handler: (value, ctx) => transition('stop', value, ctx),
});

export const deleteWorkspace = coderTool({
  action: 'delete_workspace',
  title: 'Delete a Coder workspace',
  description: 'Delete a workspace and its resources (a delete build); this cannot be undone.',
  toolset: 'workspaces',
  access: 'destructive',
  idempotent: true,
  timeoutMs: WAITING_TOOL_TIMEOUT_MS,
  input,
  output: buildResult,
  examples: [{ workspace: 'ada/old-experiment' }],
  handler: (value, ctx) => transition('delete', value, ctx),
});
