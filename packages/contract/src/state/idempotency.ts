import { createHash } from 'node:crypto';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { currentCallScope } from '../core/call-scope.js';
import { ConnectorError, isConnectorError } from '../core/errors.js';
import { stableJson } from '../core/stable-json.js';
import type { IdempotencyBackend, IdempotencyRecord } from './idempotency-backend.js';

export interface IdempotentWrite<T> {
  /** Performs the write. */
  write: () => Promise<T>;
  /**
   * Looks for the effect of an earlier attempt whose outcome was unknown: its result when the write
   * happened, undefined when it did not. Supplied by the tool (`recover`).
   */
  recover?: () => Promise<T | undefined>;
  /** The vendor deduplicates by the key itself (e.g. Discord's enforced nonce): repeating is safe. */
  native?: boolean;
  /** Read tools that show whether the write happened, named in the error when nothing else can tell. */
  checkWith?: string[];
}

/**
 * Write results by idempotency key, kept in a backend that outlives the process (a file under the
 * user's state dir by default; Redis for replicas). A repeat with the same input replays the first
 * result (also while it is still in flight here), a repeat with different input is
 * `idempotency_conflict`, a write that failed for sure is forgotten so it can be retried, and a
 * write whose outcome is unknown is remembered as such: a repeat never writes blindly.
 */
export class IdempotencyStore<T> {
  private readonly inFlight = new Map<string, { fingerprint: string; result: Promise<T> }>();
  /**
   * Writes made here whose "done" record the backend did not take (Redis restarting): answered
   * from here, and saved again in the background until the backend takes them.
   */
  private readonly unsaved = new Map<string, IdempotencyRecord<T>>();

  constructor(
    private readonly backend: IdempotencyBackend<T>,
    private readonly ttlMs = 24 * 60 * 60 * 1000,
    /** How long a write started elsewhere may still be running: a call's longest time, with margin. */
    private readonly pendingMs = 70_000,
  ) {}

  async run(
    scope: string,
    key: string,
    input: unknown,
    op: IdempotentWrite<T>,
  ): Promise<{ result: T; replayed: boolean; recovered?: boolean; unsaved?: boolean }> {
    const id = `${scope}\u0000${key}`;
    const fingerprint = createHash('sha256').update(stableJson(input)).digest('hex');
    const running = this.inFlight.get(id);
    if (running) {
      if (running.fingerprint !== fingerprint) throw conflict(key);
      return { result: await running.result, replayed: true };
    }
    const attempt = this.attempt(id, key, fingerprint, op);
    const result = attempt.then((outcome) => outcome.result);
    // Only duplicates await this; the caller gets the failure through `attempt`.
    result.catch(() => {});
    this.inFlight.set(id, { fingerprint, result });
    try {
      return await attempt;
    } finally {
      this.inFlight.delete(id);
    }
  }

  private async attempt(id: string, key: string, fingerprint: string, op: IdempotentWrite<T>) {
    const now = Date.now();
    const kept = this.unsaved.get(id);
    if (kept && kept.expiresAt > now) {
      if (kept.fingerprint !== fingerprint) throw conflict(key);
      return { result: kept.result as T, replayed: true };
    }
    const record: IdempotencyRecord<T> = { fingerprint, state: 'pending', startedAt: now, expiresAt: now + this.ttlMs };
    let existing = await beforeWrite(() => this.backend.get(id));
    if (!existing || existing.expiresAt <= now) {
      // Atomic: of two replicas starting this write at once, one writes and the other finds its record.
      if (await beforeWrite(() => this.backend.claim(id, record))) return this.write(id, record, op);
      existing = await beforeWrite(() => this.backend.get(id));
    }
    if (!existing) throw new ConnectorError('upstream_error', 'The idempotency store lost a record it had just refused to overwrite.', { retryable: true });
    if (existing.fingerprint !== fingerprint) throw conflict(key);
    if (existing.state === 'pending') existing = await this.whilePending(id, existing);
    if (existing.fingerprint !== fingerprint) throw conflict(key);
    if (existing.state === 'done') return { result: existing.result as T, replayed: true };
    // An earlier attempt may or may not have written (unknown outcome, or a process that died mid-write).
    if (op.recover) {
      const found = await op.recover();
      if (found !== undefined) {
        await this.backend.set(id, { fingerprint, state: 'done', result: found, expiresAt: existing.expiresAt });
        return { result: found, replayed: true, recovered: true };
      }
    } else if (!op.native) {
      throw unknownOutcome(key, op.checkWith);
    }
    await beforeWrite(() => this.backend.set(id, record));
    return this.write(id, record, op);
  }

