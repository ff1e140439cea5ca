// The release's last step: which published packages get an MCP Bundle, and the upload to their
// GitHub release, against a fake GitHub API on 127.0.0.1 that checks what the real one requires.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachToRelease, bundlesToAttach } from '../attach-mcpb.mjs';

describe('bundlesToAttach', () => {
  it('takes the connectors with a bundle manifest, tagged as changesets tags them', () => {
    const published = [
      { name: '@connectors/contract', version: '1.0.0' },
      { name: '@connectors/jira', version: '0.1.0' },
      { name: '@connectors/create-connector', version: '0.1.0' },
      { name: '@connectors/google-workspace', version: '0.2.0' },
      { name: 'left-pad', version: '1.0.0' },
    ];
    expect(bundlesToAttach(published)).toEqual([
      { id: 'jira', tag: '@connectors/jira@0.1.0' },
      { id: 'google-workspace', tag: '@connectors/google-workspace@0.2.0' },
    ]);
  });

  it('refuses anything but the action’s array', () => {
    expect(() => bundlesToAttach({ name: '@connectors/jira' })).toThrow(/JSON array/);
  });
});

describe('attachToRelease', () => {
  const requests: { method: string; url: string; auth?: string; type?: string; body: Buffer }[] = [];
  let releases: Record<string, { id: number; assets: { id: number; name: string }[] }>;
  let api: string;
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    requests.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, type: req.headers['content-type'], body: Buffer.concat(chunks) });
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const tag = /^\/repos\/acme\/connectors\/releases\/tags\/(.+)$/.exec(req.url!)?.[1];
    if (req.method === 'GET' && tag) {
      const release = releases[decodeURIComponent(tag)];
      return release ? json(200, { ...release, upload_url: `${api}/uploads/releases/${release.id}/assets{?name,label}` }) : json(404, { message: 'Not Found' });
    }
    if (req.method === 'DELETE' && /^\/repos\/acme\/connectors\/releases\/assets\/\d+$/.test(req.url!)) return res.writeHead(204).end();
    const upload = /^\/uploads\/releases\/(\d+)\/assets\?name=([^&]+)$/.exec(req.url!);
    if (req.method === 'POST' && upload) {
      if (!req.headers['content-length'] || req.headers['content-type'] !== 'application/zip') return json(422, { message: 'Bad upload' });
      return json(201, { browser_download_url: `https://github.com/acme/connectors/releases/download/x/${upload[2]}` });
    }
    json(404, { message: `unexpected ${req.method} ${req.url}` });
  });
  const dir = mkdtempSync(join(tmpdir(), 'attach-mcpb-'));
  const file = join(dir, 'jira-0.1.0.mcpb');
  writeFileSync(file, Buffer.from('PK\u0003\u0004 a bundle'));

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads the bundle to the release of its tag, with the token', async () => {
    releases = { '@connectors/jira@0.1.0': { id: 41, assets: [] } };
    requests.length = 0;
    const url = await attachToRelease({ file, tag: '@connectors/jira@0.1.0', repository: 'acme/connectors', token: 'gh-token', api });
    expect(url).toBe('https://github.com/acme/connectors/releases/download/x/jira-0.1.0.mcpb');
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/acme/connectors/releases/tags/%40connectors%2Fjira%400.1.0',
      'POST /uploads/releases/41/assets?name=jira-0.1.0.mcpb',
    ]);
    expect(requests.every((r) => r.auth === 'Bearer gh-token')).toBe(true);
    expect(requests[1]!.body.toString()).toBe('PK\u0003\u0004 a bundle');
  });

  it('replaces an asset of the same name (a re-run of the workflow)', async () => {
    releases = { '@connectors/jira@0.1.0': { id: 41, assets: [{ id: 7, name: 'jira-0.1.0.mcpb' }] } };
    requests.length = 0;
    await attachToRelease({ file, tag: '@connectors/jira@0.1.0', repository: 'acme/connectors', token: 'gh-token', api });
    expect(requests.map((r) => r.method)).toEqual(['GET', 'DELETE', 'POST']);
    expect(requests[1]!.url).toBe('/repos/acme/connectors/releases/assets/7');
  });

  it('says so when the release does not exist', async () => {
    releases = {};
    await expect(attachToRelease({ file, tag: '@connectors/jira@9.9.9', repository: 'acme/connectors', token: 't', api })).rejects.toThrow(
      'No GitHub release for @connectors/jira@9.9.9 (404); changesets creates one per published package.',
    );
  });
});
