// @connectors/contract/state: where idempotency records and OAuth tokens live: in memory, in files
// under the state directory, or in Redis shared by replicas.
export type { IdempotencyBackend, IdempotencyRecord } from './state/idempotency-backend.js';
export { FileIdempotencyBackend, MemoryIdempotencyBackend } from './state/idempotency-backend.js';
export type { RedisCommands } from './state/redis.js';
export { connectRedis, RedisIdempotencyBackend, RedisTokenStorage } from './state/redis.js';
export type { TokenStorage } from './state/token-storage.js';
export { FileTokenStorage } from './state/token-storage.js';
