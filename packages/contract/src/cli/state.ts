import type { ConnectorDefinition } from '../definition/connector.js';
import { FileIdempotencyBackend, type IdempotencyBackend } from '../state/idempotency-backend.js';
import { createLogger, type LogLevel } from '../core/logger.js';
import { idempotencyFilePath } from '../core/paths.js';
import type { TokenStorage } from '../state/token-storage.js';
import { Redactor } from '../core/redact.js';
import { ALLOW_VOLATILE_ENV, connectRedis, RedisIdempotencyBackend, RedisTokenStorage, redisDurabilityProblem, STATE_URL_ENV } from '../state/redis.js';
import { UsageError } from './options.js';

/** Where the CLI keeps what outlives one process: files on this machine, or Redis for replicas. */
export interface CliState {
  idempotency: IdempotencyBackend;
  /** Set only with Redis; otherwise the OAuth login stays in its file. */
  oauthStorage?: TokenStorage;
  /** Why the state store cannot serve (readiness), or undefined. */
  notReady(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Files by default; with CONNECTORS_STATE_URL, one Redis that every replica (and `auth login`) shares. */
export async function openCliState(connector: ConnectorDefinition, env: NodeJS.ProcessEnv, logLevel: LogLevel, err: (text: string) => void): Promise<CliState> {
  const url = env[STATE_URL_ENV]?.trim() || undefined;
  if (!url) {
    return { idempotency: new FileIdempotencyBackend(idempotencyFilePath(connector.id, env)), notReady: async () => undefined, close: async () => {} };
  }
  // The URL may hold a password: nothing printed about Redis shows it.
  const redactor = new Redactor();
  if (URL.canParse(url)) redactor.add(decodeURIComponent(new URL(url).password) || undefined);
  const log = createLogger(logLevel, redactor, err);
  const redis = await connectRedis(url, log).catch((error: Error) => {
    throw new UsageError(error.message);
  });
  // Idempotency is only as durable as the store: refuse one that forgets on restart, unless told to accept it.
  const allowVolatile = env[ALLOW_VOLATILE_ENV] === '1';
  const durability = () => redisDurabilityProblem(redis).catch((error: Error) => `Could not read the Redis persistence settings (${error.message}).`);
  const problem = await durability();
  if (problem && !allowVolatile) {
    await redis.quit().catch(() => undefined);
    throw new UsageError(problem);
  }
  if (problem) log.warn(problem);
  return {
    idempotency: new RedisIdempotencyBackend(redis, `connectors:${connector.id}:idempotency:`),
    ...(connector.oauth ? { oauthStorage: new RedisTokenStorage(redis, `connectors:${connector.id}:oauth`, url) } : {}),
    notReady: async () => {
      const answers = await redis.ping().then(
        () => true,
        () => false,
      );
      if (!answers) return `The Redis in ${STATE_URL_ENV} does not answer.`;
      // A Redis restarted (or reconfigured) without persistence is not ready either.
      return allowVolatile ? undefined : durability();
    },
    close: () =>
      redis.quit().then(
        () => undefined,
        () => undefined,
      ),
  };
}
