import { spawn } from 'node:child_process';

/** Opens a URL in the default browser; rejects when no opener could be started. */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  // rundll32 takes the URL as one argument, unlike `cmd /c start`, which would split it at every `&`.
  const [command, args]: [string, string[]] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : ['xdg-open', [url]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
