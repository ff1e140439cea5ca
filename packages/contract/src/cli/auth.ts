import { loadConfig, type EnvVarSpec } from '../definition/config.js';
import { packageNameOf } from '../definition/names.js';
import type { ConnectorDefinition } from '../definition/connector.js';
import { isConnectorError } from '../core/errors.js';
import { Redactor } from '../core/redact.js';
import type { CliOptions } from './options.js';
import { UsageError } from './options.js';
import { openBrowser } from '../oauth/browser.js';
import { oauthLogin } from '../oauth/login.js';
import { loginFor } from '../definition/oauth-spec.js';
import { connectorOAuthStore } from '../oauth/connector-store.js';
import type { TokenStorage } from '../state/token-storage.js';

export const AUTH_COMMANDS = ['login', 'status', 'logout'] as const;

export interface AuthIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Replaces the system browser opener (tests). */
  openUrl?: (url: string) => Promise<void>;
  fetch?: typeof fetch;
  /** Where the tokens go instead of the file (Redis, when CONNECTORS_STATE_URL is set). */
  storage?: TokenStorage;
  /** How this connector is run here (`npx -y <package>`, or `node <bin>` in a checkout). */
  command?: string;
}

/** `auth login|status|logout` for connectors that declare `oauth`. */
export async function runAuth(connector: ConnectorDefinition, options: CliOptions, io: AuthIo): Promise<number> {
  const oauth = connector.oauth;
  if (!oauth) throw new UsageError(`${connector.title} does not use an OAuth login; set its environment variables instead.`);
  const [sub, ...extra] = options.rest;
  if (!sub || !(AUTH_COMMANDS as readonly string[]).includes(sub) || extra.length) {
    throw new UsageError(`Use: auth ${AUTH_COMMANDS.join('|')}.`);
  }
  const config = loadConfig(connector.config, io.env, connector.requires?.bind(connector));
  // The account: --account, else the one the configuration names (the login the server would use).
  if (options.account !== undefined && !oauth.accountEnv) throw new UsageError(`${connector.title} keeps one login; it has no --account.`);
  const saved = loginFor(oauth, config.values);
  const account = options.account || saved.account;
  // Everything printed passes through this, with the client secret and every token seen registered.
  const redactor = new Redactor();
  for (const [name, variable] of Object.entries<EnvVarSpec>(connector.config)) if (variable.secret) redactor.add(config.values[name]);
  const out = (text: string) => io.out(redactor.redact(text));
  const err = (text: string) => io.err(redactor.redact(text));
  const store = connectorOAuthStore(connector, config.values, {
    env: io.env,
    onSecret: (value) => redactor.add(value),
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(io.storage ? { storage: io.storage } : {}),
    ...(account ? { account } : {}),
    ...(io.command ? { command: io.command } : {}),
  });
  const as = account ? ` as ${account}` : '';
  const command = io.command ?? `npx -y ${packageNameOf(connector)}`;

  try {
    if (sub === 'status') {
      const status = await store.status();
      if (options.json) out(`${JSON.stringify(status, null, 2)}\n`);
      else if (!status.loggedIn)
        out(`Not logged in to ${connector.title}${as} (no ${status.file}). Run \`${command} auth login${account ? ` --account ${account}` : ''}\`.\n`);
      else {
        const expiry = status.expiresAt
          ? `${status.expired ? 'expired' : 'expires'} ${status.expiresAt}${status.expired ? (status.canRefresh ? ' (will refresh on next use)' : ' (log in again)') : ''}`
          : 'expiry not reported';
        out(
          `Logged in to ${connector.title}${as}.\n` +
            `  tokens:        ${status.file}\n` +
            `  access token:  ${expiry}\n` +
            `  refresh token: ${status.canRefresh ? 'yes' : 'no'}\n` +
            (status.scopes ? `  scopes:        ${status.scopes.join(' ')}\n` : '') +
            `  obtained:      ${status.obtainedAt}${status.refreshedAt ? `, refreshed ${status.refreshedAt}` : ''}\n`,
        );
      }
      return status.loggedIn && (!status.expired || status.canRefresh) ? 0 : 1;
    }

    if (sub === 'logout') {
      const result = await store.logout();
      if (!result.removed) out(`Not logged in to ${connector.title}${as}; nothing to remove.\n`);
      else {
        out(`Logged out of ${connector.title}${as}: removed ${store.file}.\n`);
        if (result.revoked === false)
          err(`Warning: ${connector.title} did not confirm revoking the token; revoke the app's access in your account settings if needed.\n`);
      }
      return 0;
    }

    // A declared client secret means a confidential client: the token endpoint will ask for it.
    // A discovering login registers its own client; any other needs the app's id (and secret) first.
    const missing = oauth.discover
      ? []
      : [oauth.clientIdEnv!, ...(oauth.clientSecretEnv ? [oauth.clientSecretEnv] : [])].filter((name) => !config.values[name]);
    if (missing.length) {
      throw new UsageError(
        `Set ${missing.join(' and ')} (the OAuth client of your ${connector.title} app) before logging in.${connector.setup ? ` ${connector.setup}` : ''}`,
      );
    }
    const tokens = await oauthLogin(store, {
      ...(options.redirectPort !== undefined ? { port: options.redirectPort } : {}),
      readOnly: options.gating.readOnly ?? false,
      ...(options.gating.toolsets ? { toolsets: options.gating.toolsets } : {}),
      onAuthorizeUrl: async (url, redirectUri) => {
        if (options.noBrowser) {
          err(`Open this URL in a browser to log in to ${connector.title}:\n\n  ${url}\n\nWaiting for the redirect to ${redirectUri} ...\n`);
          return;
        }
        err(`Opening a browser to log in to ${connector.title}. If it does not open, visit:\n\n  ${url}\n\nWaiting for the redirect to ${redirectUri} ...\n`);
        try {
          await (io.openUrl ?? openBrowser)(url);
        } catch (error) {
          err(`Could not open a browser (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); open the URL above yourself.\n`);
        }
      },
    });
    out(
      `Logged in to ${connector.title}${as}. Tokens saved to ${store.file}` +
        `${tokens.expiresAt ? ` (access token expires ${tokens.expiresAt}${tokens.refreshToken ? ', refreshed automatically' : ''})` : ''}.\n` +
        (tokens.scopes ? `Scopes: ${tokens.scopes.join(' ')}\n` : ''),
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError || !isConnectorError(error)) throw error;
    err(`${error.message}${error.hint ? `\n${error.hint}` : ''}\n`);
    return error.code === 'not_configured' || error.code === 'invalid_input' ? 2 : 1;
  }
}
