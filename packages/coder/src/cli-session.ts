// The `coder` CLI keeps its login as two small files, `url` and `session`, in its config directory
// (CODER_CONFIG_DIR, else the platform's config dir + coderv2, as kirsle/configdir resolves it).
// They are read here, kept in memory, and never written anywhere.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface CliSession {
  dir: string;
  url?: string;
  token?: string;
}

export function cliConfigDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (explicit) return explicit;
  if (platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), 'coderv2');
  if (platform === 'darwin') return join(env.HOME || homedir(), 'Library', 'Application Support', 'coderv2');
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'coderv2');
}

/** The CLI's login, or undefined when it has none. */
export function cliSession(values: { CODER_CONFIG_DIR?: string | undefined }): CliSession | undefined {
  const dir = cliConfigDir(values.CODER_CONFIG_DIR);
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name), 'utf8').trim() || undefined;
    } catch {
      return undefined;
    }
  };
  const url = read('url');
  const token = read('session');
  return url || token ? { dir, ...(url ? { url } : {}), ...(token ? { token } : {}) } : undefined;
}
