import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { workspaceDirs, writePlaceholderBins } from '../../install/placeholder-bins.mjs';

let root;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function workspace(packages) {
  root = mkdtempSync(join(tmpdir(), 'placeholder-bins-'));
  writeFileSync(join(root, 'pnpm-workspace.yaml'), "packages:\n  - packages/*\n  - 'tools/one'\n  - '!tools/skipped'\nonlyBuiltDependencies:\n  - esbuild\n");
  for (const [dir, manifest] of Object.entries(packages)) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'package.json'), JSON.stringify(manifest));
  }
}

it('writes a runnable placeholder at each missing bin under dist/, and nothing else', () => {
  workspace({
    'packages/jira': { name: '@connectors/jira', bin: { 'connectors-jira': './dist/bin.js' } },
    'packages/contract': { name: '@connectors/contract' },
    'tools/one': { name: 'one', bin: './index.mjs' },
    'tools/two': { name: 'two', bin: './dist/two.js' },
  });
  expect(workspaceDirs(root).map((d) => d.slice(root.length + 1))).toEqual(['packages/contract', 'packages/jira', 'tools/one']);
  expect(writePlaceholderBins(root)).toEqual([join(root, 'packages/jira/dist/bin.js')]);
  const bin = join(root, 'packages/jira/dist/bin.js');
  expect(statSync(bin).mode & 0o111).not.toBe(0);
  expect(readFileSync(bin, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  let failure;
  try {
    execFileSync(process.execPath, [bin], { stdio: 'pipe' });
  } catch (error) {
    failure = error;
  }
  expect(failure?.status).toBe(1);
  expect(failure?.stderr.toString()).toContain('@connectors/jira is not built yet: run `npx -y pnpm@10.34.8 build` first.');
});

it('leaves a built bin alone', () => {
  workspace({ 'packages/jira': { name: '@connectors/jira', bin: './dist/bin.js' } });
  mkdirSync(join(root, 'packages/jira/dist'));
  writeFileSync(join(root, 'packages/jira/dist/bin.js'), 'built');
  expect(writePlaceholderBins(root)).toEqual([]);
  expect(readFileSync(join(root, 'packages/jira/dist/bin.js'), 'utf8')).toBe('built');
});
