import type { ConnectorDefinition } from '../definition/connector.js';
import { FileIdempotencyBackend, type IdempotencyBackend } from '../state/idempotency-backend.js';
import { createLogger, type LogLevel } from '../core/logger.js';
import { idempotencyFilePath } from '../core/paths.js';
import type { TokenStorage } from '../state/token-storage.js';
import { Redactor } from '../core/redact.js';
import { connectRedis, RedisIdempotencyBackend, RedisTokenStorage, STATE_URL_ENV } from '../state/redis.js';
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
  const redis = await connectRedis(url, createLogger(logLevel, redactor, err)).catch((error: Error) => {
    throw new UsageError(error.message);
  });
  return {
    idempotency: new RedisIdempotencyBackend(redis, `connectors:${connector.id}:idempotency:`),
    ...(connector.oauth ? { oauthStorage: new RedisTokenStorage(redis, `connectors:${connector.id}:oauth`, url) } : {}),
    notReady: () =>
      redis.ping().then(
        () => undefined,
        () => `The Redis in ${STATE_URL_ENV} does not answer.`,
      ),
    close: () =>
      redis.quit().then(
        () => undefined,
        () => undefined,
      ),
  };
}
