import { parseArgs } from 'node:util';
import type { ToolSeparator } from '../definition/names.js';
import type { GatingOptions } from '../runtime/gating.js';
import { LOG_LEVELS, type LogLevel } from '../core/logger.js';

export const COMMANDS = ['serve', 'health', 'tools', 'configure', 'auth'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliOptions {
  command: Command;
  /** Words after the command, e.g. the client for `configure`. */
  rest: string[];
  gating: GatingOptions;
  toolSeparator: ToolSeparator;
  logLevel: LogLevel;
  http: boolean;
  port: number;
  host: string;
  /** `--http`: Host and Origin values accepted besides loopback ones. */
  allowedHosts?: string[];
  allowedOrigins?: string[];
  /** `--http`: largest request body, in bytes. */
  maxBodyBytes: number;
  maxResultBytes: number;
  /** `--poll-interval SECONDS`: how often subscribed resources are read, in ms. */
  pollIntervalMs?: number;
  json: boolean;
  dryRun: boolean;
  /** `configure`: write to this file instead of the client's default location. */
  configFile?: string;
  /** `configure --local`: run this checkout's built bin with this Node instead of `npx -y <package>`. */
  local: boolean;
  /** The serving flags given on the command line, as they would be passed again (`configure` puts them in the client entry). */
  serverArgs: string[];
  noBrowser: boolean;
  /** `auth login`: listen for the OAuth redirect on this port instead of the connector's default. */
  redirectPort?: number;
  /** `auth login|status|logout --account`: one of several saved logins. */
  account?: string;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

/** A number of seconds (`--poll-interval 15`, `2.5`) in ms; whether it is long enough is the connector's to say. */
function seconds(raw: string | undefined, what: string): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400) throw new UsageError(`Invalid ${what} "${raw}": use seconds, from more than 0 to 86400.`);
  return Math.round(n * 1000);
}

