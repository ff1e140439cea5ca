// The README is written by hand, but the parts that can drift from the code are checked here:
// the tool table, the variables, and the client snippets (which must be what `configure` writes).
import { readFile } from 'node:fs/promises';
import { clientConfigSnippet, MCP_CLIENTS } from '@connectors/contract';
import { describe, expect, it } from 'vitest';
import { connector } from '../src/connector.js';
import { createRuntime } from './fixtures/api.js';

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
const jsonBlocks = [...readme.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1]!);

describe('README', () => {
  it('has one tool table row per registered tool, with its access', () => {
    const rows = [...readme.matchAll(/^\| `([A-Za-z0-9_-]+)` \| (read|write|write \(idempotent\)|destructive) \|/gm)].map((m) => [m[1], m[2]]);
    const expected = createRuntime()
      .listTools()
      .map((tool) => [
        tool.name,
        tool.annotations.readOnlyHint ? 'read' : tool.annotations.destructiveHint ? 'destructive' : tool.annotations.idempotentHint ? 'write (idempotent)' : 'write',
      ]);
    expect(rows).toEqual(expected);
  });

  it('documents every configuration variable', () => {
    for (const name of Object.keys(connector.config)) expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
  });

  it.each(MCP_CLIENTS)('shows the %s entry exactly as `configure` writes it', (client) => {
    const { snippet } = clientConfigSnippet(connector, client);
    expect(jsonBlocks).toContain(JSON.stringify(snippet, null, 2));
  });

  it('has no JSON block that is not valid JSON', () => {
    expect(jsonBlocks.length).toBeGreaterThan(0);
    for (const block of jsonBlocks) expect(() => JSON.parse(block)).not.toThrow();
  });
});
