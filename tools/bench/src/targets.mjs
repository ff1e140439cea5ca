// Which connectors to measure: every workspace package with a bin, plus the template.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const baselineBin = fileURLToPath(new URL('../baseline/server.mjs', import.meta.url));

export function findConnectors(only) {
  const dirs = [...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name)), join(root, 'templates', 'connector')];
  const found = [];
  for (const dir of dirs) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    if (!pkg.bin) continue;
    const id = pkg.name.replace('@connectors/', '');
    if (only && !only.includes(id)) continue;
    const bin = join(dir, Object.values(pkg.bin)[0]);
    if (!existsSync(bin)) throw new Error(`${pkg.name} is not built (${bin} missing): run the build first.`);
    found.push({ id, name: pkg.name, dir, bin, entry: join(dir, 'dist', 'index.js'), fixture: join(dir, 'bench', 'fixture.mjs') });
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

export async function loadConnector(target) {
  const mod = await import(target.entry);
  return mod.default ?? mod.connector;
}

/** The connector's bench fixture: its main list/search call and the vendor's raw JSON for 50 items. */
export async function loadFixture(target) {
  if (!existsSync(target.fixture)) return undefined;
  return (await import(target.fixture)).default;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
