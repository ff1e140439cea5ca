// Shared state for replicas: when CONNECTORS_STATE_URL is a redis:// URL, idempotency records live in
// Redis, so every replica behind a load balancer replays the others' writes. The client library
// (ioredis) is an optional peer dependency, loaded only here and only when a URL is given.
import { createHash } from 'node:crypto';
import type { IdempotencyBackend, IdempotencyRecord } from './idempotency-backend.js';
import type { TokenStorage } from './token-storage.js';
import { accountKey } from '../core/paths.js';
import type { Logger } from '../core/logger.js';

/** The commands used, as ioredis declares them. */
export interface RedisCommands {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
  set(key: string, value: string, px: 'PX', ms: number): Promise<unknown>;
  set(key: string, value: string, px: 'PX', ms: number, nx: 'NX'): Promise<'OK' | null>;
  del(key: string): Promise<number>;
  ping(): Promise<string>;
  quit(): Promise<unknown>;
  config(op: 'GET', name: string): Promise<unknown>;
  info(section: string): Promise<string>;
}

export const STATE_URL_ENV = 'CONNECTORS_STATE_URL';
/** Set to 1 to use a Redis whose data does not survive a restart (idempotency then does not either). */
export const ALLOW_VOLATILE_ENV = 'CONNECTORS_STATE_ALLOW_VOLATILE';

/**
 * Why this Redis would lose idempotency records in a restart (and a repeated write would then be
 * made twice), or undefined when it keeps them: the append-only file, synced every second or on
 * every write. Managed Redis that refuses CONFIG is read through INFO persistence.
 */
export async function redisDurabilityProblem(redis: Pick<RedisCommands, 'config' | 'info'>): Promise<string | undefined> {
  const fix = `Run Redis with \`appendonly yes\` and \`appendfsync everysec\` (or \`always\`), or set ${ALLOW_VOLATILE_ENV}=1 to accept that a restart of Redis can make a repeated write happen twice.`;
  let appendonly: string | undefined;
  let appendfsync: string | undefined;
  try {
    appendonly = configValue(await redis.config('GET', 'appendonly'));
    appendfsync = configValue(await redis.config('GET', 'appendfsync'));
  } catch {
    // CONFIG is often disabled on managed Redis; INFO still says whether the append-only file is on.
    const info = await redis.info('persistence');
    appendonly = /^aof_enabled:1\s*$/m.test(info) ? 'yes' : /^aof_enabled:0\s*$/m.test(info) ? 'no' : undefined;
  }
  if (appendonly === undefined) return `Could not tell whether the Redis in ${STATE_URL_ENV} keeps its data across a restart. ${fix}`;
  if (appendonly !== 'yes')
    return `The Redis in ${STATE_URL_ENV} runs without its append-only file (appendonly ${appendonly}): a restart loses idempotency records. ${fix}`;
  if (appendfsync === 'no')
    return `The Redis in ${STATE_URL_ENV} leaves syncing its append-only file to the system (appendfsync no): a crash can lose recent idempotency records. ${fix}`;
  return undefined;
}

/** `CONFIG GET name` answers [name, value] (RESP2) or { name: value } (RESP3). */
function configValue(reply: unknown): string | undefined {
  if (Array.isArray(reply)) return typeof reply[1] === 'string' ? reply[1] : undefined;
  if (reply && typeof reply === 'object') {
    const value = Object.values(reply)[0];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/** Connects to the Redis at `url` (redis:// or rediss://), failing at start rather than on the first write. */
export async function connectRedis(url: string, log: Logger): Promise<RedisCommands> {
  if (!/^rediss?:\/\//i.test(url) || !URL.canParse(url)) {
    throw new Error(`${STATE_URL_ENV} must be a redis:// or rediss:// URL (e.g. redis://redis.internal:6379/0).`);
  }
  let Redis: new (
    url: string,
    options: Record<string, unknown>,
  ) => RedisCommands & { connect(): Promise<void>; on(event: 'error', fn: (e: Error) => void): void };
  try {
    const mod = (await import('ioredis')) as unknown as { default: typeof Redis };
    Redis = mod.default;
  } catch {
    throw new Error(
      `${STATE_URL_ENV} names a Redis server, but the ioredis package is not installed beside this connector: run \`npm install ioredis@5\` where it is installed.`,
    );
  }
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5_000,
    // A call waits at most a couple of retries for Redis, then fails with an error instead of hanging.
    maxRetriesPerRequest: 2,
  });
  let lastError = '';
  client.on('error', (error: Error) => {
    if (error.message !== lastError) log.warn(`Redis: ${error.message}`);
    lastError = error.message;
  });
  try {
    await client.connect();
  } catch (error) {
    await client.quit().catch(() => undefined);
    throw new Error(`Could not connect to the Redis in ${STATE_URL_ENV} (${(error as Error).message}).`);
  }
  return client;
}

/** Idempotency records in Redis, one key each, expiring with the record; `claim` is SET NX. */
export class RedisIdempotencyBackend<T = unknown> implements IdempotencyBackend<T> {
  constructor(
    private readonly redis: RedisCommands,
    /** Separates connectors (and deployments) sharing one Redis. */
    private readonly prefix: string,
  ) {}

  async get(id: string): Promise<IdempotencyRecord<T> | undefined> {
    const text = await this.redis.get(this.key(id));
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as IdempotencyRecord<T>;
    } catch {
      return undefined;
    }
  }

  async set(id: string, record: IdempotencyRecord<T>): Promise<void> {
    await this.redis.set(this.key(id), JSON.stringify(record), 'PX', ttl(record));
  }

  async claim(id: string, record: IdempotencyRecord<T>): Promise<boolean> {
    return (await this.redis.set(this.key(id), JSON.stringify(record), 'PX', ttl(record), 'NX')) === 'OK';
  }

  async delete(id: string): Promise<void> {
    await this.redis.del(this.key(id));
  }

  /** Ids hold the tool, an account fingerprint and the caller's key: hashed, they make short, safe key names. */
  private key(id: string): string {
    return `${this.prefix}${createHash('sha256').update(id).digest('hex')}`;
  }
}

/** One connector's OAuth tokens under one Redis key: a login made once serves every replica. */
export class RedisTokenStorage implements TokenStorage {
  readonly location: string;

  constructor(
    private readonly redis: RedisCommands,
    private readonly key: string,
    private readonly stateUrl: string,
  ) {
    // Host and database only: the URL's password stays out of every message.
    const url = new URL(stateUrl);
    this.location = `Redis ${url.host}${url.pathname && url.pathname !== '/' ? url.pathname : ''}, key ${key}`;
  }

  async read(): Promise<string | undefined> {
    return (await this.redis.get(this.key)) ?? undefined;
  }

  async write(text: string): Promise<void> {
    await this.redis.set(this.key, text);
  }

  async remove(): Promise<void> {
    await this.redis.del(this.key);
  }

  /** `<key>:account:<account>`. */
  forAccount(account: string): RedisTokenStorage {
    return new RedisTokenStorage(this.redis, `${this.key}:account:${accountKey(account)}`, this.stateUrl);
  }
}

function ttl(record: IdempotencyRecord<unknown>): number {
  return Math.max(1, Math.round(record.expiresAt - Date.now()));
}
