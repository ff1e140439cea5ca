// The call pipeline: one tools/call from arguments to the result a client reads. Validate, run the
// handler in its call scope (deadline, cancel), replay or record writes by idempotencyKey, wrap the
// outcome in the envelope, redact, and trim to the size cap with a cursor that loses nothing.
import { randomUUID } from 'node:crypto';
import { callEndedError, runInCallScope, type CallScope } from '../core/call-scope.js';
import type { Envelope, Meta, ToolCallResult } from '../core/envelope.js';
import { ConnectorError, toConnectorError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Redactor } from '../core/redact.js';
import type { ConfigValues } from '../definition/config.js';
import type { ConnectorDefinition } from '../definition/connector.js';
import { HEALTH_ACTION } from '../definition/names.js';
import type { ToolContext, ToolDefinition, ToolReturn } from '../definition/tool.js';
import type { IdempotencyStore } from '../state/idempotency.js';
import { encodeContinuation, readContinuation, type Continuation } from './cursor.js';
import type { Registered, ToolRegistry } from './registry.js';
import { capResult, listAt, type Resume, valueAt } from './size-cap.js';
import { toolContext } from './tool-context.js';
import type { ProgressUpdate } from './types.js';

/** Under the 60 s most clients give up at, so the model reads our timeout instead of the client's. */
const DEFAULT_CALL_TIMEOUT_MS = 55_000;
const DEFAULT_MAX_RESULT_BYTES = 100_000;

export interface CallDeps {
  connector: ConnectorDefinition;
  registry: ToolRegistry;
  config: ConfigValues;
  log: Logger;
  redactor: Redactor;
  idempotency: IdempotencyStore<ToolReturn<unknown>>;
  /** Keys are per account: a key used against one configuration never replays for another. */
  configFingerprint: string;
  getClient: () => unknown;
  /** Loads run-time tools, for a call to a tool not registered yet. */
  ready: () => Promise<void>;
  callTimeoutMs?: number;
  maxResultBytes?: number;
}

export class CallPipeline {
  constructor(private readonly deps: CallDeps) {}

  /** `onProgress` hears the tool's `ctx.progress` (the MCP server sends it as notifications/progress when the client asked). */
  async call(name: string, args: unknown, signal: AbortSignal, onProgress?: (update: ProgressUpdate) => void): Promise<ToolCallResult> {
    const { registry, log } = this.deps;
    const started = performance.now();
    const requestId = randomUUID();
    // A tool loaded at run time may be called before any tools/list (a client that remembers it).
    if (!registry.has(name) && this.deps.connector.runtimeTools) await this.deps.ready();
    const entry = registry.get(name);
    // A tool that waits on purpose (a command run) has its own deadline.
    const callTimeoutMs = entry?.tool.timeoutMs ?? this.deps.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    // Aborted once the call has its answer: a request it started and no longer waits for (a sibling
    // of a failed one in a Promise.all, a retry in its backoff) stops instead of outliving the call.
    const ended = new AbortController();
    const scope: CallScope = {
      requestId,
      signal: AbortSignal.any([signal, AbortSignal.timeout(callTimeoutMs), ended.signal]),
      deadline: Date.now() + callTimeoutMs,
    };
    const meta: Meta = { requestId, durationMs: 0 };
    let envelope: Envelope;
    let continuation: Continuation | undefined;
    try {
      if (!entry) throw registry.unknownTool(name);
      const input = parseInput(entry.tool, args ?? {});
      continuation = takeContinuation(name, input);
      const progress = progressReporter(onProgress, ended.signal);
      const work = () => untilAborted(this.execute(entry, input, requestId, scope.signal, progress), scope, entry.tool.access !== 'read');
      const outcome = await runInCallScope(scope, work);
      if (outcome.replayed) meta.idempotentReplay = true;
      if (continuation) skipReturned(outcome.result, continuation);
      envelope = { ok: true, data: outcome.result.data, meta };
      if (outcome.result.nextCursor) envelope.nextCursor = outcome.result.nextCursor;
      if (outcome.result.warnings?.length) envelope.warnings = [...outcome.result.warnings];
    } catch (thrown) {
      const error = toConnectorError(thrown);
      if (!isExpected(error)) log.error(`${name} failed: ${error.message}`, { requestId, stack: (thrown as Error)?.stack });
      envelope = { ok: false, error: error.toInfo(), meta };
    }
    ended.abort(new Error('The call has ended.'));
    // Only what this call's own vendor responses said (a replay or bad input made none).
    if (scope.rateLimit) meta.rateLimit = scope.rateLimit;
    meta.durationMs = Math.round((performance.now() - started) * 100) / 100;
    let result: ToolCallResult;
    try {
      result = this.shape(name, envelope, entry, args, continuation);
    } catch (thrown) {
      // A result that cannot be serialised (a BigInt, a cycle) or shaped still answers an envelope.
      log.error(`${name} failed: its result could not be shaped: ${(thrown as Error)?.message}`, { requestId, stack: (thrown as Error)?.stack });
      const error = new ConnectorError('upstream_error', "The tool's result could not be turned into a result the client can read.", {
        hint: 'Report this with the tool name; other tools keep working.',
      });
      result = this.shape(name, { ok: false, error: error.toInfo(), meta }, entry, args, undefined);
    }
    log.debug(`${name} ${result.structuredContent.ok ? 'ok' : result.structuredContent.error.code}`, { requestId, durationMs: meta.durationMs });
    return result;
  }

