// What the release depends on, checked where it can drift: the two workflows, and each package
// npm will publish (license, public access, repository folder, registry name). The publish itself
// is rehearsed per connector by the testkit's packed checks (`npm publish --dry-run`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const rootPackage = JSON.parse(read('package.json'));

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  mcpName?: string;
  bin?: Record<string, string>;
  publishConfig?: { access?: string };
  repository?: { directory?: string };
}

const publishable = ['packages', 'templates', 'tools']
  .flatMap((group) => readdirSync(join(root, group)).map((name) => `${group}/${name}`))
  .filter((dir) => existsSync(join(root, dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(read(`${dir}/package.json`)) as Manifest }))
  .filter(({ manifest }) => !manifest.private);

describe('workflows', () => {
  it('CI runs exactly .ci/run on Debian as root (apt-get installs redis-server and chromium), within 90 minutes', () => {
    const ci = read('.github/workflows/ci.yml');
    expect(ci).toMatch(/^\s+- run: bash \.ci\/run$/m);
    expect(ci).toMatch(/container: node:20-bookworm/);
    expect(Number(/timeout-minutes: (\d+)/.exec(ci)?.[1])).toBeLessThanOrEqual(90);
    expect(read('.ci/run')).toContain('npx -y pnpm@10.34.8 install --frozen-lockfile && npx -y pnpm@10.34.8 test');
  });

  it('release: changesets make a version PR, then publish with npm provenance, after the same checks', () => {
    const release = read('.github/workflows/release.yml');
    expect(release).toMatch(/uses: changesets\/action@v1/);
    expect(release).toMatch(/id-token: write/);
    expect(release).toMatch(/NPM_CONFIG_PROVENANCE: 'true'/);
    expect(release.indexOf('bash .ci/run')).toBeGreaterThan(-1);
    expect(release.indexOf('bash .ci/run')).toBeLessThan(release.indexOf('changesets/action'));
    const scripts = [...release.matchAll(/npx -y pnpm@10\.34\.8 run ([\w-]+)/g)].map((m) => m[1]!);
    expect(scripts.sort()).toEqual(['release', 'version-packages']);
    for (const script of scripts) expect(rootPackage.scripts[script]).toBeTruthy();
    expect(rootPackage.scripts.release).toContain('changeset publish');
    // server.json carries the version: it is regenerated with the new versions.
    expect(rootPackage.scripts['version-packages']).toMatch(/changeset version && node tools\/docs\/generate\.mjs/);
    expect(JSON.parse(read('.changeset/config.json')).access).toBe('public');
  });

  it('release: attaches each published connector’s .mcpb to its GitHub release, after publishing', () => {
    const release = read('.github/workflows/release.yml');
    expect(release).toMatch(/uses: changesets\/action@v1\n\s+id: changesets/);
    const step = release.slice(release.indexOf('node tools/release/attach-mcpb.mjs') - 200);
    expect(release.indexOf('attach-mcpb.mjs')).toBeGreaterThan(release.indexOf('changesets/action'));
    expect(step).toContain("if: steps.changesets.outputs.published == 'true'");
    expect(step).toContain('PUBLISHED: ${{ steps.changesets.outputs.publishedPackages }}');
    expect(step).toContain('GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}');
    expect(existsSync(join(root, 'tools', 'release', 'attach-mcpb.mjs'))).toBe(true);
  });
});

describe.each(publishable.map((p) => [p.manifest.name, p]))('%s', (_name, { dir, manifest }) => {
  it('ships the repository’s LICENSE, public, from its own folder', () => {
    expect(readFileSync(join(root, dir, 'LICENSE'), 'utf8')).toBe(read('LICENSE'));
    expect(manifest.publishConfig?.access).toBe('public');
    expect(manifest.repository?.directory).toBe(dir);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
  });

  it.runIf(manifest.bin !== undefined && !dir.startsWith('tools/'))('has the MCP Registry name of its connector', () => {
    expect(manifest.mcpName).toBe(`io.github.connectors/${manifest.name.split('/')[1]}`);
  });
});

it('finds the packages to check', () => {
  expect(publishable.map((p) => p.manifest.name)).toEqual(
    expect.arrayContaining(['@connectors/contract', '@connectors/testkit', '@connectors/jira', '@connectors/create-connector']),
  );
});
