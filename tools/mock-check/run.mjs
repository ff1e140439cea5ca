#!/usr/bin/env node
// pnpm mock-check [id...]: every example of every tool of each built connector, sent to the strict
// vendor mocks (../shared/tools/vendor-mocks: the vendors' official API descriptions, rejecting
// what the real API would reject, unknown query parameters included). Reports each request a
// mock refused (400 invalid, 404 unknown path, 405 wrong method) and exits 1 if there is one.
// The mocks answer with example data, so a tool may still fail on what comes back: that is listed
// apart, as a note, not as a refusal. Runs setup.sh first when the mocks are not set up.
//
// The mocks live beside this repository, in ../shared, which a clone does not have: without them
// this says so and exits 0 (skipped) before building anything. `--mocks <dir>` or
// CONNECTORS_VENDOR_MOCKS points at a copy elsewhere (then a missing one is an error, exit 2).
// It builds the connectors first (`turbo run build`), unless --no-build.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values: options, positionals: requested } = parseArgs({
  options: { mocks: { type: 'string' }, 'no-build': { type: 'boolean' } },
  allowPositionals: true,
  strict: true,
});
const chosen = options.mocks ?? process.env.CONNECTORS_VENDOR_MOCKS;
const mocks = resolve(chosen ?? join(root, '..', 'shared', 'tools', 'vendor-mocks'));
const home = process.env.MOCK_HOME ?? '/tmp/vendor-mocks';
const specs = join(home, 'specs');

/** Which mocks each connector talks to, and the configuration that points it at them. */
const TARGETS = {
  jira: { mocks: { '': 'jira.json' }, env: (url) => ({ JIRA_BASE_URL: url, JIRA_EMAIL: 'mock@example.com', JIRA_API_TOKEN: 'mock-api-token-0001' }) },
  discord: {
    mocks: { '': 'discord.json' },
    env: (url) => ({ DISCORD_API_BASE_URL: url, DISCORD_BOT_TOKEN: 'mock.discord.token-0001', DISCORD_GUILD_ID: '1087345678901234567' }),
  },
  salesforce: {
    mocks: { '': 'salesforce.json' },
    env: (url) => ({ SALESFORCE_INSTANCE_URL: url, SALESFORCE_ACCESS_TOKEN: 'mock-access-token-0001', SALESFORCE_API_VERSION: '59.0' }),
    gaps: [
      {
        pattern: /^GET \/services\/data\/v59\.0\/(query|search)\?q=/,
        reason: 'the description (from @opensdks/sdk-salesforce) has no /query or /search resource, which the REST API documents for SOQL and SOSL',
      },
    ],
  },
  coder: {
    mocks: { '': 'coder.json' },
    env: (url) => ({ CODER_URL: url, CODER_SESSION_TOKEN: 'mock-session-token-0001' }),
    gaps: [
      {
        pattern: /^GET \/api\/v2\/workspaceagents\/[^/]+\/pty\?reconnect=[^&]+&width=\d+&height=\d+&command=/,
        reason:
          'the Swagger document declares no query parameters for this WebSocket endpoint; Coder’s own web terminal sends reconnect, command, height and width there',
      },
    ],
  },
  'google-workspace': {
    // One base URL for Google's APIs: a small proxy sends each path to its service's mock.
    mocks: {
      '/gmail/': 'google/gmail.v1.openapi.json',
      '/drive/': 'google/drive.v3.openapi.json',
      '/upload/drive/': 'google/drive.v3.openapi.json',
      '/calendar/': 'google/calendar.v3.openapi.json',
    },
    // The Discovery documents' global parameters are missing from the converted upload paths.
    allowQuery: { 'google/drive.v3.openapi.json': 'uploadType,fields' },
    env: (url) => ({ GOOGLE_API_BASE_URL: url, GOOGLE_ACCESS_TOKEN: 'mock-access-token-0001', GOOGLE_WORKSPACE_SERVICES: 'gmail,drive,calendar' }),
  },
};

