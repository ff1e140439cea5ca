// The contract's layers, bottom up: each folder of src/ imports only from folders below it (type
// imports included), never in a cycle, and only server/ and bridge/ import the MCP SDK. The entry
// files at src/*.ts sit above every layer. docs/architecture.md shows the same table.
const LAYERS = ['core', 'http', 'definition', 'state', 'oauth', 'runtime', 'server', 'bridge', 'cli', 'build'];

const upward = LAYERS.map((layer, rank) => ({
  name: `layer-${layer}`,
  comment: `${layer}/ imports only from the layers below it: ${LAYERS.slice(0, rank).join(', ') || 'none'}.`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(rank + 1).join('|') || 'none-above'})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle means a type or function sits in the wrong file: move it down.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...upward,
    {
      name: 'layers-not-entries',
      comment: 'The entry files re-export the layers; no layer imports an entry.',
      severity: 'error',
      from: { path: '^src/[^/]+/' },
      to: { path: '^src/[^/]+\\.ts$' },
    },
    {
      name: 'mcp-sdk-in-server-and-bridge',
      comment: 'Only server/ (serving) and bridge/ (calling a hosted MCP server) talk to the MCP SDK.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(server|bridge)/' },
      to: { path: '@modelcontextprotocol/' },
    },
    {
      name: 'no-loose-files',
      comment: 'Every module lives in a layer folder; only the entry files sit in src/.',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$', pathNot: '^src/(index|server|state|oauth|clients|build)\\.ts$' },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type cycle is still a cycle in the design.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
  },
};
