#!/usr/bin/env node
/**
 * After `changeset publish`: builds the MCP Bundle (.mcpb) of every connector just published and
 * attaches it to that package's GitHub release (tag `<name>@<version>`, made by changesets), so
 * Claude Desktop users can install it with a double click. Run by the release workflow with the
 * changesets action's `publishedPackages` output in PUBLISHED and a token in GITHUB_TOKEN.
 *
 *   PUBLISHED='[{"name":"@connectors/jira","version":"0.1.0"}]' GITHUB_TOKEN=… GITHUB_REPOSITORY=owner/repo \
 *     node tools/release/attach-mcpb.mjs [--out <dir>]
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildMcpb } from './build-mcpb.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The published packages that are connectors with a bundle manifest, as `{ id, tag }`. */
export function bundlesToAttach(published, repoRoot = root) {
  if (!Array.isArray(published)) throw new Error('PUBLISHED must be the JSON array of { name, version } the changesets action outputs.');
  return published.flatMap(({ name, version }) => {
    const id = /^@connectors\/([a-z][a-z0-9-]*)$/.exec(name ?? '')?.[1];
    if (!id || !existsSync(join(repoRoot, 'packages', id, 'mcpb', 'manifest.json'))) return [];
    return [{ id, tag: `${name}@${version}` }];
  });
}

/** Uploads `file` to the GitHub release tagged `tag`, replacing an asset of the same name. */
export async function attachToRelease({ file, tag, repository, token, api = 'https://api.github.com', fetch: fetchImpl = fetch }) {
  const headers = { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
  const found = await fetchImpl(`${api}/repos/${repository}/releases/tags/${encodeURIComponent(tag)}`, { headers });
  if (!found.ok) throw new Error(`No GitHub release for ${tag} (${found.status}); changesets creates one per published package.`);
  const release = await found.json();
  const name = basename(file);
  const existing = (release.assets ?? []).find((asset) => asset.name === name);
  if (existing) {
    const removed = await fetchImpl(`${api}/repos/${repository}/releases/assets/${existing.id}`, { method: 'DELETE', headers });
    if (!removed.ok) throw new Error(`Could not replace ${name} on ${tag} (${removed.status}).`);
  }
  const upload = release.upload_url.replace(/\{.*\}$/, '');
  const body = readFileSync(file);
  const sent = await fetchImpl(`${upload}?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/zip', 'content-length': String(body.length) },
    body,
  });
  if (!sent.ok) throw new Error(`Uploading ${name} to ${tag} failed (${sent.status}): ${(await sent.text()).slice(0, 300)}`);
  return (await sent.json()).browser_download_url;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const { PUBLISHED, GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL } = process.env;
  if (!PUBLISHED || !GITHUB_TOKEN || !GITHUB_REPOSITORY) {
    process.stderr.write('attach-mcpb: PUBLISHED, GITHUB_TOKEN and GITHUB_REPOSITORY must be set.\n');
    process.exit(2);
  }
  const out = resolve(values.out ?? join(root, 'dist-mcpb'));
  for (const { id, tag } of bundlesToAttach(JSON.parse(PUBLISHED))) {
    const file = buildMcpb(id, out);
    const url = await attachToRelease({ file, tag, repository: GITHUB_REPOSITORY, token: GITHUB_TOKEN, ...(GITHUB_API_URL ? { api: GITHUB_API_URL } : {}) });
    process.stdout.write(`${tag}: ${url}\n`);
  }
}
