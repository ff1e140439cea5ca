import { z, bridgedTool } from '@connectors/contract';
import { coconutId, onCoconut } from '../coconut-id.js';

export const contextGet = bridgedTool({
  upstream: 'context_get',
  title: 'Get context',
  description: "A Coconut's context documents: the project, role and task instructions its agents follow.",
  toolset: 'context',
  access: 'read',
  scope: 'context:read',
  input: z.object({ coconutId: coconutId() }),
  output: z.looseObject({ documents: z.array(z.looseObject({ name: z.string().optional(), content: z.string().optional() })).optional() }),
  examples: [{ coconutId: 'cn_01J9ZK4M2Q' }],
  args: onCoconut,
});
