import { runCli, type ConnectorDefinition } from '@connectors/contract';

export interface BrowserLogin {
  /** The exit code of `auth login`. */
  exitCode: number;
  /** The authorize URL the login printed, as the browser would open it. */
  authorize: URL;
  /** Everything the login printed (stdout and stderr). */
  output: string;
}

/**
 * Runs `auth login --no-browser` and plays the browser: reads the authorize URL it prints, then
 * visits its redirect_uri with `code` and the state it was given, as the vendor's consent page would.
 * Mock the token endpoint first (nock), and allow loopback requests (`useFakeVendor({ allowLoopback: true })`).
 */
export async function loginThroughBrowser(
  connector: ConnectorDefinition,
  options: { env: Record<string, string | undefined>; argv?: string[]; code?: string },
): Promise<BrowserLogin> {
  let output = '';
  let announce!: (url: URL) => void;
  const printed = new Promise<URL>((resolve) => (announce = resolve));
  const done = runCli(connector, {
    argv: ['auth', 'login', '--no-browser', ...(options.argv ?? [])],
    env: options.env as NodeJS.ProcessEnv,
    out: (text) => void (output += text),
    err: (text) => {
      output += text;
      const match = /https?:\/\/\S+redirect_uri=\S+/.exec(text);
      if (match) announce(new URL(match[0]));
    },
  });
  const authorize = await Promise.race([
    printed,
    done.then((code) => Promise.reject(new Error(`auth login exited ${code} before printing a URL:\n${output}`))),
  ]);
  const back = await fetch(
    `${authorize.searchParams.get('redirect_uri')}?code=${encodeURIComponent(options.code ?? 'testkit-code')}&state=${authorize.searchParams.get('state')}`,
  );
  await back.text();
  return { exitCode: await done, authorize, output };
}
