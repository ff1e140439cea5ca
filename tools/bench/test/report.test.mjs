import { describe, expect, it } from 'vitest';
import { budgetChecks, renderReport, summaryLine, targetResults } from '../src/report.mjs';

const context = (tools, perTool) => ({ tools, modelFacingTokens: tools * perTool, modelFacingTokensPerTool: perTool, fullListTokens: tools * perTool * 3 });
const connector = (id, overrides = {}) => ({
  id,
  name: `@connectors/${id}`,
  coldStartMs: 90,
  coldStartRatio: 0.75,
  rssMb: 60,
  rssRatio: 1.05,
  context: context(5, 120),
  readOnly: context(3, 100),
  ...overrides,
});
const results = {
  mode: 'quick',
  node: 'v20.0.0',
  cores: 2,
  platform: 'linux x64',
  baseline: { runs: 5, coldStartMs: 120, rssMb: 57, context: { tools: 1, modelFacingTokens: 50, modelFacingTokensPerTool: 50, fullListTokens: 90 } },
  connectors: [connector('starter'), connector('made-up', { context: context(5, 200) })],
};

describe('the bench report', () => {
  it('checks budgets: the value against the budget, pass or FAIL', () => {
    expect(budgetChecks(results.connectors[0])).toMatchObject({ ok: true });
    expect(budgetChecks(results.connectors[1])).toMatchObject({
      ok: false,
      checks: [
        { what: 'model-facing tokens', value: 1000, budget: 750, ok: false },
        { what: 'full tools/list tokens', value: 3000, budget: 2250, ok: false },
      ],
    });
    const report = renderReport(results, [], '## Notes');
    expect(report).toContain('| @connectors/made-up | 1000 of 750 **over** | 3000 of 2250 **over** | not measured | not measured | **FAIL** |');
    expect(report).toContain('| pass |');
  });

  it('reports targets as met or missed with the value, never as a failure', () => {
    expect(targetResults(results.connectors[0]).map((t) => [t.what, t.met, t.value])).toEqual([
      ['cold start <= 0.8x', true, '0.75x'],
      ['RSS <= 1.0x', false, '1.05x'],
      ['<= 150 tokens/tool', true, '120'],
    ]);
    const report = renderReport(results, [], '## Notes');
    expect(report).toContain('## Targets (reported, not checked)');
    expect(report).toContain('| @connectors/starter | met (0.75x) | missed (1.05x) | not measured | no fixture | met (120) | no fixture | no fixture |');
    expect(report).not.toContain('**no**');
    expect(report).toContain('on Node v20.0.0, 2 cores (linux x64)');
  });

  it('ends a run with one line on both', () => {
    expect(summaryLine(results.connectors)).toBe(
      'bench: budgets EXCEEDED by @connectors/made-up (checked by tools/bench/test); targets 3 of 6 met (reported, not checked)',
    );
    expect(summaryLine(results.connectors.slice(0, 1))).toBe(
      'bench: budgets held by every connector (1) (checked by tools/bench/test); targets 2 of 3 met (reported, not checked)',
    );
  });
});