  private async write(id: string, record: IdempotencyRecord<T>, op: IdempotentWrite<T>) {
    let result: T;
    try {
      result = await op.write();
    } catch (error) {
      // Best effort: the vendor's error is the answer even when the store cannot be updated.
      const update = isConnectorError(error) && error.outcomeUnknown ? this.backend.set(id, { ...record, state: 'unknown' }) : this.backend.delete(id);
      await update.catch(() => undefined);
      throw error;
    }
    const done: IdempotencyRecord<T> = { fingerprint: record.fingerprint, state: 'done', result, expiresAt: record.expiresAt };
    try {
      await this.backend.set(id, done);
      return { result, replayed: false };
    } catch {
      // The write happened: answer it, and say that another replica cannot recognise a repeat yet.
      this.unsaved.set(id, done);
      // Bounded: a store down for long keeps the latest results only (a repeat of an older one then
      // finds its pending record, and answers idempotency_conflict rather than writing again).
      for (const old of this.unsaved.keys()) {
        if (this.unsaved.size <= MAX_UNSAVED) break;
        this.unsaved.delete(old);
      }
      this.saveLater(id, done);
      return { result, replayed: false, unsaved: true };
    }
  }

  /** Tries again to store a "done" record, every few seconds until the backend takes it or it expires. */
  private saveLater(id: string, done: IdempotencyRecord<T>, delayMs = 1_000): void {
    const timer = setTimeout(() => {
      if (this.unsaved.get(id) !== done) return;
      this.backend.set(id, done).then(
        () => this.unsaved.delete(id),
        () => {
          if (done.expiresAt > Date.now()) this.saveLater(id, done, Math.min(delayMs * 2, 30_000));
          else this.unsaved.delete(id);
        },
      );
    }, delayMs);
    // Retrying a save must not keep a finished process alive.
    timer.unref();
  }

  /**
   * Another process (a replica, or this one before a restart) started this write. While it may
   * still be running, wait for its answer, within this call's deadline; one that stays pending past
   * `pendingMs` was abandoned, and counts as an unknown outcome.
   */
  private async whilePending(id: string, record: IdempotencyRecord<T>): Promise<IdempotencyRecord<T>> {
    // Stop waiting early enough to answer: a call that waited out its deadline would say only `timeout`.
    const callDeadline = (currentCallScope()?.deadline ?? Infinity) - ANSWER_MARGIN_MS;
    const deadline = Math.min((record.startedAt ?? 0) + this.pendingMs, callDeadline);
    let current: IdempotencyRecord<T> | undefined = record;
    while (current?.state === 'pending' && Date.now() < deadline && !currentCallScope()?.signal.aborted) {
      await sleep(Math.min(100, deadline - Date.now()), currentCallScope()?.signal);
      current = await this.backend.get(id);
    }
    if (!current) return { ...record, state: 'unknown' };
    return current.state === 'pending' ? { ...current, state: 'unknown' } : current;
  }
}

/** Results kept here while the store does not take them. */
const MAX_UNSAVED = 1_000;

/** Time kept back from the call's deadline for answering after a wait on another process's write. */
const ANSWER_MARGIN_MS = 1_500;

/** A store that does not answer before the write stops the call: nothing has been sent yet. */
async function beforeWrite<R>(step: () => Promise<R>): Promise<R> {
  try {
    return await step();
  } catch (error) {
    if (isConnectorError(error)) throw error;
    throw new ConnectorError(
      'upstream_unavailable',
      'The idempotency store (CONNECTORS_STATE_URL or the state file) did not answer; nothing was sent to the vendor.',
      {
        hint: 'Try again shortly; check the state store if it keeps failing.',
      },
    );
  }
}

function conflict(key: string): ConnectorError {
  return new ConnectorError('idempotency_conflict', `idempotencyKey "${key}" was already used with different input.`, {
    hint: 'Use a new idempotencyKey for a different write, or repeat the original input to get its result.',
  });
}

function unknownOutcome(key: string, checkWith: string[] | undefined): ConnectorError {
  const check = checkWith?.length ? `Check with ${checkWith.join(' or ')}` : 'Check with a read tool';
  return new ConnectorError('idempotency_conflict', `An earlier call with idempotencyKey "${key}" may have written already: its outcome was unknown.`, {
    hint: `${check} whether it happened; if it did not, call again with a new idempotencyKey.`,
  });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return sleepFor(Math.max(0, ms), undefined, signal ? { signal } : {}).catch(() => undefined);
}
