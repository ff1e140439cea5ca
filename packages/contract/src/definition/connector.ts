import type { z } from 'zod';
import type { RateLimit } from '../core/envelope.js';
import type { Logger } from '../core/logger.js';
import type { HttpClient, HttpClientOptions } from '../http/client.js';
import type { ConfigSpec, ConfigValues, Requirements } from './config.js';
import { ACTION_PATTERN, CLIENT_PREFIXED_MAX, HEALTH_ACTION, ID_PATTERN, PORTABLE_NAME, toolNameOf } from './names.js';
import type { OAuthSession, OAuthSpec } from './oauth-spec.js';
import { compileResource, type ResourceDefinition } from './resources.js';
import type { HealthContext, ToolDefinition } from './tool.js';

/** How often a subscribed resource is read unless the connector or the user says. */
export const DEFAULT_POLL_INTERVAL_MS = 30_000;
/** The shortest poll interval a user may choose unless the connector says. */
export const DEFAULT_MIN_POLL_INTERVAL_MS = 5_000;

/** A connector's poll interval unless the user says, and the shortest one the user may set, in ms. */
export function pollBounds(connector: Pick<ConnectorDefinition, 'pollIntervalMs' | 'minPollIntervalMs'>): { defaultMs: number; minMs: number } {
  const defaultMs = connector.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  return { defaultMs, minMs: connector.minPollIntervalMs ?? Math.min(DEFAULT_MIN_POLL_INTERVAL_MS, defaultMs) };
}

/** The poll interval in force: the user's choice when it respects the connector's floor (else an error), or the connector's. */
export function pollIntervalOf(connector: Pick<ConnectorDefinition, 'id' | 'pollIntervalMs' | 'minPollIntervalMs'>, chosen: number | undefined): number {
  const { defaultMs, minMs } = pollBounds(connector);
  if (chosen === undefined) return defaultMs;
  if (!(chosen >= minMs))
    throw new Error(`The poll interval of ${connector.id} is at least ${minMs / 1000} s (its API's rate limits); ${chosen / 1000} s was asked.`);
  return chosen;
}

export interface HealthReport {
  /** Who the credentials belong to. */
  user?: string;
  /** Organisation, site or workspace. */
  org?: string;
  authMode?: string;
  scopes?: string[];
  tokenExpiresAt?: string;
  rateLimit?: RateLimit;
  [key: string]: unknown;
}

export interface ConnectorDefinition<S extends ConfigSpec = any, Client = any> {
  /** Lowercase id, the tool-name prefix and the package name: `jira` → `@connectors/jira`. */
  id: string;
  title: string;
  version: string;
  description: string;
  config: S;
  /**
   * What the configuration in force still needs: variable names in `missing`, sentences in `problems`
   * (defaults to the unset `required` variables).
   */
  requires?: (values: ConfigValues<S>) => Requirements;
  /** Toolset name → one-line description. */
  toolsets: Record<string, string>;
  /**
   * Optional tool-name prefix per toolset, for a package that serves several products under their
   * own names (`{ drive: 'google_drive' }` → `google_drive_search_files`). Other toolsets, and
   * `<id>_health`, use the id.
   */
  namespaces?: Record<string, string>;
  /**
   * Optional: the toolsets the configuration turns on, for services a user enables by variable
   * (`GOOGLE_WORKSPACE_SERVICES=gmail`). Tools of the others are not registered. Default: all.
   */
  toolsetsEnabled?: (values: ConfigValues<S>) => string[];
  /**
   * Optional: toolsets that stay off unless the user names them (`--toolsets exec,...`, or a tool of
   * theirs in `--tools`), for tools too powerful to register by default (running commands).
   */
  optInToolsets?: string[];
  /**
   * Optional: the scopes this server may use, for tools that declare a `scope`. Gets the scopes of
   * the saved OAuth login (undefined when unknown or not logged in). Undefined registers every tool.
   */
  grantedScopes?: (values: ConfigValues<S>, login: string[] | undefined) => string[] | undefined;
  /**
   * Builds the vendor client from a complete configuration. A client with a `warmUp()` method has
   * it called while the server is idle after the first tools/list: load what the first call needs,
   * send nothing.
   */
  client: (values: ConfigValues<S>, deps: ClientDeps) => Client;
  /** Verifies auth and says whose it is: the body of the `<id>_health` read tool, run when configuration is complete. */
  health: (ctx: HealthContext<Client, S>) => Promise<HealthReport>;
  tools: ToolDefinition<any, any, Client, S>[];
  /**
   * Optional: tools known only at run time (a bridge's upstream tools the mapping does not name).
   * Loaded once, before the first tools/list, and only when `toolset` is enabled: make it one of
   * `optInToolsets`, so serving them is the user's explicit choice. Gated like any tool.
   */
  runtimeTools?: {
    toolset: string;
    load: (ctx: HealthContext<Client, S>) => Promise<ToolDefinition<any, any, Client, S>[]>;
  };
  /** Vendor objects a client reads by URI, each a view of one read tool (see resources.ts). */
  resources?: ResourceDefinition[];
  /** How often a subscribed resource is read for changes, in ms, unless the user says (default 30 s). */
  pollIntervalMs?: number;
  /**
   * The shortest interval a user may choose (`--poll-interval`), in ms: what the vendor's rate limits
   * allow for polling beside the user's own calls (default 5 s, never above `pollIntervalMs`).
   */
  minPollIntervalMs?: number;
  /** npm package that runs this connector; defaults to `@connectors/<id>` (third parties set their own). */
  packageName?: string;
  /** Where to get credentials; shown in docs and by `--help`. */
  setup?: string;
  /** Declared by connectors that log in with OAuth: enables `auth login|status|logout`. */
  oauth?: OAuthSpec<S>;
}

