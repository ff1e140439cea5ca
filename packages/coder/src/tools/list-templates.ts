import { z } from '@connectors/contract';
import { coderTool } from '../client.js';
import type { CoderTemplate } from '../templates.js';

export const listTemplates = coderTool({
  action: 'list_templates',
  title: 'List Coder templates',
  description: 'The templates you can create workspaces from, with ids, descriptions and how many people use them.',
  toolset: 'templates',
  access: 'read',
  input: z.object({}),
  output: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      displayName: z.string().optional(),
      description: z.string().optional(),
      organization: z.string().optional(),
      activeUsers: z.number().optional(),
      deprecated: z.string().optional(),
    }),
  ),
  examples: [{}],
  handler: async (_input, ctx) => {
    const templates = await ctx.client.get<CoderTemplate[]>('/api/v2/templates');
    return {
      data: templates.map((t) => ({
        id: t.id,
        name: t.name,
        ...(t.display_name && t.display_name !== t.name ? { displayName: t.display_name } : {}),
        ...(t.description ? { description: t.description.slice(0, 300) } : {}),
        ...(t.organization_name ? { organization: t.organization_name } : {}),
        ...(t.active_user_count !== undefined ? { activeUsers: t.active_user_count } : {}),
        ...(t.deprecated ? { deprecated: t.deprecation_message || 'deprecated' } : {}),
      })),
    };
  },
});
