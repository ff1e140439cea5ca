// Recovering a keyed write whose answer never came, without trusting Google's search too early.
// Gmail's and Drive's search indexes lag behind writes (seconds usually, more at times), so "search
// found nothing" right after a write does not mean the write did not happen. Drive files get an id
// chosen before the upload, looked up directly; where only search exists (Gmail's Message-ID
// lookup), a repeat inside a consistency window is refused rather than sent again.
import { ConnectorError, isConnectorError } from '@connectors/contract';

/** How long a search may lag behind a write before "not found" is believed. */
export const SEARCH_SETTLE_MS = 5 * 60_000;

/** What this process knows of one keyed write (by its fingerprint): when it was last tried, and the Drive id it was given. */
export interface Attempt {
  startedAt: number;
  fileId?: string;
}

/** Attempts are forgotten with the idempotency records they belong to (24 hours), and the oldest past this many. */
const KEPT_MS = 24 * 60 * 60 * 1000;
const MAX_ATTEMPTS = 1000;

/**
 * Per vendor client, so one configuration (account) never sees another's: the runtime builds one
 * client per configuration and keeps it for its lifetime.
 */
const attemptsByClient = new WeakMap<object, Map<string, Attempt>>();

function attempts(client: object): Map<string, Attempt> {
  let map = attemptsByClient.get(client);
  if (!map) attemptsByClient.set(client, (map = new Map()));
  return map;
}

export function attemptOf(client: object, fingerprint: string): Attempt | undefined {
  const attempt = attempts(client).get(fingerprint);
  return attempt && attempt.startedAt + KEPT_MS > Date.now() ? attempt : undefined;
}

function note(client: object, fingerprint: string, attempt: Attempt): void {
  const map = attempts(client);
  map.delete(fingerprint);
  map.set(fingerprint, attempt);
  const now = Date.now();
  for (const [key, value] of map) {
    if (map.size <= MAX_ATTEMPTS && value.startedAt + KEPT_MS > now) break;
    map.delete(key);
  }
}

/**
 * Runs a keyed write, remembering when it started (and its Drive id) for as long as its outcome
 * may be unknown: forgotten when it succeeds or fails for sure, kept when the answer was lost.
 */
export async function tracked<T>(client: object, fingerprint: string | undefined, attempt: Omit<Attempt, 'startedAt'>, write: () => Promise<T>): Promise<T> {
  if (!fingerprint) return write();
  note(client, fingerprint, { ...attempt, startedAt: Date.now() });
  try {
    const result = await write();
    attempts(client).delete(fingerprint);
    return result;
  } catch (error) {
    if (!(isConnectorError(error) && error.outcomeUnknown)) attempts(client).delete(fingerprint);
    throw error;
  }
}

/**
 * After a search for an earlier attempt found nothing: believe it only once the search has had
 * SEARCH_SETTLE_MS to catch up since that attempt; until then, answer `idempotency_conflict`.
 *
 * When the attempt was made. The contract stores the start of each keyed write in its idempotency
 * record, but a `recover` hook is not given that record, so the time comes from this process: the
 * handler notes it (`tracked`) right before the write goes out. An attempt made by another process
 * (a replica, or this server before a restart) is unknown here; for it, the window starts when this
 * process first meets the write, which is later than the attempt, so the wait is never too short.
 * (A time inside the Message-ID was considered: the repeat could read it only from a search hit,
 * which is exactly what is missing here.)
 */
export function assertSearchSettled(client: object, fingerprint: string, refusal: { key: string | undefined; what: string; check: string }): void {
  const now = Date.now();
  let attempt = attemptOf(client, fingerprint);
  if (!attempt) note(client, fingerprint, (attempt = { startedAt: now }));
  const settledAt = attempt.startedAt + SEARCH_SETTLE_MS;
  if (now >= settledAt) return;
  throw new ConnectorError(
    'idempotency_conflict',
    `An earlier call with idempotencyKey "${refusal.key ?? ''}" may have ${refusal.what}: its outcome was unknown, and Google's search, which can lag minutes behind, does not show it yet.`,
    {
      outcomeUnknown: true,
      hint: `${refusal.check} If it did not happen, call again with a new idempotencyKey; or repeat this call after ${new Date(settledAt).toISOString()}, when the search is trusted.`,
    },
  );
}

/** The rendered name of a sibling tool: `gmail_send_message` with `send_message` → `search_messages` is `gmail_search_messages`. */
export function siblingTool(tool: string, action: string, sibling: string): string {
  return tool.endsWith(action) ? `${tool.slice(0, tool.length - action.length)}${sibling}` : sibling;
}
