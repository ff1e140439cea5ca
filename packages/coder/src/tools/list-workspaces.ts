import { inputs, z } from '@connectors/contract';
import { coderTool } from '../client.js';
import { projectRow, workspaceRow, type CoderWorkspace } from '../workspaces.js';

export const listWorkspaces = coderTool({
  action: 'list_workspaces',
  title: 'List Coder workspaces',
  description:
    "List workspaces with Coder's filter (owner:me, status:running, template:docker, name:api, outdated:true): status, template, latest build, health, last use.",
  toolset: 'workspaces',
  access: 'read',
  input: z.object({
    q: z.string().max(500).default('owner:me').describe("Coder's workspace filter; empty for all you can see"),
    limit: inputs.limit(25, 100),
    cursor: inputs.cursor(),
  }),
  output: z.array(workspaceRow),
  examples: [{}, { q: 'status:running template:docker', limit: 10 }],
  handler: async (input, ctx) => {
    const offset = input.cursor ? ctx.cursor.decode(input.cursor, z.object({ offset: z.number().int().min(0), q: z.literal(input.q) })).offset : 0;
    const page = await ctx.client.get<{ workspaces?: CoderWorkspace[]; count?: number }>('/api/v2/workspaces', {
      q: input.q || undefined,
      limit: input.limit,
      offset: offset || undefined,
    });
    const rows = (page.workspaces ?? []).map(projectRow);
    const next = offset + rows.length;
    return {
      data: rows,
      ...(rows.length === input.limit && (page.count === undefined || next < page.count)
        ? { nextCursor: ctx.cursor.encode({ offset: next, q: input.q }) }
        : {}),
    };
  },
});
