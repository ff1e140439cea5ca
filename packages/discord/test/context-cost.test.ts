// What tools/list costs a model in every session: name, description and input schema of each tool,
// counted as `pnpm bench` counts it (tools/bench/src/context.mjs): bytes of JSON / 4 ≈ tokens.
import { describe, expect, it } from 'vitest';
import { createRuntime } from './harness.js';

const TOKENS_PER_TOOL = 150;

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('model-facing context cost', () => {
  it(`stays within ${TOKENS_PER_TOOL} estimated tokens per tool on average`, () => {
    const tools = createRuntime().runtime.listTools();
    const perTool = tools.map((tool) => ({
      name: tool.name,
      bytes: bytes({ name: tool.name, description: tool.description, input_schema: tool.inputSchema }),
    }));
    const total = Math.round(perTool.reduce((sum, t) => sum + t.bytes, 0) / 4);
    const largest = [...perTool]
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 3)
      .map((t) => `${t.name} ${Math.round(t.bytes / 4)}`)
      .join(', ');
    expect(tools.length).toBeGreaterThan(1);
    expect(total, `${total} tokens for ${tools.length} tools; largest: ${largest}`).toBeLessThanOrEqual(TOKENS_PER_TOOL * tools.length);
  });
});