  /** The envelope as the client reads it: redacted, then trimmed to the size cap with a cursor that loses nothing. */
  private shape(name: string, envelope: Envelope, entry: Registered | undefined, args: unknown, continuation: Continuation | undefined): ToolCallResult {
    const { redactor } = this.deps;
    // Redact before trimming: a cut could leave part of a secret that no longer matches.
    const raw = JSON.stringify(envelope);
    const redacted = redactor.redact(raw);
    const safe = redacted === raw ? envelope : (JSON.parse(redacted) as Envelope);
    const capped = capResult(safe, redacted, this.deps.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES, resumeFor(name, entry, args, continuation));
    const text = capped.text;
    // Parse back only when trimming changed the text: most results go out as built.
    const structuredContent = capped.trimmed ? (JSON.parse(text) as Envelope) : safe;
    return structuredContent.ok
      ? { content: [{ type: 'text', text }], structuredContent }
      : { content: [{ type: 'text', text }], structuredContent, isError: true };
  }

  private async execute(entry: Registered, input: Record<string, unknown>, requestId: string, signal: AbortSignal, progress: ToolContext['progress']) {
    const { tool, name } = entry;
    const { getClient, config, log, registry } = this.deps;
    const ctx = toolContext({ client: getClient, config, tool: name, requestId, signal, log, progress });
    // Every tool but health needs a configured client: fail before the handler runs.
    if (tool.action !== HEALTH_ACTION) void ctx.client;
    const key = tool.access !== 'read' && typeof input.idempotencyKey === 'string' ? input.idempotencyKey : undefined;
    const run = async () => {
      const result = await tool.handler(input, ctx);
      return { ...result, data: conformOutput(tool, result.data) };
    };
    if (!key) return { result: await run(), replayed: false };
    ctx.idempotencyKey = key;
    const { idempotencyKey: _key, ...rest } = input;
    const recover = tool.recover;
    const outcome = await this.deps.idempotency.run(`${name}\u0000${this.deps.configFingerprint}`, key, rest, {
      write: run,
      ...(tool.nativeIdempotencyKey ? { native: true } : {}),
      ...(tool.checkWith ? { checkWith: tool.checkWith.map((action) => registry.nameOf(action)) } : {}),
      ...(recover
        ? {
            recover: async () => {
              const found = await recover(input, ctx);
              return found && { ...found, data: conformOutput(tool, found.data) };
            },
          }
        : {}),
    });
    if (outcome.unsaved) {
      const note =
        'The write was made, but the idempotency store did not record it: this server replays a repeat with this idempotencyKey, but another replica or a restart cannot be recognised as one until the store answers again.';
      return { ...outcome, result: { ...outcome.result, warnings: [...(outcome.result.warnings ?? []), note] } };
    }
    if (outcome.recovered) {
      const note = 'An earlier attempt with this idempotencyKey had an unknown outcome; it had written, and this is its result.';
      return { ...outcome, result: { ...outcome.result, warnings: [...(outcome.result.warnings ?? []), note] } };
    }
    return outcome;
  }
}

/** A trimmed page continues right after its last returned item, so following nextCursor loses nothing. */
function resumeFor(name: string, entry: Registered | undefined, args: unknown, continuation: Continuation | undefined): Resume | undefined {
  if (!entry || !('cursor' in entry.tool.input.shape)) return undefined;
  const given = (args as { cursor?: unknown } | null)?.cursor;
  return (kept, path) =>
    encodeContinuation(name, {
      cursor: continuation ? continuation.cursor : typeof given === 'string' ? given : null,
      skip: (continuation?.skip ?? 0) + kept,
      path,
    });
}