/** What a connector says about its vendor's HTTP API; the runtime supplies fetch, waits, timeouts and logging. */
export type VendorHttpOptions = Omit<HttpClientOptions, 'fetch' | 'sleep' | 'timeoutMs' | 'log' | 'redact'>;

/** What the runtime hands to `client()`. */
export interface ClientDeps {
  /**
   * An HTTP client for the vendor, wired to the runtime: every request carries the call's cancel
   * signal and deadline and reports its rate-limit headers to that call only. Pass `build` to get a
   * subclass of HttpClient (a vendor client with its own helpers).
   */
  http<C extends HttpClient = HttpClient>(options: VendorHttpOptions, build?: (options: HttpClientOptions) => C): C;
  /**
   * The saved OAuth login, for connectors that declare `oauth`: `...deps.oauth.httpAuth()` in the
   * http options sends its bearer token, refreshes it before it expires and once on a 401. Nobody
   * logged in answers `not_configured` naming the `auth login` command.
   */
  oauth?: OAuthSession;
  /** Registers values to redact from all output (tokens obtained at run time). */
  addSecret: (value: string | undefined) => void;
  /** The server runs read-only (`--read-only`): credentials it mints itself need read scopes only. */
  readOnly: boolean;
  log: Logger;
}

export function defineConnector<S extends ConfigSpec, Client>(connector: ConnectorDefinition<S, Client>): ConnectorDefinition<S, Client> {
  if (!ID_PATTERN.test(connector.id)) throw new Error(`Connector id "${connector.id}" must match ${ID_PATTERN}.`);
  for (const [toolset, namespace] of Object.entries(connector.namespaces ?? {})) {
    if (!(toolset in connector.toolsets)) throw new Error(`Connector "${connector.id}" names a namespace for unknown toolset "${toolset}".`);
    if (!ACTION_PATTERN.test(namespace)) throw new Error(`Namespace "${namespace}" must be snake_case (${ACTION_PATTERN}).`);
  }
  if (connector.runtimeTools && !(connector.runtimeTools.toolset in connector.toolsets)) {
    throw new Error(`Connector "${connector.id}" loads run-time tools into unknown toolset "${connector.runtimeTools.toolset}".`);
  }
  for (const toolset of connector.optInToolsets ?? []) {
    if (!(toolset in connector.toolsets)) throw new Error(`Connector "${connector.id}" makes unknown toolset "${toolset}" opt-in.`);
  }
  const seen = new Set<string>([HEALTH_ACTION]);
  for (const tool of connector.tools) {
    if (tool.timeoutMs !== undefined && !(Number.isInteger(tool.timeoutMs) && tool.timeoutMs >= 1_000 && tool.timeoutMs <= 3_600_000)) {
      throw new Error(`Tool "${tool.action}" timeoutMs must be a whole number of ms from 1000 to 3600000.`);
    }
    if (seen.has(tool.action)) throw new Error(`Connector "${connector.id}" defines "${tool.action}" twice (health is built in).`);
    seen.add(tool.action);
    if (!(tool.toolset in connector.toolsets)) throw new Error(`Tool "${tool.action}" is in unknown toolset "${tool.toolset}".`);
  }
  const names = new Set<string>();
  for (const action of seen) {
    const name = toolNameOf(connector, action);
    if (!PORTABLE_NAME.test(name)) throw new Error(`Tool name "${name}" is invalid: names must match ${PORTABLE_NAME}.`);
    const prefixed = `mcp__${connector.id}__${name}`;
    if (prefixed.length > CLIENT_PREFIXED_MAX) {
      throw new Error(`Tool name "${name}" is too long: clients show it as "${prefixed}" (${prefixed.length} characters, at most ${CLIENT_PREFIXED_MAX}).`);
    }
    if (names.has(name)) throw new Error(`Connector "${connector.id}" renders "${name}" twice.`);
    names.add(name);
  }
  const reads = new Set(connector.tools.filter((tool) => tool.access === 'read').map((tool) => tool.action));
  for (const tool of connector.tools) {
    for (const action of tool.checkWith ?? []) {
      if (!reads.has(action)) throw new Error(`Tool "${tool.action}" checkWith names "${action}", which is not a read tool of "${connector.id}".`);
    }
  }
  if (connector.oauth) assertOAuthSpec(connector.id, connector.oauth, connector.config);
  assertResources(connector);
  if (connector.pollIntervalMs !== undefined && !(Number.isInteger(connector.pollIntervalMs) && connector.pollIntervalMs >= 100)) {
    throw new Error(`Connector "${connector.id}" pollIntervalMs must be a whole number of ms, at least 100.`);
  }
  const floor = connector.minPollIntervalMs;
  if (floor !== undefined && !(Number.isInteger(floor) && floor >= 100 && floor <= (connector.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS))) {
    throw new Error(`Connector "${connector.id}" minPollIntervalMs must be a whole number of ms from 100 to its pollIntervalMs.`);
  }
  return connector;
}

