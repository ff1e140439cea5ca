// coder_run_command against a fake agent terminal: an HTTP server on 127.0.0.1 that answers the
// workspace lookups and upgrades /api/v2/workspaceagents/{id}/pty to a WebSocket, as coderd does,
// then plays the command: output in chunks, escape codes, a hung command, a huge output, a
// non-zero exit, a terminal that closes early. The wrapped command is also run in a real sh.
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { wrapCommand } from '../../src/pty.js';
import { createRuntime, expectError, expectOk, fixture, TOKEN, tool } from '../harness.js';

interface Session {
  command: string;
  received: string[];
  query: URLSearchParams;
}
const sessions: Session[] = [];
let server: Server;
let baseUrl: string;

/** What the wrapped command would print, played in chunks; the marker is the wrapper's. */
function play(socket: WebSocket, session: Session, nonce: string) {
  const marker = (code: number) => `\r\n__CONNECTORS_EXIT_${nonce}_${code}\r\n`;
  const send = (...chunks: (string | Buffer)[]) => {
    for (const chunk of chunks) socket.send(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  };
  switch (session.command) {
    case 'echo hello':
      send('hel', 'lo\r\n', marker(0));
      return socket.close();
    case 'ls --color':
      send('\u001b[01;34msrc\u001b[0m  \u001b[01;32mrun.sh\u001b[0m\r\n', '\u001b]0;title\u0007done\r\n', marker(0));
      return socket.close();
    case 'npm test': {
      // Frames split inside multi-byte characters (Ü is 2 bytes, ✓ is 3).
      const bytes = Buffer.from('Ünïcode ✓\r\n');
      send('FAIL test/a.test.ts\r\n', bytes.subarray(0, 1), bytes.subarray(1, 10), bytes.subarray(10), marker(3));
      return;
    }
    case 'cat big.log':
      for (let i = 0; i < 300; i++) send(`line ${String(i).padStart(4, '0')} ${'x'.repeat(200)}\r\n`);
      send(marker(0));
      return socket.close();
    case 'kill -9 $$':
      send('Killed\r\n');
      return socket.close();
    case 'sleep 1000':
      send('still working...\r\n');
      return; // Hangs until interrupted.
    default:
      send(`sh: ${session.command}: not found\r\n`, marker(127));
      return socket.close();
  }
}

beforeAll(async () => {
  const workspace = fixture('api-workspace');
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers['coder-session-token'] !== TOKEN) return json(401, { message: 'You must be authenticated to access this resource.' });
    if (url.pathname === '/api/v2/users/me/workspace/api-server') return json(200, workspace);
    if (url.pathname === '/api/v2/users/me/workspace/dev') return json(200, fixture('api-workspace-stopped'));
    if (url.pathname === '/api/v2/users/me/workspace/two-agents') {
      const two = structuredClone(workspace);
      const agent = two.latest_build.resources[0]!.agents![0]!;
      two.latest_build.resources[0]!.agents!.push({ ...agent, id: '7c1d2e3f-0000-4000-8000-00000000a9e2', name: 'gpu' });
      return json(200, two);
    }
    json(404, fixture('api-error-not-found'));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    const reject = (status: number, body: unknown) => {
      socket.end(`HTTP/1.1 ${status} Error\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n${JSON.stringify(body)}`);
    };
    if (req.headers['coder-session-token'] !== TOKEN) return reject(401, { message: 'You must be authenticated to access this resource.' });
    const match = /^\/api\/v2\/workspaceagents\/([^/]+)\/pty$/.exec(url.pathname);
    if (!match || !match[1]!.startsWith('7c1d2e3f')) return reject(404, { message: 'Resource not found or you do not have access to this resource' });
    if (match[1]!.endsWith('a9e2')) return reject(502, { message: 'Agent is not connected', detail: 'dial agent: context deadline exceeded' });
    // The wrapper: sh -c '<script with the nonce>' sh '<command>'.
    const wrapped = url.searchParams.get('command') ?? '';
    const nonce = /__CONNECTORS_EXIT_([0-9a-f]+)_/.exec(wrapped)?.[1] ?? '';
    const inner = /' sh '(.*)'$/s.exec(wrapped)?.[1]?.replace(/'\\''/g, "'") ?? '';
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session: Session = { command: inner, received: [], query: url.searchParams };
      sessions.push(session);
      ws.on('message', (data) => session.received.push(data.toString()));
      play(ws, session, nonce);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** The fake terminal got Ctrl-C (its frame may land just after the tool answered). */
async function interrupted(session: Session) {
  for (let i = 0; i < 50 && !session.received.length; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(session.received).toContain(JSON.stringify({ data: '\u0003' }));
}

const exec = () => createRuntime({ env: { CODER_URL: baseUrl }, gating: { toolsets: ['workspaces', 'exec'] } });
const run = (input: Record<string, unknown>) => exec().call(tool('run_command'), { workspace: 'api-server', ...input });

interface Ran {
  workspace: string;
  agent: string;
  exitCode: number | null;
  output: string;
  truncated: boolean;
  timedOut: boolean;
}

describe('coder_run_command', () => {
  it('runs the command through the agent’s PTY and answers its output and exit code', async () => {
    const envelope = expectOk<Ran>(await run({ command: 'echo hello' }));
    expect(envelope.data).toMatchObject({ workspace: 'ada/api-server', agent: 'main', exitCode: 0, output: 'hello', truncated: false, timedOut: false });
    const session = sessions.at(-1)!;
    expect(session.query.get('reconnect')).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.query.get('width')).toBe('200');
    expect(envelope.warnings).toBeUndefined();
  });

  it('strips escape sequences and keeps UTF-8 split across chunks whole', async () => {
    expect(expectOk<Ran>(await run({ command: 'ls --color' })).data.output).toBe('src  run.sh\ndone');
    const failed = expectOk<Ran>(await run({ command: 'npm test' }));
    expect(failed.data).toMatchObject({ exitCode: 3, output: 'FAIL test/a.test.ts\nÜnïcode ✓' });
  });

  it('keeps the end of a huge output, and says so', async () => {
    const envelope = expectOk<Ran>(await run({ command: 'cat big.log', maxOutputChars: 2000 }));
    expect(envelope.data.truncated).toBe(true);
    expect(envelope.data.output.length).toBeLessThanOrEqual(2000);
    expect(envelope.data.output.endsWith(`line 0299 ${'x'.repeat(200)}`)).toBe(true);
    expect(envelope.warnings).toEqual(['Output cut to its last 2000 characters.']);
  });

  it('interrupts a hung command at its timeout (Ctrl-C) and answers what it printed', async () => {
    const started = Date.now();
    const progress: { progress: number; total?: number; message: string }[] = [];
    const envelope = expectOk<Ran>(
      await exec().call(tool('run_command'), { workspace: 'api-server', command: 'sleep 1000', timeoutSeconds: 1 }, undefined, (update) =>
        progress.push(update),
      ),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    // While it ran, a client that asked heard it was still running (a third of the timeout apart here).
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]).toMatchObject({ total: 1, message: expect.stringMatching(/^sleep 1000: running for \d+ s$/) });
    expect(envelope.data).toMatchObject({ exitCode: null, timedOut: true, output: 'still working...' });
    expect(envelope.warnings?.[0]).toContain('still running after 1 s');
    await interrupted(sessions.at(-1)!);
  });

  it('says so when the terminal closes before the command reports its status', async () => {
    const envelope = expectOk<Ran>(await run({ command: 'kill -9 $$' }));
    expect(envelope.data).toMatchObject({ exitCode: null, timedOut: false, output: 'Killed' });
    expect(envelope.warnings).toEqual([expect.stringContaining('closed before the command reported its exit status')]);
  });

  it('refuses a stopped workspace, naming coder_start_workspace, and asks which agent when there are several', async () => {
    const stopped = expectError(await run({ workspace: 'dev', command: 'echo hello' }), 'conflict');
    expect(stopped.message).toContain('ada/dev is stopped');
    expect(stopped.hint).toContain('coder_start_workspace');
    expect(expectError(await run({ workspace: 'two-agents', command: 'echo hello' }), 'invalid_input').message).toContain('main, gpu');
    const down = expectError(await run({ workspace: 'two-agents', agent: 'gpu', command: 'echo hello' }), 'upstream_unavailable');
    expect(down.message).toContain('Agent is not connected');
  });

  it('ends the terminal when the call is cancelled', async () => {
    const controller = new AbortController();
    const pending = exec().call(tool('run_command'), { workspace: 'api-server', command: 'sleep 1000', timeoutSeconds: 60 }, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    const result = await pending;
    expect(result.structuredContent).toMatchObject({ ok: false, error: { code: 'timeout' } });
    await interrupted(sessions.at(-1)!);
  });

  it('is not registered unless exec is turned on', () => {
    expect(createRuntime().runtime.toolNames()).not.toContain(tool('run_command'));
  });
});

describe('the wrapped command in a real shell', () => {
  const nonce = '0123456789abcdef';
  const shell = (command: string) => {
    try {
      return execFileSync('sh', ['-c', wrapCommand(command, nonce)], { encoding: 'utf8' });
    } catch (error) {
      return (error as { stdout: string }).stdout;
    }
  };
  it.each([
    ["echo \"it's $HOME-free\"; printf '%s\\n' 'single'", 0],
    ['exit 7', 7],
    ['false && echo no', 1],
    ['echo one; (exit 3)', 3],
    ['cd /nonexistent-dir-xyz', 2],
  ])('runs %s and reports exit %i', (command, code) => {
    const output = shell(command);
    expect(output).toMatch(new RegExp(`__CONNECTORS_EXIT_${nonce}_${code}\\n$`));
  });
  it('passes quotes and variables to the command untouched', () => {
    expect(shell(`echo "it's" '$HOME' \\$x`)).toContain(`it's $HOME $x`);
  });
});
