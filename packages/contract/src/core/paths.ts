import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/** The user's home directory as the given environment sees it (tests point HOME at a temp dir). */
export function homeDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const home = platform === 'win32' ? env.USERPROFILE || env.HOME : env.HOME;
  return home || homedir();
}

export function pathFor(platform: NodeJS.Platform) {
  return platform === 'win32' ? win32 : posix;
}

/** `$XDG_CONFIG_HOME/connectors`, `%APPDATA%\connectors` on Windows, else `~/.config/connectors`. */
export function connectorsConfigDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const path = pathFor(platform);
  if (env.XDG_CONFIG_HOME) return path.join(env.XDG_CONFIG_HOME, 'connectors');
  if (platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, 'connectors');
  return path.join(homeDir(env, platform), '.config', 'connectors');
}

/**
 * Where connectors keep state that must survive a restart (idempotency records):
 * `$CONNECTORS_STATE_DIR`, else `$XDG_STATE_HOME/connectors`, `%LOCALAPPDATA%\connectors` on Windows,
 * else `~/.local/state/connectors`.
 */
export function connectorsStateDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const path = pathFor(platform);
  if (env.CONNECTORS_STATE_DIR) return env.CONNECTORS_STATE_DIR;
  if (env.XDG_STATE_HOME) return path.join(env.XDG_STATE_HOME, 'connectors');
  if (platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'connectors');
  return path.join(homeDir(env, platform), '.local', 'state', 'connectors');
}

/** `<state dir>/<id>/idempotency.json`. */
export function idempotencyFilePath(connectorId: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  return pathFor(platform).join(connectorsStateDir(env, platform), connectorId, 'idempotency.json');
}

/**
 * Where a connector's OAuth tokens live: `<config dir>/connectors/<id>/tokens.json`, and one
 * account's `<config dir>/connectors/<id>/accounts/<account>.json`.
 */
export function tokenFilePath(connectorId: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, account?: string): string {
  const dir = pathFor(platform).join(connectorsConfigDir(env, platform), connectorId);
  return account === undefined ? pathFor(platform).join(dir, 'tokens.json') : pathFor(platform).join(dir, 'accounts', `${accountKey(account)}.json`);
}

/** An account name as a file name or key suffix: lower case, only characters safe everywhere. */
export function accountKey(account: string): string {
  const key = account.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9@._+-]{0,199}$/.test(key))
    throw new Error(`Invalid account "${account}": use an e-mail address or a name of letters, digits, @ . _ + -.`);
  return key;
}
