// Runs one command in a workspace through the agent's reconnecting PTY: a WebSocket to
// `/api/v2/workspaceagents/{id}/pty?command=...` (Coder sends raw terminal output; the client may
// send `{ data, height, width }`). A PTY reports no exit status, so the command is wrapped to print
// a marker with a random nonce and its status last; the marker is read back and cut from the output.
import { randomBytes, randomUUID } from 'node:crypto';
import { stripVTControlCharacters } from 'node:util';
import { ConnectorError, type ErrorInfo, type VendorResponse } from '@connectors/contract';
import type WebSocketType from 'ws';

export interface PtyOptions {
  /** The deployment's URL; the socket goes to the same origin, and nowhere else. */
  deploymentUrl: string;
  agentId: string;
  token: string;
  command: string;
  timeoutMs: number;
  maxOutputChars: number;
  signal: AbortSignal;
  /** Turns Coder's error answer to the upgrade into our error fields. */
  classifyError: (response: VendorResponse) => Partial<ErrorInfo> | undefined;
}

export interface PtyResult {
  exitCode: number | null;
  output: string;
  /** Output was longer than the cap: only its end is kept. */
  truncated: boolean;
  timedOut: boolean;
  durationMs: number;
}

/** POSIX single quotes: 'it'\''s' (fish reads this the same way). */
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The command as the agent runs it (through the user's shell, `-c`), reporting its status after it. */
export function wrapCommand(command: string, nonce: string): string {
  return `sh -c ${quote(`sh -c "$1"; s=$?; echo; echo __CONNECTORS_EXIT_${nonce}_$s`)} sh ${quote(command)}`;
}

export async function runInPty(options: PtyOptions): Promise<PtyResult> {
  // Loaded on the first command: a server without exec (the default) never loads it.
  const { default: WebSocket } = (await import('ws')) as { default: typeof WebSocketType };
  const nonce = randomBytes(8).toString('hex');
  const marker = new RegExp(`\\r?\\n?__CONNECTORS_EXIT_${nonce}_(\\d+)\\r?\\n?`);
  const url = new URL(`/api/v2/workspaceagents/${encodeURIComponent(options.agentId)}/pty`, options.deploymentUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = new URLSearchParams({ reconnect: randomUUID(), width: '200', height: '50', command: wrapCommand(options.command, nonce) }).toString();
  const started = Date.now();
  // Keep twice the cap of raw text, so stripping escape sequences still leaves a full tail.
  const keep = options.maxOutputChars * 2;
  const decoder = new TextDecoder();
  let raw = '';
  let dropped = false;

  return new Promise<PtyResult>((resolve, reject) => {
    const socket = new WebSocket(url, {
      headers: { 'coder-session-token': options.token },
      followRedirects: false,
      handshakeTimeout: Math.min(options.timeoutMs, 30_000),
    });
    let settled = false;
    /** Ends the session: Ctrl-C first when the command may still run, then a clean close (forced after 1 s). */
    const hangUp = (interrupt: boolean) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners();
      socket.on('error', () => {});
      if (socket.readyState === WebSocket.OPEN) {
        if (interrupt) socket.send(JSON.stringify({ data: '\u0003' }));
        socket.close();
        setTimeout(() => socket.terminate(), 1_000).unref();
      } else {
        socket.terminate();
      }
    };
    const finish = (exitCode: number | null, timedOut: boolean) => {
      if (settled) return;
      settled = true;
      hangUp(timedOut);
      raw += decoder.decode();
      const text = clean(raw.replace(marker, '\n'));
      const truncated = dropped || text.length > options.maxOutputChars;
      resolve({ exitCode, output: truncated ? text.slice(-options.maxOutputChars) : text, truncated, timedOut, durationMs: Date.now() - started });
    };
    const fail = (error: ConnectorError, interrupt = false) => {
      if (settled) return;
      settled = true;
      hangUp(interrupt);
      reject(error);
    };
    // A hung command: interrupt it (Ctrl-C) and answer what it printed so far.
    const timer = setTimeout(() => finish(null, true), options.timeoutMs);
    // The runtime answers a cancelled or timed-out call itself; this only ends the terminal.
    const onAbort = () =>
      fail(new ConnectorError('timeout', 'The call ended before the command did; it was interrupted in the workspace (Ctrl-C).', { retryable: false }), true);
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });

    socket.on('message', (chunk: Buffer) => {
      raw += decoder.decode(chunk, { stream: true });
      if (raw.length > keep) {
        raw = raw.slice(-keep);
        dropped = true;
      }
      const done = marker.exec(raw);
      if (done) finish(Number(done[1]), false);
    });
    socket.on('close', () => finish(null, false));
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (part: Buffer) => (body += part.toString('utf8')));
      response.on('end', () => fail(upgradeError(response.statusCode ?? 0, body, options)));
      response.on('error', () => fail(upgradeError(response.statusCode ?? 0, '', options)));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      fail(
        new ConnectorError('network_error', `Could not open a terminal in the workspace (${error.code ?? error.message}).`, {
          hint: 'Check that the workspace is running and its agent connected (coder_get_agent_activity).',
        }),
      );
    });
  });
}

/** Terminal text as a model reads it: no escape sequences, plain newlines, no trailing blank lines. */
function clean(text: string): string {
  return stripVTControlCharacters(text).replace(/\r\n?/g, '\n').replace(/\n+$/, '');
}

function upgradeError(status: number, body: string, options: PtyOptions): ConnectorError {
  let parsed: unknown = body;
  try {
    parsed = JSON.parse(body);
  } catch {
    // Not JSON: described by status only.
  }
  const classified = options.classifyError({ status, headers: new Headers(), body: parsed }) ?? {};
  const code =
    classified.code ??
    (status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status >= 500 ? 'upstream_unavailable' : 'upstream_error');
  return new ConnectorError(code, `Coder refused the terminal (${status})${classified.message ? `: ${classified.message}` : '.'}`, {
    status,
    ...(classified.hint
      ? { hint: classified.hint }
      : code === 'upstream_unavailable'
        ? { hint: 'The agent may be disconnected: check coder_get_agent_activity.' }
        : {}),
  });
}