const ids = requested.length ? requested : Object.keys(TARGETS);
for (const id of ids) if (!TARGETS[id]) fail(`No mocks for "${id}"; known: ${Object.keys(TARGETS).join(', ')}.`);
if (!existsSync(join(mocks, 'strict-mock.mjs'))) {
  if (chosen) fail(`No vendor mocks at ${mocks} (it has no strict-mock.mjs).`);
  process.stdout.write(
    `mock-check: skipped. The vendor mocks are not at ${mocks}: they come from the shared folder beside this repository ` +
      '(../shared/tools/vendor-mocks), which a clone does not have. To run it, point at a copy: --mocks <dir> or CONNECTORS_VENDOR_MOCKS=<dir>.\n',
  );
  process.exit(0);
}
if (!options['no-build']) {
  const turbo = join(root, 'node_modules', '.bin', 'turbo');
  const built = spawnSync(existsSync(turbo) ? turbo : 'turbo', ['run', 'build', '--output-logs=errors-only'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) fail('the build failed (turbo run build).');
}
// Loaded after the build: the contract is imported from its dist/.
const { ConnectorRuntime } = await import('@connectors/contract/server');
const { toolNameOf } = await import('@connectors/contract');
if (!existsSync(join(specs, 'jira.json'))) {
  process.stderr.write(`mock-check: setting up the mocks in ${home} (once)\n`);
  execFileSync('bash', [join(mocks, 'setup.sh')], { stdio: 'inherit', env: { ...process.env, MOCK_HOME: home } });
}

let refused = 0;
let port = 4300;
for (const id of ids) refused += await check(id, TARGETS[id]);
process.stdout.write(
  refused ? `\nmock-check: ${refused} request(s) refused by the vendor mocks.\n` : '\nmock-check: every request was accepted by the vendor mocks.\n',
);
process.exit(refused ? 1 : 0);

async function check(id, target) {
  const dist = join(root, id === 'starter' ? 'templates/connector' : `packages/${id}`, 'dist', 'index.js');
  if (!existsSync(dist)) fail(`${id} is not built (${dist}); run the build first.`);
  const { connector } = await import(dist);
  const logDir = join(home, 'run', 'mock-check');
  mkdirSync(logDir, { recursive: true });
  const started = [];
  const routes = {};
  try {
    for (const [prefix, spec] of Object.entries(target.mocks)) {
      const existing = started.find((m) => m.spec === spec);
      if (existing) {
        routes[prefix] = existing.port;
        continue;
      }
      const mock = await startMock(spec, port++, target.allowQuery?.[spec], join(logDir, `${id}-${spec.replace(/\W+/g, '_')}.log`));
      started.push(mock);
      routes[prefix] = mock.port;
    }
    const proxy = Object.keys(routes).length > 1 || !('' in routes) ? await startProxy(routes, port++) : undefined;
    const url = proxy ? proxy.url : `http://127.0.0.1:${routes['']}`;
    // Every toolset named, opt-in ones too: every tool is checked.
    const runtime = new ConnectorRuntime(connector, {
      env: target.env(url),
      logLevel: 'silent',
      gating: { toolsets: Object.keys(connector.toolsets) },
      callTimeoutMs: 20_000,
    });
    const notes = [];
    let calls = 0;
    for (const tool of connector.tools) {
      for (const example of tool.examples) {
        calls += 1;
        const result = await runtime.callTool(toolNameOf(connector, tool.action), example);
        const envelope = result.structuredContent;
        if (!envelope.ok) notes.push(`${tool.action} ${JSON.stringify(example).slice(0, 80)}: ${envelope.error.code}: ${envelope.error.message.slice(0, 160)}`);
      }
    }
    await proxy?.close();
    const lines = started.flatMap((mock) => mock.stop());
    const refusedLines = lines.filter((line) => [400, 404, 405].includes(line.status));
    // A refusal the description is known to be wrong about is reported, with why, but not counted.
    const gapOf = (line) => (target.gaps ?? []).find((gap) => gap.pattern.test(`${line.method} ${line.url}`));
    const bad = refusedLines.filter((line) => !gapOf(line));
    process.stdout.write(`\n${id}: ${calls} example calls, ${lines.length} requests to the mocks, ${bad.length} refused\n`);
    for (const line of refusedLines) {
      const gap = gapOf(line);
      process.stdout.write(`  ${gap ? 'KNOWN GAP' : 'REFUSED'} ${line.status} ${line.method} ${line.url.slice(0, 200)}\n${gap ? `    (${gap.reason})\n` : ''}`);
    }
    if (notes.length)
      process.stdout.write(`  answered with an error (example data the tool could not use, or a refusal above):\n${notes.map((n) => `    ${n}`).join('\n')}\n`);
    return bad.length;
  } finally {
    for (const mock of started) mock.kill();
  }
}

/** A strict mock of one description on 127.0.0.1, its request log in `logFile` (one JSON line per request). */
async function startMock(spec, mockPort, allowQuery, logFile) {
  writeFileSync(logFile, '');
  const args = [join(mocks, 'strict-mock.mjs'), join(specs, spec), String(mockPort), '--lazy', ...(allowQuery ? ['--allow-query', allowQuery] : [])];
  const child = spawn(process.execPath, args, { env: { ...process.env, TOOLS_DIR: join(home, 'tools') }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
    writeFileSync(logFile, output);
  });
  child.stderr.on('data', (chunk) => void (output += chunk));
  const deadline = Date.now() + 240_000;
  while (!output.includes('strict-mock listening')) {
    if (child.exitCode !== null) fail(`The ${spec} mock died:\n${output.slice(-2000)}`);
    if (Date.now() > deadline) fail(`The ${spec} mock was not ready after 240 s.`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    spec,
    port: mockPort,
    stop: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line))
        .filter((line) => line.method),
    kill: () => child.kill(),
  };
}

/** Sends each request to the mock of the longest matching path prefix. */
async function startProxy(routes, proxyPort) {
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const server = createServer((req, res) => {
    const prefix = prefixes.find((p) => req.url.startsWith(p));
    if (prefix === undefined) return res.writeHead(404).end(`mock-check: no mock for ${req.url}`);
    const forward = httpRequest({ host: '127.0.0.1', port: routes[prefix], method: req.method, path: req.url, headers: req.headers }, (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
    });
    forward.on('error', (error) => res.writeHead(502).end(String(error)));
    req.pipe(forward);
  });
  await new Promise((r) => server.listen(proxyPort, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${proxyPort}`, close: () => new Promise((r) => server.close(r)) };
}

function fail(message) {
  process.stderr.write(`mock-check: ${message}\n`);
  process.exit(2);
}
