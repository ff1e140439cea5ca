import { inputs, z, bridgedTool } from '@connectors/contract';

export const connectorsCatalogList = bridgedTool({
  upstream: 'connectors_catalog_list',
  title: 'List the connector catalog',
  description: 'The connectors Coconut offers (id, name, category), optionally filtered by name.',
  toolset: 'connectors',
  access: 'read',
  scope: 'connectors:read',
  input: z.object({ query: z.string().min(1).max(200).optional().describe('Part of a connector name.'), cursor: inputs.cursor() }),
  output: z.object({ connectors: z.array(z.looseObject({ id: z.string(), name: z.string().optional(), category: z.string().optional() })) }),
  examples: [{}, { query: 'git' }],
});