/** A size-cap cursor in the input: call the tool for the same page, with the tool's own cursor. */
function takeContinuation(tool: string, input: Record<string, unknown>): Continuation | undefined {
  if (typeof input.cursor !== 'string') return undefined;
  const continuation = readContinuation(tool, input.cursor);
  if (!continuation) return undefined;
  if (continuation.cursor === null) delete input.cursor;
  else input.cursor = continuation.cursor;
  return continuation;
}

/** Drops the items of the page that an earlier, trimmed result already returned. */
function skipReturned(result: ToolReturn<unknown>, continuation: Continuation): void {
  listAt(result.data, continuation.path)?.splice(0, continuation.skip);
}

/** The call's answer, or its timeout/cancel error as soon as the scope's signal fires. */
function untilAborted<T>(work: Promise<T>, scope: CallScope, write: boolean): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // A write cut off mid-way may have been applied.
    const onAbort = () => reject(callEndedError(scope.signal, scope, write));
    if (scope.signal.aborted) return onAbort();
    scope.signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => scope.signal.removeEventListener('abort', onAbort));
  });
}

/** The `ctx.progress` of one call: increasing values, nothing after the call has answered. */
function progressReporter(onProgress: ((update: ProgressUpdate) => void) | undefined, ended: AbortSignal): ToolContext['progress'] {
  let last = 0;
  return (message, done, total) => {
    if (!onProgress || ended.aborted) return;
    last = done !== undefined && done > last ? done : last + 1;
    try {
      onProgress({ progress: last, ...(total !== undefined && total >= last ? { total } : {}), message });
    } catch {
      // Progress is a courtesy: a failure to report it must not fail the call.
    }
  };
}

function parseInput(tool: ToolDefinition, args: unknown): Record<string, unknown> {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new ConnectorError('invalid_input', 'Arguments must be a JSON object.');
  }
  const known = Object.keys(tool.input.shape);
  // A loose object (a run-time tool's upstream schema that allows more properties) takes other keys on purpose.
  const catchall = tool.input.def.catchall;
  const loose = catchall !== undefined && catchall._zod.def.type !== 'never';
  const unknown = loose ? [] : Object.keys(args).filter((key) => !known.includes(key));
  if (unknown.length) {
    throw new ConnectorError('invalid_input', `Unknown argument${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`, {
      hint: known.length ? `Accepted: ${known.join(', ')}.` : 'This tool takes no arguments.',
    });
  }
  const parsed = tool.input.safeParse(args);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
    throw new ConnectorError('invalid_input', `Invalid arguments: ${details.join('; ')}.`, { hint: 'Fix the arguments and call again.' });
  }
  return parsed.data as Record<string, unknown>;
}

/**
 * The data as the tool's output schema has it. Vendors send `null` for absent values: a null where
 * the schema takes an optional value is dropped, as absent. Anything else that does not fit answers
 * a clear error: clients validate structuredContent against the advertised outputSchema and throw on
 * a mismatch, which a user would see as a broken tool with no explanation.
 */
function conformOutput(tool: ToolDefinition, data: unknown): unknown {
  let parsed = tool.output.safeParse(data);
  if (parsed.success) return data;
  // Whatever zod calls it (invalid_type, an enum's invalid_value, a union's invalid_union), a null there is the vendor's absent value.
  const nulls = parsed.error.issues.filter((issue) => issue.path.length > 0 && valueAt(data, issue.path) === null);
  if (nulls.length > 0) {
    const cleaned = structuredClone(data);
    for (const issue of nulls) {
      const parent = valueAt(cleaned, issue.path.slice(0, -1));
      if (parent && typeof parent === 'object' && !Array.isArray(parent)) delete (parent as Record<PropertyKey, unknown>)[issue.path.at(-1)!];
    }
    parsed = tool.output.safeParse(cleaned);
    if (parsed.success) return cleaned;
  }
  const where = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'data'}: ${issue.message}`);
  throw new ConnectorError('upstream_error', `The vendor's answer did not have the shape this tool returns (${where.join('; ')}).`, {
    hint: 'The vendor API may have changed; report this with the tool name. Other tools keep working.',
  });
}

function isExpected(error: ConnectorError): boolean {
  return error.code !== 'upstream_error' || error.status !== undefined;
}
