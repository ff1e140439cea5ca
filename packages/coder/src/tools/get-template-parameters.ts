import { z } from '@connectors/contract';
import { coderTool } from '../client.js';
import { findTemplate, parameter, projectParameter, richParameters, templateRef } from '../templates.js';

export const getTemplateParameters = coderTool({
  action: 'get_template_parameters',
  title: 'Get a template’s parameters',
  description: 'The parameters of a template’s active version (type, required, default, options, limits), to pass to coder_create_workspace.',
  toolset: 'templates',
  access: 'read',
  input: z.object({ template: templateRef }),
  output: z.object({ template: z.string(), versionId: z.string(), parameters: z.array(parameter) }),
  examples: [{ template: 'docker' }],
  handler: async (input, ctx) => {
    const template = await findTemplate(input.template, ctx);
    const parameters = await richParameters(ctx, template);
    return {
      data: { template: template.name, versionId: template.active_version_id, parameters: parameters.filter((p) => !p.ephemeral).map(projectParameter) },
    };
  },
});
