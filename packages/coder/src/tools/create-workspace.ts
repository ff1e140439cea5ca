import { inputs, isConnectorError, urlPath, z } from '@connectors/contract';
import { coderTool } from '../client.js';
import { buildResult, projectBuild, waitForBuild, waitInputs, WAITING_TOOL_TIMEOUT_MS } from '../builds.js';
import { findTemplate, parameterValues, richParameters, templateRef } from '../templates.js';
import type { CoderWorkspace } from '../workspaces.js';

const input = z.object({
  name: z
    .string()
    .max(32)
    .regex(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/, 'must be letters, digits and inner dashes, up to 32'),
  template: templateRef,
  parameters: z
    .record(z.string().max(64), z.union([z.string().max(4000), z.number().min(-1e15).max(1e15), z.boolean()]))
    .default({})
    .refine((value) => Object.keys(value).length <= 100, 'at most 100 parameters')
    .describe('Values by parameter name (coder_get_template_parameters)'),
  owner: z
    .string()
    .max(64)
    .regex(/^[a-zA-Z0-9_.-]+$/)
    .default('me'),
  ...waitInputs,
  idempotencyKey: inputs.idempotencyKey(),
});

export const createWorkspace = coderTool({
  action: 'create_workspace',
  title: 'Create a Coder workspace',
  description: 'Create a workspace from a template with parameter values, checked against the template first; optionally wait for its first build.',
  toolset: 'workspaces',
  access: 'write',
  timeoutMs: WAITING_TOOL_TIMEOUT_MS,
  checkWith: ['get_workspace'],
  input,
  output: buildResult,
  examples: [{ name: 'api-dev', template: 'docker', parameters: { cpu: '4', region: 'eu-west' }, idempotencyKey: 'create-api-dev-1' }],
  // Names are unique per owner: after an unknown outcome, the workspace is looked up by its name.
  recover: async (value, ctx) => {
    try {
      const found = await ctx.client.get<CoderWorkspace>(urlPath`/api/v2/users/${value.owner}/workspace/${value.name}`);
      const template = await findTemplate(value.template, ctx);
      return found.template_id === template.id ? { data: projectBuild(found, found.latest_build) } : undefined;
    } catch (error) {
      if (isConnectorError(error) && error.code === 'not_found') return undefined;
      throw error;
    }
  },
  handler: async (value, ctx) => {
    const template = await findTemplate(value.template, ctx);
    const rich = parameterValues(await richParameters(ctx, template), value.parameters);
    const { data: workspace } = await ctx.client.request<CoderWorkspace>({
      method: 'POST',
      path: urlPath`/api/v2/users/${value.owner}/workspaces`,
      json: { name: value.name, template_id: template.id, rich_parameter_values: rich },
    });
    if (!value.wait) return { data: projectBuild(workspace, workspace.latest_build) };
    const { build, stillRunning } = await waitForBuild(ctx, workspace.latest_build, value.waitSeconds);
    return {
      data: projectBuild(workspace, build, stillRunning),
      ...(stillRunning ? { warnings: [`The build is still ${build.job?.status ?? build.status}; check again with coder_get_workspace.`] } : {}),
    };
  },
});
