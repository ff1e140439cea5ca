// `auth login` with a real browser: headless Chromium (Debian's package), driven by playwright-core,
// signs in at a fake Google authorization server on 127.0.0.1 that checks what Google checks
// (client, loopback redirect, PKCE S256, state) and shows a consent page; the connector's loopback
// listener takes the redirect and saves the tokens. tools/test/run.mjs installs Chromium on CI.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type ConnectorDefinition } from '@connectors/contract';
import { tokenFilePath } from '@connectors/contract/oauth';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connector } from '../src/connector.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CLIENT_ID = '1234567890-browser.apps.googleusercontent.com';
const CLIENT_SECRET = 'GOCSPX-browser-canary-77aa';
const ACCESS = 'ya29.browser-canary-access';
const REFRESH = '1//browser-canary-refresh';

interface Grant {
  challenge: string;
  redirectUri: string;
  scope: string;
}

/** What Google's authorization server does for a Desktop-app client, in miniature. */
function fakeGoogle() {
  const grants = new Map<string, Grant>();
  const seen: { authorize?: URLSearchParams; token?: URLSearchParams } = {};
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    const page = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(`<!doctype html><html><body>${body}</body></html>`);
    };
    if (req.method === 'GET' && url.pathname === '/o/oauth2/v2/auth') {
      const q = url.searchParams;
      seen.authorize = q;
      const redirect = q.get('redirect_uri') ?? '';
      const problems = [
        q.get('client_id') !== CLIENT_ID && 'unknown client',
        q.get('response_type') !== 'code' && 'response_type must be code',
        !/^http:\/\/127\.0\.0\.1:\d+\/callback$/.test(redirect) && 'redirect_uri must be a loopback address',
        q.get('code_challenge_method') !== 'S256' && 'PKCE S256 required',
        !/^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '') && 'bad code_challenge',
        !q.get('state') && 'state missing',
      ].filter(Boolean);
      if (problems.length) return page(400, `<h1>Error 400: invalid_request</h1><p>${problems.join(', ')}</p>`);
      const scopes = (q.get('scope') ?? '')
        .split(' ')
        .map((s) => `<li>${s}</li>`)
        .join('');
      return page(
        200,
        `<h1>Sign in with Google</h1><p id="account">${q.get('login_hint') ?? 'Choose an account'}</p><p>connectors wants to access your Google Account:</p><ul>${scopes}</ul>
        <form method="post" action="/approve">
          ${['redirect_uri', 'state', 'code_challenge', 'scope'].map((name) => `<input type="hidden" name="${name}" value="${q.get(name)}">`).join('')}
          <button name="decision" value="deny">Cancel</button>
          <button name="decision" value="allow">Allow</button>
        </form>`,
      );
    }
    if (req.method === 'POST' && url.pathname === '/approve') {
      const form = new URLSearchParams(await body(req));
      const target = new URL(form.get('redirect_uri')!);
      if (form.get('decision') !== 'allow') {
        target.search = new URLSearchParams({ error: 'access_denied', state: form.get('state')! }).toString();
      } else {
        const code = `4/0A${randomBytes(12).toString('base64url')}`;
        grants.set(code, { challenge: form.get('code_challenge')!, redirectUri: form.get('redirect_uri')!, scope: form.get('scope')! });
        target.search = new URLSearchParams({ state: form.get('state')!, code, scope: form.get('scope')! }).toString();
      }
      res.writeHead(302, { location: target.toString() });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      const form = new URLSearchParams(await body(req));
      seen.token = form;
      const grant = grants.get(form.get('code') ?? '');
      grants.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const ok =
        grant &&
        form.get('grant_type') === 'authorization_code' &&
        form.get('client_id') === CLIENT_ID &&
        form.get('client_secret') === CLIENT_SECRET &&
        form.get('redirect_uri') === grant.redirectUri &&
        createHash('sha256').update(verifier).digest('base64url') === grant.challenge;
      res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
      if (!ok) return res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'Bad Request' }));
      const idToken = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ iss: 'https://accounts.google.com', email: 'mia@example.com' })).toString('base64url')}.c2ln`;
      return res.end(
        JSON.stringify({ access_token: ACCESS, refresh_token: REFRESH, expires_in: 3599, token_type: 'Bearer', scope: grant.scope, id_token: idToken }),
      );
    }
    page(404, 'Not found');
  });
  return { server, seen };
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(text));
  });
}

const available = existsSync(CHROMIUM);
// Where `pnpm test` could install Chromium (root with apt-get: CI), its absence is a failure, not a skip.
if (!available && process.env.CONNECTORS_REQUIRE_CHROMIUM)
  throw new Error(`Chromium is missing at ${CHROMIUM}, though tools/test/run.mjs should have installed Debian's chromium package.`);