/** Each resource names a read tool, and its variables and fixed arguments are that tool's inputs, covering every required one. */
function assertResources(connector: Pick<ConnectorDefinition, 'id' | 'tools' | 'resources'>): void {
  const seen = new Set<string>();
  for (const resource of connector.resources ?? []) {
    const where = `Resource "${resource.name}" of "${connector.id}"`;
    if (!ACTION_PATTERN.test(resource.name)) throw new Error(`${where}: the name must be snake_case (${ACTION_PATTERN}).`);
    if (seen.has(resource.name)) throw new Error(`${where} is declared twice.`);
    seen.add(resource.name);
    const { variables } = compileResource(resource);
    const tool = connector.tools.find((t) => t.action === resource.tool);
    if (tool?.access !== 'read') throw new Error(`${where} reads through "${resource.tool}", which is not a read tool of "${connector.id}".`);
    const watched = resource.watch && connector.tools.find((t) => t.action === resource.watch!.tool);
    if (resource.watch && watched?.access !== 'read')
      throw new Error(`${where} is watched through "${resource.watch.tool}", which is not a read tool of "${connector.id}".`);
    // A function maps the variables itself: the tool's input check applies to what it returns.
    if (typeof resource.args === 'function') continue;
    const shape = tool.input.shape as Record<string, z.ZodType>;
    const given = [...variables, ...Object.keys(resource.args ?? {})];
    for (const name of given) if (!(name in shape)) throw new Error(`${where}: "${name}" is not an input of "${tool.action}".`);
    for (const [name, schema] of Object.entries(shape)) {
      if (!given.includes(name) && !schema.safeParse(undefined).success)
        throw new Error(`${where} leaves "${name}", a required input of "${tool.action}", unset.`);
    }
  }
}

function assertOAuthSpec(id: string, oauth: OAuthSpec, config: ConfigSpec): void {
  const where = `Connector "${id}" oauth`;
  if (oauth.clientIdEnv === undefined ? !oauth.discover : !(oauth.clientIdEnv in config))
    throw new Error(`${where}: clientIdEnv "${oauth.clientIdEnv}" must be declared in config.`);
  if (!oauth.discover && (oauth.authorizeUrl === undefined || oauth.tokenUrl === undefined))
    throw new Error(`${where}: authorizeUrl and tokenUrl are required unless the endpoints are discovered.`);
  if (oauth.accountEnv !== undefined && !(oauth.accountEnv in config))
    throw new Error(`${where}: accountEnv "${oauth.accountEnv}" must be declared in config.`);
  if (oauth.clientSecretEnv !== undefined) {
    const secret = config[oauth.clientSecretEnv];
    if (!secret) throw new Error(`${where}: clientSecretEnv "${oauth.clientSecretEnv}" must be declared in config.`);
    if (!secret.secret) throw new Error(`${where}: "${oauth.clientSecretEnv}" must be declared as a secret (envVar.secret).`);
  }
  for (const key of ['authorizeUrl', 'tokenUrl', 'revokeUrl'] as const) {
    const url = oauth[key];
    if (typeof url !== 'string') continue;
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new Error(`${where}: ${key} "${url}" is not an http(s) URL.`);
  }
  if (oauth.redirectPort !== undefined && (!Number.isInteger(oauth.redirectPort) || oauth.redirectPort < 1 || oauth.redirectPort > 65535)) {
    throw new Error(`${where}: redirectPort must be a port number from 1 to 65535.`);
  }
  if (oauth.redirectPath !== undefined && !oauth.redirectPath.startsWith('/')) throw new Error(`${where}: redirectPath must start with "/".`);
}
