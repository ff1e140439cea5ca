import type { ConfigValues } from '../definition/config.js';
import type { ConnectorDefinition } from '../definition/connector.js';
import { packageNameOf } from '../definition/names.js';
import { loginFor } from '../definition/oauth-spec.js';
import type { TokenStorage } from '../state/token-storage.js';
import { OAuthTokenStore } from './token-store.js';

export interface ConnectorStoreOptions {
  env: NodeJS.ProcessEnv;
  /** Registers every token read or obtained for redaction. */
  onSecret: (value: string | undefined) => void;
  fetch?: typeof fetch;
  storage?: TokenStorage;
  /** A login other than the one the configuration names (`auth login --account`). */
  account?: string;
  /** How this connector is run here (`npx -y <package>` unless given). */
  command?: string;
}

/**
 * The saved login of a connector that declares `oauth`, as the server and `auth` both open it:
 * the configuration says which one (an account, or the spec's per-host key).
 */
export function connectorOAuthStore(connector: ConnectorDefinition, values: ConfigValues, options: ConnectorStoreOptions): OAuthTokenStore {
  const oauth = connector.oauth;
  if (!oauth) throw new Error(`Connector "${connector.id}" declares no oauth.`);
  const saved = loginFor(oauth, values);
  const account = options.account ?? saved.account;
  return new OAuthTokenStore({
    connectorId: connector.id,
    vendor: connector.title,
    loginCommand: `${options.command ?? `npx -y ${packageNameOf(connector)}`} auth login`,
    oauth,
    config: values,
    env: options.env,
    onSecret: options.onSecret,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.storage ? { storage: options.storage } : {}),
    ...(account ? { account } : saved.loginKey ? { loginKey: saved.loginKey } : {}),
  });
}