describe.skipIf(!available)('auth login in a real browser (headless Chromium)', () => {
  let browser: Browser;
  let google: ReturnType<typeof fakeGoogle>;
  let base: string;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let local: ConnectorDefinition;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    google = fakeGoogle();
    await new Promise<void>((resolve) => google.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(google.server.address() as AddressInfo).port}`;
    // The connector as published, with Google's two endpoints pointed at the fake.
    local = { ...connector, oauth: { ...connector.oauth!, authorizeUrl: `${base}/o/oauth2/v2/auth`, tokenUrl: `${base}/token` } };
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => google?.server.close(resolve));
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'google-browser-'));
    env = { HOME: dir, XDG_CONFIG_HOME: join(dir, 'xdg'), GOOGLE_CLIENT_ID: CLIENT_ID, GOOGLE_CLIENT_SECRET: CLIENT_SECRET, PATH: process.env.PATH };
    return () => rm(dir, { recursive: true, force: true });
  });

  /** `auth login` whose "browser" is Chromium: the consent page is answered by clicking `button`. */
  async function login(argv: string[], button: 'Allow' | 'Cancel') {
    let output = '';
    const seenInBrowser: { consent?: string; account?: string; final?: string } = {};
    const exitCode = await runCli(local, {
      argv: ['auth', 'login', ...argv],
      env,
      out: (text) => void (output += text),
      err: (text) => void (output += text),
      openUrl: async (url) => {
        const page = await browser.newPage();
        try {
          await page.goto(url);
          seenInBrowser.consent = await page.locator('body').innerText();
          seenInBrowser.account = await page.locator('#account').innerText();
          await Promise.all([page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/callback/), page.getByRole('button', { name: button }).click()]);
          seenInBrowser.final = await page.locator('body').innerText();
        } finally {
          await page.close();
        }
      },
    });
    return { exitCode, output, seenInBrowser };
  }

  it('shows Google’s consent page with the scopes, follows the redirect to the loopback listener, and saves the tokens 0600', async () => {
    const { exitCode, output, seenInBrowser } = await login(['--account', 'mia@example.com', '--services', 'gmail,calendar'], 'Allow');
    expect(exitCode, output).toBe(0);
    expect(seenInBrowser.account).toBe('mia@example.com');
    expect(seenInBrowser.consent).toContain('https://www.googleapis.com/auth/gmail.modify');
    expect(seenInBrowser.consent).toContain('https://www.googleapis.com/auth/calendar');
    expect(seenInBrowser.consent).not.toContain('auth/drive');
    expect(seenInBrowser.final).toContain('You can close this tab');
    expect(seenInBrowser.final).not.toMatch(/4\/0A/);

    const authorize = google.seen.authorize!;
    expect(Object.fromEntries(authorize)).toMatchObject({
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
      login_hint: 'mia@example.com',
    });
    // 18765 as the seed says, or a free port when something else holds it.
    expect(authorize.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const file = tokenFilePath('google-workspace', env, process.platform, 'mia@example.com');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      accessToken: ACCESS,
      refreshToken: REFRESH,
      account: 'mia@example.com',
      clientId: CLIENT_ID,
    });
    expect(output).toContain('Logged in to Google Workspace as mia@example.com.');
    for (const secret of [CLIENT_SECRET, ACCESS, REFRESH, google.seen.token!.get('code_verifier')!]) expect(output).not.toContain(secret);
    // The loopback listener is closed once the login is over.
    await expect(fetch(authorize.get('redirect_uri')!)).rejects.toThrow();
  });

  it('reports Cancel on the consent page as a denied login and saves nothing', async () => {
    const { exitCode, output, seenInBrowser } = await login([], 'Cancel');
    expect(exitCode).not.toBe(0);
    expect(output).toMatch(/denied|access_denied/i);
    expect(seenInBrowser.final).toBeDefined();
    await expect(stat(tokenFilePath('google-workspace', env))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
