import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorError } from '../core/errors.js';
import { sameSecret } from './pkce.js';

export interface LoopbackOptions {
  /** 0 picks a free port. */
  port: number;
  path: string;
  /** Host name in the redirect URI; the listener itself is always bound to 127.0.0.1. */
  redirectHost: '127.0.0.1' | 'localhost';
  state: string;
  vendor: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface LoopbackRedirect {
  redirectUri: string;
  /** Resolves with the authorization code of the first redirect with the right state; rejects on error, wrong state or timeout. */
  code: Promise<string>;
  close(): Promise<void>;
}

/** The loopback redirect listener of RFC 8252 §7.3, on 127.0.0.1 only. */
export async function listenForRedirect(options: LoopbackOptions): Promise<LoopbackRedirect> {
  let settle!: { resolve: (code: string) => void; reject: (error: Error) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  let done = false;
  let timer: NodeJS.Timeout | undefined;
  const finish = (error: Error | undefined, value?: string) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    if (error) settle.reject(error);
    else settle.resolve(value!);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== options.path) return page(res, 404, 'Not found.');
    if (done) return page(res, 410, 'This login has already finished; you can close this tab.');
    const params = url.searchParams;
    // The state is checked before anything else: a redirect that does not carry ours is not our login.
    if (!sameSecret(params.get('state'), options.state)) {
      page(res, 400, 'This redirect does not belong to the login in progress. Nothing was exchanged; run the login again.');
      return finish(
        new ConnectorError(
          'unauthorized',
          'The OAuth redirect carried a state that does not match this login (a stale tab or a forged request); nothing was exchanged.',
          {
            hint: 'Run `auth login` again and finish it in the browser tab it opens.',
          },
        ),
      );
    }
    const error = params.get('error');
    if (error) {
      const description = params.get('error_description');
      page(res, 400, `${options.vendor} did not authorize the login: ${error}${description ? ` (${description})` : ''}.`);
      return finish(
        new ConnectorError('unauthorized', `${options.vendor} did not authorize the login: ${clip(error)}${description ? ` (${clip(description)})` : ''}.`, {
          vendorCode: clip(error),
          hint:
            error === 'access_denied'
              ? 'Approve the access request in the browser, or check that your account may grant these scopes.'
              : 'Check the OAuth app settings (redirect URI, scopes), then log in again.',
        }),
      );
    }
    const value = params.get('code');
    if (!value) {
      page(res, 400, 'The redirect carried no authorization code.');
      return finish(new ConnectorError('unauthorized', `${options.vendor} redirected back without an authorization code.`));
    }
    page(res, 200, `Logged in to ${options.vendor}. You can close this tab and return to the terminal.`);
    finish(undefined, value);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new ConnectorError('invalid_input', `Port ${options.port} on 127.0.0.1 is in use, so the OAuth redirect cannot be received.`, {
              vendorCode: 'port_in_use',
              hint: 'Free the port, or pass --redirect-port with another port registered as a redirect URI of the OAuth app.',
            })
          : error,
      );
    });
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  timer = setTimeout(
    () =>
      finish(
        new ConnectorError('timeout', `No OAuth redirect arrived within ${Math.round(options.timeoutMs / 1000)} s; the login was abandoned.`, {
          retryable: false,
        }),
      ),
    options.timeoutMs,
  );
  timer.unref();
  const onAbort = () => finish(new ConnectorError('timeout', 'The login was cancelled.', { retryable: false }));
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const close = async () => {
    options.signal?.removeEventListener('abort', onAbort);
    finish(new ConnectorError('timeout', 'The login was cancelled.', { retryable: false }));
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  // Nobody may await `code` after a close; keep an unobserved rejection from crashing the process.
  code.catch(() => undefined);
  return { redirectUri: `http://${options.redirectHost}:${port}${options.path}`, code, close };
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function page(res: ServerResponse, status: number, message: string): void {
  const html = `<!doctype html><meta charset="utf-8"><title>Login</title><body style="font-family:system-ui;margin:3em"><p>${escapeHtml(message)}</p></body>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  res.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
