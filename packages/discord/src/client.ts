import {
  ConnectorError,
  type HttpClient,
  isConnectorError,
  parseRetryAfter,
  type ClientDeps,
  type ConfigValues,
  type ErrorInfo,
  type HttpMethod,
  type HttpRequest,
  type RateLimit,
  type ToolContext,
  type VendorResponse,
  toolFor,
} from '@connectors/contract';
import type { config } from './config.js';

/** Discord allows a request to be retried after a 429; we try at most twice and wait at most 10 s in all. */
export const MAX_RETRIES = 2;
export const MAX_RETRY_WAIT_MS = 10_000;

export const PORTAL_INTENTS = 'Discord Developer Portal → your app → Bot → Privileged Gateway Intents';

export interface SendOptions {
  query?: HttpRequest['query'];
  json?: unknown;
  /** Audit-log reason, shown in the server's audit log next to the change. */
  reason?: string;
  /** Safe to repeat: PUT/PATCH of full state, or a POST carrying an enforced nonce. */
  idempotent?: boolean;
  signal?: AbortSignal;
}

/** The Discord REST API as the tools see it: the shared HTTP client plus the default guild. */
export class DiscordApi {
  constructor(
    readonly http: HttpClient,
    readonly defaultGuildId: string | undefined,
  ) {}

  /** The guild a tool acts on: the argument, else DISCORD_GUILD_ID, else a clear invalid_input (no request is made). */
  guildId(explicit: string | undefined): string {
    const id = explicit ?? this.defaultGuildId;
    if (!id) {
      throw new ConnectorError('invalid_input', 'No server given: pass guild_id or set DISCORD_GUILD_ID.', {
        hint: 'Call discord_list_guilds to see the servers the bot is in, then pass one id as guild_id, or set DISCORD_GUILD_ID in the server config.',
      });
    }
    return id;
  }

  async get<T>(path: string, query?: HttpRequest['query'], signal?: AbortSignal): Promise<T> {
    const { data } = await this.http.request<T>({ path, query, signal });
    return data;
  }

  /** A GET that must answer a JSON array; anything else is a clear upstream_error, not a crash. */
  async list<T>(path: string, query?: HttpRequest['query'], signal?: AbortSignal): Promise<T[]> {
    const data = await this.get<unknown>(path, query, signal);
    if (!Array.isArray(data)) {
      throw new ConnectorError('upstream_error', `Discord answered ${path.split('?')[0]} with something other than a list.`, {
        hint: 'Check DISCORD_API_BASE_URL points at the Discord API (or a faithful proxy).',
      });
    }
    return data as T[];
  }

  async send<T>(method: HttpMethod, path: string, options: SendOptions = {}): Promise<T> {
    const { data } = await this.http.request<T>({
      method,
      path,
      query: options.query,
      json: options.json,
      signal: options.signal,
      ...(options.idempotent !== undefined ? { idempotent: options.idempotent } : {}),
      // Discord wants the reason URL-encoded so that non-ASCII text survives the header.
      headers: options.reason ? { 'x-audit-log-reason': encodeURIComponent(options.reason) } : undefined,
    });
    return data;
  }
}

/** Every tool of this connector is made with it: `ctx.client` is the DiscordApi, `ctx.config` Discord's variables. */
export const discordTool = toolFor<DiscordApi, typeof config>();
export type DiscordContext = ToolContext<DiscordApi, typeof config>;

export function createDiscordClient(values: ConfigValues<typeof config>, deps: ClientDeps): DiscordApi {
  // People often paste the header value itself; accept "Bot <token>" as well as the bare token.
  const token = (values.DISCORD_BOT_TOKEN ?? '').replace(/^Bot\s+/i, '');
  deps.addSecret(token);
  const http = deps.http({
    vendor: 'Discord',
    baseUrl: values.DISCORD_API_BASE_URL!,
    headers: () => ({ authorization: `Bot ${token}` }),
    userAgent: 'DiscordBot (https://github.com/connectors/connectors, 1) @connectors/discord',
    maxRetries: MAX_RETRIES,
    maxRetryWaitMs: MAX_RETRY_WAIT_MS,
    classifyError,
    parseRateLimit,
    retryAfterMs,
  });
  return new DiscordApi(http, values.DISCORD_GUILD_ID);
}

interface DiscordErrorBody {
  code?: number;
  message?: string;
  errors?: unknown;
  retry_after?: number;
  global?: boolean;
}

/** Discord codes whose meaning differs from what the HTTP status alone says, or that deserve a precise hint. */
const CODES: Record<number, Partial<ErrorInfo>> = {
  10003: { code: 'not_found', hint: 'Unknown channel: check channel_id (discord_list_channels lists them); the bot may also lack View Channel there.' },
  10004: { code: 'not_found', hint: 'Unknown server: the bot is not in this guild or the id is wrong; discord_list_guilds lists the servers it is in.' },
  10007: { code: 'not_found', hint: 'That user is not a member of this server.' },
  10008: { code: 'not_found', hint: 'Unknown message: check message_id and that it is in this channel.' },
  10011: { code: 'not_found', hint: 'Unknown role: discord_list_roles lists the roles of the server.' },
  10014: {
    code: 'invalid_input',
    hint: 'Use the emoji character itself (e.g. 👍) or name:id for a custom emoji of a server the bot is in.',
  },
  10015: { code: 'not_found', hint: 'Unknown webhook: discord_list_webhooks lists them.' },
  50001: {
    code: 'forbidden',
    hint: 'Missing Access: the bot cannot see this server or channel. Invite it to the server and give its role View Channel (and Read Message History for messages) there.',
  },
  50013: {
    code: 'forbidden',
    hint: "Missing Permissions: give the bot's role the permission this action needs (Manage Channels, Manage Roles, Manage Webhooks, Send Messages, Add Reactions, Create Threads…) in Server Settings → Roles, and keep the bot's role above any role it edits.",
  },
  50035: { code: 'invalid_input', hint: 'Fix the fields named in the message and call again.' },
  160004: { code: 'conflict', hint: 'This message already has a thread; use that thread instead.' },
};

