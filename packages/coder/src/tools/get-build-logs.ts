import { ConnectorError, urlPath, z } from '@connectors/contract';
import { coderTool } from '../client.js';
import { findWorkspace, workspaceRef } from '../workspaces.js';

interface BuildLog {
  id: number;
  created_at?: string;
  log_level?: string;
  stage?: string;
  output?: string;
}

export const getBuildLogs = coderTool({
  action: 'get_build_logs',
  title: 'Get a workspace build’s logs',
  description: 'The end of the logs of a workspace’s latest build (or a build by id), to see why a start or create failed.',
  toolset: 'workspaces',
  access: 'read',
  input: z.object({
    workspace: workspaceRef.optional(),
    buildId: z.uuid().optional(),
    tail: z.number().int().min(1).max(1000).default(100).describe('Last lines to return'),
  }),
  output: z.object({ buildId: z.string(), lines: z.number(), truncated: z.boolean(), log: z.string() }),
  examples: [{ workspace: 'dev' }, { buildId: '3c1e5d0a-7b2f-4e8a-9c6d-1f2e3a4b5c6d', tail: 20 }],
  handler: async (input, ctx) => {
    if ((input.workspace === undefined) === (input.buildId === undefined))
      throw new ConnectorError('invalid_input', 'Give either workspace (its latest build) or buildId.');
    const buildId = input.buildId ?? (await findWorkspace(input.workspace!, ctx)).latest_build.id;
    const logs = await ctx.client.get<BuildLog[]>(urlPath`/api/v2/workspacebuilds/${buildId}/logs`);
    const tail = logs.slice(-input.tail);
    // Each line capped, the whole capped, so one runaway line cannot fill the context.
    const lines = tail.map((l) => `${l.stage ? `[${l.stage}] ` : ''}${l.log_level === 'error' ? 'ERROR ' : ''}${(l.output ?? '').slice(0, 2000)}`);
    let log = lines.join('\n');
    let truncated = logs.length > tail.length;
    if (log.length > 40_000) {
      log = log.slice(-40_000);
      truncated = true;
    }
    return { data: { buildId, lines: tail.length, truncated, log } };
  },
});
