// Tool schemas in the form every client reads (MCP Inspector --strict, Gemini's function
// declarations): one `type` per schema, no empty `additionalProperties`, nothing lost.
import { describe, expect, it } from 'vitest';
import { defineConnector, defineTool, z } from '../src/index.js';
import { ConnectorRuntime } from '../src/server.js';

const tool = defineTool({
  action: 'set_due',
  title: 'Set due date',
  description: 'Set or clear a due date.',
  toolset: 't',
  access: 'write',
  idempotent: true,
  input: z.object({
    due: z.string().max(10).nullable().describe('A date, or null to clear it.'),
    tags: z.array(z.union([z.string(), z.number()]).nullable()).optional(),
  }),
  output: z.looseObject({ id: z.string() }),
  examples: [{ due: null }],
  handler: async () => ({ data: { id: '1' } }),
});
const connector = defineConnector({
  id: 'dates',
  title: 'Dates',
  version: '1.0.0',
  description: 'D.',
  config: {},
  toolsets: { t: 'T.' },
  client: () => ({}),
  health: async () => ({}),
  tools: [tool],
});

describe('portable tool schemas', () => {
  const listed = new ConnectorRuntime(connector, { env: {}, logLevel: 'silent' }).listTools();
  const due = listed.find((t) => t.name === 'dates_set_due')!;

  it('turns a nullable field into anyOf branches of one type each, keeping its limits and description', () => {
    const schema = (due.inputSchema.properties as Record<string, Record<string, unknown>>).due!;
    expect(schema.type).toBeUndefined();
    expect(JSON.stringify(schema)).not.toMatch(/"type":\[/);
    expect(schema.description).toBe('A date, or null to clear it.');
    expect(JSON.stringify(schema)).toMatch(/"type":"null"/);
    expect(JSON.stringify(schema)).toMatch(/"maxLength":10/);
  });

  it('leaves no type array and no empty additionalProperties anywhere, health included', () => {
    for (const descriptor of listed) {
      const text = JSON.stringify([descriptor.inputSchema, descriptor.outputSchema]);
      expect(text, descriptor.name).not.toMatch(/"type":\[/);
      expect(text, descriptor.name).not.toMatch(/"additionalProperties":\{\}/);
    }
  });
});
