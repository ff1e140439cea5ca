import { createHash } from 'node:crypto';
import { ConnectorError } from './errors.js';

interface Entry<T> {
  fingerprint: string;
  result: Promise<T>;
  expiresAt: number;
}

/**
 * Remembers write results by idempotency key for this server process: a repeat with the same
 * input replays the first result (also while it is still in flight), a repeat with different
 * input is `idempotency_conflict`, and a failed write is forgotten so it can be retried.
 */
export class IdempotencyStore<T> {
  private entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs = 24 * 60 * 60 * 1000,
    private readonly maxEntries = 1000,
  ) {}

  async run(scope: string, key: string, input: unknown, write: () => Promise<T>): Promise<{ result: T; replayed: boolean }> {
    const id = `${scope}\u0000${key}`;
    const fingerprint = createHash('sha256').update(stableJson(input)).digest('hex');
    const now = Date.now();
    const existing = this.entries.get(id);
    if (existing && existing.expiresAt > now) {
      if (existing.fingerprint !== fingerprint) {
        throw new ConnectorError('idempotency_conflict', `idempotencyKey "${key}" was already used with different input.`, {
          hint: 'Use a new idempotencyKey for a different write, or repeat the original input to get its result.',
        });
      }
      return { result: await existing.result, replayed: true };
    }
    const result = write();
    this.entries.set(id, { fingerprint, result, expiresAt: now + this.ttlMs });
    this.evict(now);
    try {
      return { result: await result, replayed: false };
    } catch (error) {
      this.entries.delete(id);
      throw error;
    }
  }

  private evict(now: number): void {
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && entry.expiresAt > now) break;
      this.entries.delete(id);
    }
  }
}

export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
