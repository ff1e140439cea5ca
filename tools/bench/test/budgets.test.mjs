import { describe, expect, it } from 'vitest';
import { budgetFor } from '../src/budgets.mjs';
import { contextCost } from '../src/context.mjs';
import { measureInstall } from '../src/install.mjs';
import { findConnectors, loadConnector } from '../src/targets.mjs';

const targets = findConnectors();

describe.each(targets.map((t) => [t.name, t]))('%s budgets', (_name, target) => {
  it('tools/list stays within its context budget', async () => {
    const connector = await loadConnector(target);
    const cost = contextCost(connector);
    const budget = budgetFor(target.id, cost.tools);
    expect(cost.modelFacingTokens, `model-facing tokens of ${target.name} (budget in tools/bench/budgets.json)`).toBeLessThanOrEqual(budget.modelFacingTokens);
    expect(cost.fullListTokens, `full tools/list tokens of ${target.name} (budget in tools/bench/budgets.json)`).toBeLessThanOrEqual(budget.fullListTokens);
  });

  it(
    'installs with npx in at most its package and size budget',
    async () => {
      const install = await measureInstall(target);
      const budget = budgetFor(target.id, 0);
      expect(install.packages, `packages installed by npx -y ${target.name}`).toBeLessThanOrEqual(budget.installPackages);
      expect(install.megabytes, `MB installed by npx -y ${target.name}`).toBeLessThanOrEqual(budget.installMegabytes);
    },
    timeLimit(180_000),
  );
});

it('finds the connectors to hold to budgets', () => {
  expect(targets.map((t) => t.id)).toContain('starter');
});