function classifyError(response: VendorResponse): Partial<ErrorInfo> | undefined {
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as DiscordErrorBody;
  if (response.status === 429) return classifyRateLimit(response, body);
  if (response.status === 401) {
    // Discord's 401 body says only "401: Unauthorized"; a fixed message also cannot echo anything sent back.
    return {
      code: 'unauthorized',
      message: 'Unauthorized: the bot token was refused.',
      ...vendorCode(body.code),
      hint: 'DISCORD_BOT_TOKEN was refused. Use the token from Developer Portal → your app → Bot (not the client secret or public key); reset it there if it leaked.',
    };
  }
  if (typeof body.code !== 'number' || typeof body.message !== 'string') return undefined;
  const fieldErrors = flattenFieldErrors(body.errors);
  const known = CODES[body.code] ?? {};
  return {
    ...known,
    message: fieldErrors.length ? `${body.message}: ${fieldErrors.join('; ')}` : body.message,
    ...vendorCode(body.code),
  };
}

/** Discord's code 0 means "general error": not worth passing on as a vendor code. */
function vendorCode(code: number | undefined): { vendorCode?: string } {
  return typeof code === 'number' && code !== 0 ? { vendorCode: String(code) } : {};
}

function classifyRateLimit(response: VendorResponse, body: DiscordErrorBody): Partial<ErrorInfo> {
  if (typeof response.body !== 'object' || response.body === null) {
    // Discord's edge answers without JSON when it blocks an IP, usually after many invalid (401/403/429) requests.
    return {
      code: 'rate_limited',
      message: 'Too many requests; Discord (Cloudflare) is temporarily blocking this address.',
      hint: 'Stop retrying for a while (bans usually last about an hour) and fix calls that keep failing with 401, 403 or 429.',
    };
  }
  const scope = response.headers.get('x-ratelimit-scope') ?? undefined;
  const global = body.global === true || response.headers.get('x-ratelimit-global') === 'true' || scope === 'global';
  const kind = global ? 'global rate limit' : scope === 'shared' ? 'shared per-resource rate limit' : 'per-route rate limit';
  return {
    code: 'rate_limited',
    message: `${body.message ?? 'You are being rate limited.'} (${kind})`,
    ...vendorCode(body.code),
    hint: global
      ? 'The bot hit the global limit (about 50 requests per second across all routes); slow down every call and wait retryAfterMs.'
      : 'Wait retryAfterMs before calling this again; other tools are not affected.',
  };
}

/** `errors: { embeds: { 0: { title: { _errors: [{ message }] } } } }` → `embeds.0.title: message`. */
export function flattenFieldErrors(errors: unknown, path: string[] = [], out: string[] = []): string[] {
  if (!errors || typeof errors !== 'object' || out.length >= 10) return out;
  for (const [key, value] of Object.entries(errors as Record<string, unknown>)) {
    if (key === '_errors' && Array.isArray(value)) {
      for (const item of value) {
        const message = (item as { message?: unknown })?.message;
        if (typeof message === 'string' && out.length < 10) out.push(path.length ? `${path.join('.')}: ${message}` : message);
      }
    } else {
      flattenFieldErrors(value, [...path, key], out);
    }
  }
  return out;
}

/** Discord's own retry_after (seconds, float, in the body) is the most precise; then Retry-After, then X-RateLimit-Reset-After. */
function retryAfterMs(response: VendorResponse): number | undefined {
  const body = response.body as DiscordErrorBody | undefined;
  if (body && typeof body === 'object' && typeof body.retry_after === 'number' && Number.isFinite(body.retry_after)) {
    return Math.max(0, Math.ceil(body.retry_after * 1000));
  }
  return parseRetryAfter(response.headers.get('retry-after')) ?? parseRetryAfter(response.headers.get('x-ratelimit-reset-after'));
}

function parseRateLimit(response: VendorResponse): RateLimit | undefined {
  const limit = response.headers.get('x-ratelimit-limit');
  const remaining = response.headers.get('x-ratelimit-remaining');
  const reset = response.headers.get('x-ratelimit-reset');
  if (limit === null && remaining === null && reset === null) return undefined;
  const rateLimit: RateLimit = {};
  if (limit !== null && Number.isFinite(Number(limit))) rateLimit.limit = Number(limit);
  if (remaining !== null && Number.isFinite(Number(remaining))) rateLimit.remaining = Number(remaining);
  // X-RateLimit-Reset is epoch seconds with a fraction.
  if (reset !== null && Number.isFinite(Number(reset))) rateLimit.resetAt = new Date(Math.round(Number(reset) * 1000)).toISOString();
  return rateLimit;
}

/** Re-throws a failure with a better hint when it matches, e.g. a 403 that a privileged intent explains. */
export function withHint(thrown: unknown, matches: (error: ConnectorError) => boolean, hint: (error: ConnectorError) => string): never {
  if (!isConnectorError(thrown) || !matches(thrown)) throw thrown;
  throw new ConnectorError(thrown.code, thrown.message, {
    retryable: thrown.retryable,
    ...(thrown.retryAfterMs !== undefined ? { retryAfterMs: thrown.retryAfterMs } : {}),
    ...(thrown.vendorCode !== undefined ? { vendorCode: thrown.vendorCode } : {}),
    ...(thrown.status !== undefined ? { status: thrown.status } : {}),
    hint: hint(thrown),
    cause: thrown,
  });
}
