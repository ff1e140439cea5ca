// Change detection for subscribed resources, by polling: one poller per distinct URI, shared by
// every subscriber, started by the first subscription and stopped when the last one leaves. A
// poll reads the resource the way resources/read does (or the cheaper read it declares to watch
// instead); when its data differs from the last read
// (a hash of the envelope's data and nextCursor), every subscriber hears `updated`. Nothing is
// read for a URI nobody subscribes to.
import { createHash } from 'node:crypto';
import type { Logger } from '../core/logger.js';
import type { ResourceRead } from './types.js';

export interface WatcherHost {
  /** A read of the resource, or of what signals its changes (ConnectorRuntime.pollResource). */
  pollResource(uri: string): Promise<ResourceRead>;
  /** Whether an enabled resource has this URI. */
  hasResource(uri: string): boolean;
  readonly log: Logger;
}

export interface WatcherOptions {
  /** Time between two reads of one resource, in ms: the vendor's minimum. */
  intervalMs: number;
  /** Longest wait after repeated failures (default 10 minutes). */
  maxBackoffMs?: number;
}

type Listener = (uri: string) => void;

interface Watch {
  listeners: Map<string, Listener>;
  timer?: NodeJS.Timeout;
  /** The data's hash at the last successful read; undefined before the first. */
  fingerprint?: string;
  failures: number;
}

export class ResourceWatcher {
  private readonly watches = new Map<string, Watch>();
  private readonly maxBackoffMs: number;
  private closed = false;

  constructor(
    private readonly host: WatcherHost,
    private readonly options: WatcherOptions,
  ) {
    this.maxBackoffMs = options.maxBackoffMs ?? 600_000;
  }

  /** Time between two reads of one resource, in ms. */
  get intervalMs(): number {
    return this.options.intervalMs;
  }

  /** `subscriber` (a connection, a listen request) hears `onUpdated(uri)` on each change. */
  subscribe(uri: string, subscriber: string, onUpdated: Listener): void {
    if (this.closed) return;
    let watch = this.watches.get(uri);
    if (!watch) {
      watch = { listeners: new Map(), failures: 0 };
      this.watches.set(uri, watch);
      this.host.log.debug(`watching ${uri}`);
      // The first read is the baseline: the first change after it is the first notification.
      void this.poll(uri, watch);
    }
    watch.listeners.set(subscriber, onUpdated);
  }

  /** Each of `uris` that is an enabled resource (a listen request may name others: they are not polled). */
  subscribeAll(uris: readonly string[], subscriber: string, onUpdated: Listener): void {
    for (const uri of uris) if (this.host.hasResource(uri)) this.subscribe(uri, subscriber, onUpdated);
  }

  unsubscribe(uri: string, subscriber: string): void {
    const watch = this.watches.get(uri);
    if (!watch) return;
    watch.listeners.delete(subscriber);
    if (watch.listeners.size === 0) this.stop(uri, watch);
  }

  /** Everything `subscriber` subscribed to (its listen request cancelled, its connection gone). */
  unsubscribeAll(subscriber: string): void {
    for (const uri of [...this.watches.keys()]) this.unsubscribe(uri, subscriber);
  }

  /** The URIs being polled now. */
  get watched(): string[] {
    return [...this.watches.keys()];
  }

  close(): void {
    this.closed = true;
    for (const [uri, watch] of this.watches) this.stop(uri, watch);
  }

  private stop(uri: string, watch: Watch): void {
    clearTimeout(watch.timer);
    this.watches.delete(uri);
    this.host.log.debug(`stopped watching ${uri}`);
  }

  private async poll(uri: string, watch: Watch): Promise<void> {
    let delay = this.options.intervalMs;
    try {
      const read = await this.host.pollResource(uri);
      if (read.ok) {
        const fingerprint = fingerprintOf(read.text);
        if (watch.fingerprint !== undefined && fingerprint !== watch.fingerprint) {
          for (const listener of [...watch.listeners.values()]) safely(() => listener(uri));
        }
        watch.fingerprint = fingerprint;
        watch.failures = 0;
      } else {
        watch.failures += 1;
        // A vendor asking to slow down is waited for; other failures back off, doubling.
        const backoff = Math.min(this.maxBackoffMs, this.options.intervalMs * 2 ** Math.min(watch.failures, 16));
        delay = Math.max(backoff, read.error.retryAfterMs ?? 0);
        if (watch.failures === 1 || read.error.code === 'rate_limited')
          this.host.log.warn(`polling ${uri}: ${read.error.code}: ${read.error.message} (next read in ${Math.round(delay / 1000)} s)`);
      }
    } catch (error) {
      watch.failures += 1;
      delay = Math.min(this.maxBackoffMs, this.options.intervalMs * 2 ** Math.min(watch.failures, 16));
      this.host.log.warn(`polling ${uri} failed: ${(error as Error).message}`);
    }
    // Unsubscribed (or closed) while reading: this watch is gone, schedule nothing.
    if (this.watches.get(uri) !== watch) return;
    watch.timer = setTimeout(() => void this.poll(uri, watch), delay);
    watch.timer.unref();
  }
}

/** What a read says about the resource: its data and next page, not the per-call meta. */
function fingerprintOf(text: string): string {
  const envelope = JSON.parse(text) as { data?: unknown; nextCursor?: unknown };
  return createHash('sha256')
    .update(JSON.stringify([envelope.data, envelope.nextCursor ?? null]))
    .digest('hex');
}

function safely(run: () => void): void {
  try {
    run();
  } catch {
    // A subscriber that fails to hear one change must not stop the others.
  }
}
