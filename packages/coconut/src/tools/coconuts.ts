import { inputs, z, bridgedTool } from '@connectors/contract';

const coconut = z.looseObject({ id: z.string(), name: z.string().optional(), status: z.string().optional() });

export const coconutsList = bridgedTool({
  upstream: 'coconuts_list',
  title: 'List Coconuts',
  description: 'List the Coconut instances you can see (id, name, status). Other tools take one of these ids, or its name, as coconutId.',
  toolset: 'coconuts',
  access: 'read',
  scope: 'coconuts:read',
  input: z.object({ cursor: inputs.cursor() }),
  output: z.object({ coconuts: z.array(coconut) }),
  examples: [{}],
});

export const coconutsHealthList = bridgedTool({
  upstream: 'coconuts_health_list',
  title: 'Coconut instance health',
  description: 'Health and latency of each Coconut instance you can see.',
  toolset: 'coconuts',
  access: 'read',
  scope: 'health:read',
  input: z.object({}),
  output: z.object({ coconuts: z.array(z.looseObject({ id: z.string(), healthy: z.boolean().optional(), latencyMs: z.number().nullable().optional() })) }),
  examples: [{}],
});
