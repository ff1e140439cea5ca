// The deterministic budgets CI holds every connector to: context cost and install package count.
import { readFileSync } from 'node:fs';

const budgets = JSON.parse(readFileSync(new URL('../budgets.json', import.meta.url), 'utf8'));

export function budgetFor(id, toolCount) {
  const own = budgets.connectors[id] ?? {};
  const d = budgets.default;
  return {
    modelFacingTokens: own.modelFacingTokens ?? d.modelFacingTokensPerTool * toolCount,
    fullListTokens: own.fullListTokens ?? d.fullListTokensPerTool * toolCount,
    installPackages: own.installPackages ?? d.installPackages,
    installMegabytes: own.installMegabytes ?? d.installMegabytes,
  };
}