const FLAGS = {
  'read-only': { type: 'boolean' },
  toolsets: { type: 'string' },
  tools: { type: 'string' },
  'exclude-tools': { type: 'string' },
  'tool-separator': { type: 'string' },
  'log-level': { type: 'string' },
  http: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  'allowed-hosts': { type: 'string' },
  'allowed-origins': { type: 'string' },
  'max-body-bytes': { type: 'string' },
  'max-result-bytes': { type: 'string' },
  'poll-interval': { type: 'string' },
  json: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'config-file': { type: 'string' },
  local: { type: 'boolean' },
  'no-browser': { type: 'boolean' },
  'redirect-port': { type: 'string' },
  account: { type: 'string' },
  // `auth login --services gmail,drive`: the same as --toolsets, for connectors whose toolsets are services.
  services: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Variables of the HTTP mode: one deployment, whichever connector it runs. */
export const HTTP_ENV = {
  token: 'CONNECTORS_HTTP_TOKEN',
  allowedHosts: 'CONNECTORS_ALLOWED_HOSTS',
  allowedOrigins: 'CONNECTORS_ALLOWED_ORIGINS',
  maxBodyBytes: 'CONNECTORS_MAX_BODY_BYTES',
} as const;

/** Environment equivalents of the gating and logging flags, prefixed with the connector id. */
export function envNames(connectorId: string) {
  const prefix = connectorId.toUpperCase().replace(/-/g, '_');
  return {
    readOnly: `${prefix}_READ_ONLY`,
    toolsets: `${prefix}_TOOLSETS`,
    tools: `${prefix}_TOOLS`,
    excludeTools: `${prefix}_EXCLUDE_TOOLS`,
    toolSeparator: `${prefix}_TOOL_SEPARATOR`,
    logLevel: `${prefix}_LOG_LEVEL`,
    pollInterval: `${prefix}_POLL_INTERVAL`,
  };
}

export function parseCliOptions(connectorId: string, argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
  const { values, positionals } = parsed;
  const names = envNames(connectorId);
  const [first, ...rest] = positionals;
  const command = (first ?? 'serve') as Command;
  if (!COMMANDS.includes(command)) throw new UsageError(`Unknown command "${first}". Commands: ${COMMANDS.join(', ')}.`);

  const list = (flag: string | undefined, variable: string) => {
    const raw = flag ?? env[variable];
    if (raw === undefined || raw.trim() === '') return undefined;
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  };
  const choice = <T extends string>(raw: string | undefined, allowed: readonly T[], what: string, fallback: T): T => {
    if (raw === undefined || raw === '') return fallback;
    if (!allowed.includes(raw as T)) throw new UsageError(`Invalid ${what} "${raw}": use one of ${allowed.join(', ')}.`);
    return raw as T;
  };
  const integer = (raw: string | undefined, what: string, fallback: number, min: number, max: number) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`Invalid ${what} "${raw}": use a whole number from ${min} to ${max}.`);
    return n;
  };
  const readOnlyEnv = env[names.readOnly];
  if (readOnlyEnv !== undefined && !['', 'true', 'false', '1', '0'].includes(readOnlyEnv)) {
    throw new UsageError(`Invalid ${names.readOnly}="${readOnlyEnv}": use true or false.`);
  }
  const gating: GatingOptions = { readOnly: values['read-only'] ?? (readOnlyEnv === 'true' || readOnlyEnv === '1') };
  if (values.services !== undefined && values.toolsets !== undefined) throw new UsageError('--services and --toolsets are the same; give one.');
  if (values.services !== undefined && command !== 'auth') throw new UsageError('--services is for `auth login`; serve with --toolsets.');
  if (values.local && command !== 'configure') throw new UsageError('--local is for `configure <client> --local`.');
  if (values.account !== undefined && command !== 'auth')
    throw new UsageError('--account is for `auth login|status|logout`; the server takes the account from its configuration.');
  const toolsets = list(values.toolsets ?? values.services, names.toolsets);
  const tools = list(values.tools, names.tools);
  const excludeTools = list(values['exclude-tools'], names.excludeTools);
  if (toolsets) gating.toolsets = toolsets;
  if (tools) gating.tools = tools;
  if (excludeTools) gating.excludeTools = excludeTools;

  const serverArgs: string[] = [];
  if (values['read-only']) serverArgs.push('--read-only');
  if (values.toolsets !== undefined && toolsets) serverArgs.push('--toolsets', toolsets.join(','));
  if (values.tools !== undefined && tools) serverArgs.push('--tools', tools.join(','));
  if (values['exclude-tools'] !== undefined && excludeTools) serverArgs.push('--exclude-tools', excludeTools.join(','));
  if (values['tool-separator'] !== undefined) serverArgs.push('--tool-separator', values['tool-separator']);
  if (values['log-level'] !== undefined) serverArgs.push('--log-level', values['log-level']);
  if (values['max-result-bytes'] !== undefined) serverArgs.push('--max-result-bytes', values['max-result-bytes']);
  if (values['poll-interval'] !== undefined) serverArgs.push('--poll-interval', values['poll-interval']);
  const pollInterval = seconds(values['poll-interval'] ?? env[names.pollInterval], 'poll interval');
  const allowedHosts = list(values['allowed-hosts'], HTTP_ENV.allowedHosts);
  const allowedOrigins = list(values['allowed-origins'], HTTP_ENV.allowedOrigins);
  for (const origin of allowedOrigins ?? []) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin.replace(/\/+$/, '')) {
      throw new UsageError(`Invalid allowed origin "${origin}": use scheme://host[:port], e.g. https://claude.ai.`);
    }
  }
  const configFile = values['config-file'];
  if (configFile !== undefined && configFile.trim() === '') throw new UsageError('--config-file needs a path.');
  const redirectPort = values['redirect-port'] === undefined ? undefined : integer(values['redirect-port'], 'redirect port', 0, 1, 65535);

  return {
    command,
    rest,
    gating,
    toolSeparator: choice(values['tool-separator'] ?? env[names.toolSeparator], ['_', '.'] as const, 'tool separator', '_'),
    logLevel: choice(values['log-level'] ?? env[names.logLevel], LOG_LEVELS, 'log level', 'info'),
    http: values.http ?? false,
    port: integer(values.port, 'port', 3000, 0, 65535),
    host: values.host ?? '127.0.0.1',
    ...(allowedHosts ? { allowedHosts } : {}),
    ...(allowedOrigins ? { allowedOrigins } : {}),
    maxBodyBytes: integer(values['max-body-bytes'] ?? env[HTTP_ENV.maxBodyBytes], 'max body bytes', 4 * 1024 * 1024, 1_024, 1024 * 1024 * 1024),
    maxResultBytes: integer(values['max-result-bytes'], 'max result bytes', 100_000, 1_000, 10_000_000),
    ...(pollInterval !== undefined ? { pollIntervalMs: pollInterval } : {}),
    json: values.json ?? false,
    dryRun: values['dry-run'] ?? false,
    ...(configFile !== undefined ? { configFile } : {}),
    local: values.local ?? false,
    serverArgs,
    noBrowser: values['no-browser'] ?? false,
    ...(redirectPort !== undefined ? { redirectPort } : {}),
    ...(values.account !== undefined ? { account: values.account.trim() } : {}),
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
