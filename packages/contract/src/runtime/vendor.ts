import type { Logger } from '../core/logger.js';
import type { Redactor } from '../core/redact.js';
import { currentCallScope } from '../core/call-scope.js';
import type { RateLimit } from '../core/envelope.js';
import { notConfiguredError, type EnvVarSpec, type LoadedConfig } from '../definition/config.js';
import type { ConnectorDefinition } from '../definition/connector.js';
import { HttpClient, type HttpClientOptions } from '../http/client.js';
import { connectorOAuthStore } from '../oauth/connector-store.js';
import type { OAuthTokenStore } from '../oauth/token-store.js';
import type { RuntimeOptions } from './types.js';

/**
 * The vendor side of a runtime: the connector's client, built once the configuration is complete,
 * with HTTP clients wired to the runtime (fetch, waits, timeouts, logging) and the saved OAuth login.
 */
export class VendorWiring {
  private client: unknown;
  private oauth: OAuthTokenStore | undefined;
  private readonly httpClients: HttpClient[] = [];

  constructor(
    private readonly connector: ConnectorDefinition,
    private readonly config: LoadedConfig,
    private readonly options: RuntimeOptions,
    private readonly log: Logger,
    private readonly redactor: Redactor,
  ) {}

  /** The connector's vendor client; throws `not_configured` while configuration is incomplete. */
  getClient(): unknown {
    const problem = notConfiguredError(this.config);
    if (problem) throw problem;
    this.client ??= this.connector.client(this.config.values, {
      http: (vendor, build) => {
        const options: HttpClientOptions = {
          ...vendor,
          log: this.log,
          redact: (text) => this.redactor.redact(text),
          ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
          ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
          ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
        };
        const http = build ? build(options) : new HttpClient(options);
        this.httpClients.push(http);
        return http as never;
      },
      ...(this.connector.oauth ? { oauth: this.oauthStore() } : {}),
      log: this.log,
      addSecret: (value) => this.redactor.add(value),
      readOnly: this.options.gating?.readOnly === true,
    });
    return this.client;
  }

  /** The connector's saved OAuth login, as `auth login` saved it; tokens it reads or refreshes are redacted. */
  oauthStore(): OAuthTokenStore {
    this.oauth ??= connectorOAuthStore(this.connector, this.config.values, {
      env: this.options.env ?? process.env,
      ...(this.options.command ? { command: this.options.command } : {}),
      onSecret: (value) => this.redactor.add(value),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.oauthStorage ? { storage: this.options.oauthStorage } : {}),
    });
    return this.oauth;
  }

  /** The OAuth login once the connector's client holds it (health reports its scopes and expiry). */
  get oauthInUse(): OAuthTokenStore | undefined {
    return this.oauth;
  }

  /** The rate-limit reading of the call in progress, else the latest any vendor client saw. */
  get lastRateLimit(): RateLimit | undefined {
    return currentCallScope()?.rateLimit ?? this.httpClients.find((http) => http.lastRateLimit)?.lastRateLimit;
  }
}

/**
 * Secrets from the configuration, and `user:secret` for each plain value beside them (an email or
 * username), whose base64 is what a Basic-auth vendor may echo back.
 */
export function redactConfigSecrets(connector: ConnectorDefinition, config: LoadedConfig, redactor: Redactor): void {
  const values = config.values as Record<string, string | undefined>;
  const spec = Object.entries<EnvVarSpec>(connector.config);
  const plain = spec.filter(([name, v]) => !v.secret && values[name] && values[name]!.length <= 320 && !values[name]!.includes('://'));
  for (const [name, variable] of spec) {
    const secret = values[name];
    if (!variable.secret || !secret) continue;
    redactor.add(secret);
    for (const [other] of plain) redactor.add(`${values[other]}:${secret}`);
  }
}
