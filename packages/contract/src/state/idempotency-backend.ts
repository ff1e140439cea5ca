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
 * is noticed by its modification time and re-read between bursts of writes; two processes writing
 * at the same moment can still overwrite each other's records (replicas need Redis).
 *
 * Changes are made in memory one at a time and written by group commit: every change waits for a
 * write of the file that includes it, and one write covers every change made while the previous
 * write was under way. Many concurrent writes then cost a few file writes, not one each in a queue.
 */
export class FileIdempotencyBackend<T = unknown> implements IdempotencyBackend<T> {
  private records = new Map<string, IdempotencyRecord<T>>();
  private seen: string | undefined;
  private refreshing: Promise<void> | undefined;
  /** The file write under way, and the next one, which takes every change made since it began. */
  private writing: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  /** Moves on every change here and every write: a read of the file that began before is stale. */
  private generation = 0;

  constructor(
    readonly path: string,
    private readonly maxEntries = 1000,
  ) {}

  async get(id: string) {
    await this.refresh();
    return this.records.get(id);
  }

  async set(id: string, record: IdempotencyRecord<T>) {
    await this.refresh();
    const before = this.records.get(id);
    this.change(id, record);
    await this.persist().catch((error: unknown) => {
      // Not written: what the store says must not differ from the file (a retry would wait on it).
      if (this.records.get(id) === record) this.change(id, before);
      throw error;
    });
  }

  /** Atomic within this process (the check and the change run with no await between them); two processes on one file can still race (replicas need Redis). */
  async claim(id: string, record: IdempotencyRecord<T>) {
    await this.refresh();
    const live = this.records.get(id);
    if (live && live.expiresAt > Date.now()) return false;
    this.change(id, record);
    await this.persist().catch((error: unknown) => {
      // An unwritten claim would make the retry the error invites wait for a write that never began.
      if (this.records.get(id) === record) this.change(id, live);
      throw error;
    });
    return true;
  }

  async delete(id: string) {
    await this.refresh();
    if (!this.records.has(id)) return;
    this.change(id, undefined);
    await this.persist();
  }

  private change(id: string, record: IdempotencyRecord<T> | undefined): void {
    this.generation++;
    this.records.delete(id);
    if (record) this.records.set(id, record);
  }

  /** Re-reads the file if another process changed it; calls arriving meanwhile share the one check. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.load().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** A write of the file that includes every change made so far. */
  private persist(): Promise<void> {
    this.queued ??= (async () => {
      await this.writing?.catch(() => undefined);
      // From here on, a change waits for the write after this one.
      this.queued = undefined;
      const write = this.save();
      this.writing = write;
      try {
        await write;
      } finally {
        if (this.writing === write) this.writing = undefined;
      }
    })();
    return this.queued;
  }

  private async load(): Promise<void> {
    // Our own changes not yet on disk are newer than the file: never read over them.
    const ours = () => this.writing !== undefined || this.queued !== undefined;
    if (ours()) return;
    const generation = this.generation;
    let version: string | undefined;
    try {
      const info = await stat(this.path);
      version = `${info.mtimeMs}:${info.size}`;
    } catch {
      version = undefined;
    }
    if (version === this.seen) return;
    const records = new Map<string, IdempotencyRecord<T>>();
    if (version !== undefined) {
      try {
        const parsed = JSON.parse(await readFile(this.path, 'utf8')) as { records?: Record<string, IdempotencyRecord<T>> };
        for (const [id, record] of Object.entries(parsed.records ?? {})) if (isRecord(record)) records.set(id, record);
      } catch {
        // A damaged file is started over rather than failing every write.
      }
    }
    // A change or a write made here while the file was read is newer: keep it; the next check reads again.
    if (ours() || generation !== this.generation) return;
    this.seen = version;
    this.records = records;
  }

  private async save(): Promise<void> {
    evict(this.records, this.maxEntries, Date.now());
    await writeFileAtomic(this.path, JSON.stringify({ version: 1, records: Object.fromEntries(this.records) }), { mode: 0o600, dirMode: 0o700 });
    const info = await stat(this.path);
    this.seen = `${info.mtimeMs}:${info.size}`;
    this.generation++;
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
