import { readFile, stat } from 'node:fs/promises';
import { writeFileAtomic } from '../core/atomic-file.js';

export interface IdempotencyRecord<T = unknown> {
  /** sha256 of the write's input without the key. */
  fingerprint: string;
  /** `pending`: sent, not yet answered; `unknown`: failed after it may have been applied. */
  state: 'pending' | 'done' | 'unknown';
  result?: T;
  /** Epoch ms the write was started (pending records), so another process can tell one in flight from one abandoned. */
  startedAt?: number;
  /** Epoch ms. */
  expiresAt: number;
}

/** Where idempotency records live. The embedded file store is the default; Redis backs replicas. */
export interface IdempotencyBackend<T = unknown> {
  get(id: string): Promise<IdempotencyRecord<T> | undefined>;
  set(id: string, record: IdempotencyRecord<T>): Promise<void>;
  /**
   * Stores the record only if there is no live one for `id`, atomically: of two replicas starting
   * the same write, one gets true and writes, the other reads what the first stored.
   */
  claim(id: string, record: IdempotencyRecord<T>): Promise<boolean>;
  delete(id: string): Promise<void>;
}

/** Records in this process only (tests, and servers composed by hand that want no disk state). */
export class MemoryIdempotencyBackend<T = unknown> implements IdempotencyBackend<T> {
  private readonly records = new Map<string, IdempotencyRecord<T>>();
  constructor(private readonly maxEntries = 1000) {}

  async get(id: string) {
    return this.records.get(id);
  }
  async set(id: string, record: IdempotencyRecord<T>) {
    this.records.delete(id);
    this.records.set(id, record);
    evict(this.records, this.maxEntries, Date.now());
  }
  async claim(id: string, record: IdempotencyRecord<T>) {
    const live = this.records.get(id);
    if (live && live.expiresAt > Date.now()) return false;
    await this.set(id, record);
    return true;
  }
  async delete(id: string) {
    this.records.delete(id);
  }
}

/**
 * Records in one JSON file (mode 0600, written atomically), so keys survive a restart. Expired
 * records are dropped and the oldest go beyond `maxEntries`. Another process writing the same file
 * is noticed by its modification time and re-read; replicas on several machines need Redis.
 */
export class FileIdempotencyBackend<T = unknown> implements IdempotencyBackend<T> {
  private records = new Map<string, IdempotencyRecord<T>>();
  private seen: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly maxEntries = 1000,
  ) {}

  get(id: string) {
    return this.serial(async () => {
      await this.load();
      return this.records.get(id);
    });
  }

  set(id: string, record: IdempotencyRecord<T>) {
    return this.serial(async () => {
      await this.load();
      this.records.delete(id);
      this.records.set(id, record);
      await this.save();
    });
  }

  /** Atomic within this process; two processes on one file can still race (replicas need Redis). */
  claim(id: string, record: IdempotencyRecord<T>) {
    return this.serial(async () => {
      await this.load();
      const live = this.records.get(id);
      if (live && live.expiresAt > Date.now()) return false;
      this.records.delete(id);
      this.records.set(id, record);
      await this.save();
      return true;
    });
  }

  delete(id: string) {
    return this.serial(async () => {
      await this.load();
      if (this.records.delete(id)) await this.save();
    });
  }

  private serial<R>(task: () => Promise<R>): Promise<R> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<void> {
    let version: string | undefined;
    try {
      const info = await stat(this.path);
      version = `${info.mtimeMs}:${info.size}`;
    } catch {
      version = undefined;
    }
    if (version === this.seen) return;
    this.seen = version;
    this.records = new Map();
    if (version === undefined) return;
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as { records?: Record<string, IdempotencyRecord<T>> };
      for (const [id, record] of Object.entries(parsed.records ?? {})) if (isRecord(record)) this.records.set(id, record);
    } catch {
      // A damaged file is started over rather than failing every write.
    }
  }

  private async save(): Promise<void> {
    evict(this.records, this.maxEntries, Date.now());
    await writeFileAtomic(this.path, JSON.stringify({ version: 1, records: Object.fromEntries(this.records) }), { mode: 0o600, dirMode: 0o700 });
    const info = await stat(this.path);
    this.seen = `${info.mtimeMs}:${info.size}`;
  }
}

function evict<T>(records: Map<string, IdempotencyRecord<T>>, maxEntries: number, now: number): void {
  for (const [id, record] of records) if (record.expiresAt <= now) records.delete(id);
  // Maps iterate in insertion order, and set() re-inserts: the first are the oldest.
  for (const id of records.keys()) {
    if (records.size <= maxEntries) break;
    records.delete(id);
  }
}

function isRecord(value: unknown): value is IdempotencyRecord {
  const r = value as IdempotencyRecord | undefined;
  return !!r && typeof r.fingerprint === 'string' && ['pending', 'done', 'unknown'].includes(r.state) && typeof r.expiresAt === 'number';
}
