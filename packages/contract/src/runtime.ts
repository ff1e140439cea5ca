import { createHash, randomUUID } from 'node:crypto';
import { loadConfig, notConfiguredError, type EnvVarSpec, type LoadedConfig } from './config.js';
import { decodeCursor, encodeContinuation, encodeCursor, readContinuation, type Continuation } from './cursor.js';
import {
  annotationsFor,
  assertToolName,
  packageNameOf,
  toolNameOf,
  type ConnectorDefinition,
  type ToolContext,
  type ToolDefinition,
  type ToolReturn,
  type ToolSeparator,
} from './define.js';
import { envelopeJsonSchema, toJsonSchema, type Envelope, type Meta, type ToolCallResult } from './envelope.js';
import { ConnectorError, toConnectorError, type ErrorInfo } from './errors.js';
import { gateReason, unknownGatingNames, type GatingOptions } from './gating.js';
import { callEndedError, currentCallScope, runInCallScope, type CallScope } from './call-scope.js';
import { HttpClient, type HttpClientOptions } from './http.js';
import { IdempotencyStore, stableJson } from './idempotency.js';
import { MemoryIdempotencyBackend, type IdempotencyBackend } from './idempotency-backend.js';
import { createLogger, type Logger, type LogLevel } from './logger.js';
import { Redactor } from './redact.js';
import { healthTool } from './health.js';
import { loginFor } from './oauth/spec.js';
import { OAuthTokenStore } from './oauth/token-store.js';
import type { TokenStorage } from './oauth/token-storage.js';
import type { ToolSchemaManifest } from './tool-schemas.js';
import { compileResource, resourceArgs, type CompiledResource } from './resources.js';
import { ResourceWatcher } from './resource-watcher.js';
import { capResult, listAt, type Resume } from './size-cap.js';

export interface RuntimeOptions {
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Injected into the connector's HTTP client (tests, benchmarks). */
  fetch?: typeof fetch;
  /** Where the connector's HTTP client sleeps between retries; tests pass a fake to skip real waits. */
  sleep?: (ms: number) => Promise<void>;
  /** Longest wait for one vendor request; tests shorten it so a hung vendor fails fast. */
  timeoutMs?: number;
  /**
   * Longest time one tool call may take, every request, retry and wait included (default 55 s, under
   * the 60 s most clients give up at, so the model reads our timeout instead of the client's).
   */
  callTimeoutMs?: number;
  gating?: GatingOptions;
  toolSeparator?: ToolSeparator;
  logLevel?: LogLevel;
  /** Where log lines go; defaults to stderr. */
  logWrite?: (line: string) => void;
  /** Largest JSON text of one result before it is trimmed with a warning. */
  maxResultBytes?: number;
  /** Where idempotency records live; in memory unless given (the CLI uses a file under the state dir). */
  idempotency?: IdempotencyBackend;
  /** Where an `oauth` connector's tokens are kept; the 0600 file `auth login` writes unless given. */
  oauthStorage?: TokenStorage;
  /** tools/list schemas computed at build time (the bundled bin's dist/tool-schemas.json); the rest are converted when listed. */
  toolSchemas?: ToolSchemaManifest;
}

/** Resource content is the read tool's result envelope, as JSON. */
const RESOURCE_MIME_TYPE = 'application/json';
/** How often a subscribed resource is read unless the connector says (its vendor's rate limits). */
const DEFAULT_POLL_MS = 30_000;

export interface ResourceDescriptor {
  uri: string;
  name: string;
  title: string;
  description: string;
  mimeType: string;
}

export interface ResourceTemplateDescriptor extends Omit<ResourceDescriptor, 'uri'> {
  uriTemplate: string;
}

/** What resources/read answers; `unknown` when no enabled resource has that URI. */
export type ResourceRead = { ok: true; uri: string; mimeType: string; text: string } | { ok: false; uri: string; error: ErrorInfo; unknown?: true };

export interface ToolDescriptor {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  annotations: ReturnType<typeof annotationsFor>;
}

interface Registered {
  name: string;
  tool: ToolDefinition;
  descriptor?: ToolDescriptor;
}

/**
 * A connector turned into something that lists and calls tools, independent of any transport.
 * The MCP server, the CLI, the testkit and the benchmarks all drive this one object.
 */
export class ConnectorRuntime {
  readonly connector: ConnectorDefinition;
  readonly config: LoadedConfig;
  readonly log: Logger;
  readonly redactor = new Redactor();
  readonly gating: GatingOptions;
  private readonly registered = new Map<string, Registered>();
  private readonly gated = new Map<string, string>();
  private readonly idempotency: IdempotencyStore<ToolReturn<unknown>>;
  /** Keys are per account: a key used against one configuration never replays for another. */
  private readonly configFingerprint: string;
  private readonly separator: ToolSeparator;
  private readonly options: RuntimeOptions;
  private client: unknown;
  private oauth: OAuthTokenStore | undefined;
  private readonly httpClients: HttpClient[] = [];
  private warming: Promise<void> | undefined;
  /** The resources whose read tool is registered: gated with it. */
  private readonly resources: CompiledResource[];
  private watcher: ResourceWatcher | undefined;
  /** The scopes tools may need (undefined: any), read once at start. */
  private readonly granted: Set<string> | undefined;
  private loadingRuntimeTools: Promise<void> | undefined;
  private loadedRuntimeTools = false;

  constructor(connector: ConnectorDefinition, options: RuntimeOptions = {}) {
    this.connector = connector;
    this.options = options;
    this.gating = options.gating ?? {};
    this.idempotency = new IdempotencyStore((options.idempotency ?? new MemoryIdempotencyBackend()) as IdempotencyBackend<ToolReturn<unknown>>);
    this.config = loadConfig(connector.config, options.env ?? process.env, connector.requires?.bind(connector));
    this.redactSecrets();
    this.log = createLogger(options.logLevel ?? 'info', this.redactor, options.logWrite);

    const separator = (this.separator = options.toolSeparator ?? '_');
    this.configFingerprint = createHash('sha256').update(stableJson(this.config.values)).digest('hex').slice(0, 16);
    const all = [healthTool(this), ...connector.tools];
    const names = all.map((tool) => ({ action: tool.action, name: assertToolName(connector, tool.action, separator) }));
    const problems = unknownGatingNames(this.gating, Object.keys(connector.toolsets), names);
    if (problems.length) throw new ConnectorError('invalid_input', `Invalid gating options: ${problems.join('; ')}.`);
    this.granted = this.grantedScopes();
    this.register(all, names);
    this.resources = (connector.resources ?? []).map(compileResource).filter((resource) => this.registered.has(this.toolNamed(resource.definition.tool)));
  }

  /** Registers the tools that pass the gating; the others are remembered with the reason they are off. */
  private register(tools: ToolDefinition[], names: { name: string }[]): void {
    const { connector } = this;
    const enabled = connector.toolsetsEnabled ? new Set(connector.toolsetsEnabled(this.config.values)) : undefined;
    const granted = this.granted;
    tools.forEach((tool, i) => {
      const name = names[i]!.name;
      const off = enabled && tool.action !== 'health' && !enabled.has(tool.toolset);
      const ungranted = tool.scope !== undefined && granted !== undefined && !granted.has(tool.scope);
      const reason = off
        ? `${name} is in toolset "${tool.toolset}", which the configuration does not enable`
        : ungranted
          ? `${name} needs the scope "${tool.scope}", which is not granted`
          : gateReason(tool, name, this.gating, connector.optInToolsets);
      if (reason) this.gated.set(name, reason);
      else this.registered.set(name, { name, tool });
    });
  }

  /**
   * Loads the connector's run-time tools once, when their toolset is enabled and the configuration
   * complete (before the first tools/list, and before calling a tool not registered yet). A failure
   * is logged, and tried again next time; the other tools keep working.
   */
  ready(): Promise<void> {
    const spec = this.connector.runtimeTools;
    if (!spec || this.loadedRuntimeTools) return Promise.resolve();
    const probe = { action: '', access: 'read' as const, toolset: spec.toolset };
    if (gateReason(probe, '', { ...this.gating, tools: undefined, excludeTools: undefined }, this.connector.optInToolsets) || notConfiguredError(this.config)) {
      return Promise.resolve();
    }
    this.loadingRuntimeTools ??= this.loadRuntimeTools(spec)
      .then(() => {
        this.loadedRuntimeTools = true;
      })
      .catch((error: unknown) => {
        this.log.warn(`Could not load the ${spec.toolset} tools: ${toConnectorError(error).message}`);
      })
      .finally(() => {
        this.loadingRuntimeTools = undefined;
      });
    return this.loadingRuntimeTools;
  }

  private async loadRuntimeTools(spec: NonNullable<ConnectorDefinition['runtimeTools']>): Promise<void> {
    const timeoutMs = 15_000;
    const scope: CallScope = { requestId: randomUUID(), signal: AbortSignal.timeout(timeoutMs), deadline: Date.now() + timeoutMs };
    const client = this.getClient();
    const tools = await runInCallScope(scope, () =>
      spec.load({ client, config: this.config.values, tool: this.toolNamed('health'), requestId: scope.requestId, signal: scope.signal, log: this.log, progress: () => undefined }),
    );
    const taken = new Set(['health', ...this.connector.tools.map((tool) => tool.action)]);
    const fresh: ToolDefinition[] = [];
    const names: { name: string }[] = [];
    for (const tool of tools) {
      let name: string;
      try {
        name = assertToolName(this.connector, tool.action, this.separator);
      } catch (error) {
        this.log.warn(`Skipped a ${spec.toolset} tool: ${(error as Error).message}`);
        continue;
      }
      if (taken.has(tool.action) || tool.toolset !== spec.toolset) continue;
      taken.add(tool.action);
      fresh.push(tool);
      names.push({ name });
    }
    this.register(fresh, names);
    this.log.info(`Loaded ${fresh.length} ${spec.toolset} tools.`);
  }

  /** The scopes the connector says it may use (its configuration, and the saved login's where readable), or undefined for all. */
  private grantedScopes(): Set<string> | undefined {
    if (!this.connector.grantedScopes) return undefined;
    const login = this.connector.oauth && !notConfiguredError(this.config) ? this.oauthStore().savedScopesSync() : undefined;
    const scopes = this.connector.grantedScopes(this.config.values, login);
    return scopes ? new Set(scopes) : undefined;
  }

  /**
   * Secrets from the configuration, and `user:secret` for each plain value beside them (an email or
   * username), whose base64 is what a Basic-auth vendor may echo back.
   */
  private redactSecrets(): void {
    const values = this.config.values as Record<string, string | undefined>;
    const spec = Object.entries<EnvVarSpec>(this.connector.config);
    const plain = spec.filter(([name, v]) => !v.secret && values[name] && values[name]!.length <= 320 && !values[name]!.includes('://'));
    for (const [name, variable] of spec) {
      const secret = values[name];
      if (!variable.secret || !secret) continue;
      this.redactor.add(secret);
      for (const [other] of plain) this.redactor.add(`${values[other]}:${secret}`);
    }
  }

  /** The tools/list entries; schemas come from the build's manifest, or are converted on first use to keep start-up cheap. */
  listTools(): ToolDescriptor[] {
    return [...this.registered.values()].map((entry) => (entry.descriptor ??= describe(entry.name, entry.tool, this.options.toolSchemas?.tools[entry.tool.action])));
  }

  /** resources/list: the resources without variables. */
  listResources(): ResourceDescriptor[] {
    return this.resources.filter((r) => r.variables.length === 0).map(({ definition: d }) => ({ uri: d.uri, name: d.name, title: d.title, description: d.description, mimeType: RESOURCE_MIME_TYPE }));
  }

  /** resources/templates/list: the resources read by URI template. */
  listResourceTemplates(): ResourceTemplateDescriptor[] {
    return this.resources
      .filter((r) => r.variables.length > 0)
      .map(({ definition: d }) => ({ uriTemplate: d.uri, name: d.name, title: d.title, description: d.description, mimeType: RESOURCE_MIME_TYPE }));
  }

  /**
   * resources/read: the read tool's call for this URI, its result envelope as the content. A URI
   * no registered resource matches, or a failed call, gives the error (as a tool call would).
   */
  async readResource(uri: string, signal?: AbortSignal): Promise<ResourceRead> {
    return this.readThrough(uri, false, signal);
  }

  /** What a subscription polls: the resource's `watch` read when it declares a cheaper one, else the resource. */
  pollResource(uri: string): Promise<ResourceRead> {
    return this.readThrough(uri, true);
  }

  private async readThrough(uri: string, watching: boolean, signal?: AbortSignal): Promise<ResourceRead> {
    for (const resource of this.resources) {
      const values = resource.match(uri);
      if (!values) continue;
      const { watch } = resource.definition;
      // The watch read only while its tool is registered; else the resource itself.
      const via = watching && watch && this.registered.has(this.toolNamed(watch.tool)) ? watch : undefined;
      let args: Record<string, unknown>;
      try {
        args = via ? via.args(values) : resourceArgs(resource.definition, values);
      } catch (error) {
        return { ok: false, uri, error: toConnectorError(error).toInfo() };
      }
      const result = await this.callTool(this.toolNamed(via ? via.tool : resource.definition.tool), args, signal);
      const envelope = result.structuredContent;
      return envelope.ok ? { ok: true, uri, mimeType: RESOURCE_MIME_TYPE, text: result.content[0]!.text } : { ok: false, uri, error: envelope.error };
    }
    const known = [...this.listResources().map((r) => r.uri), ...this.listResourceTemplates().map((r) => r.uriTemplate)];
    return {
      ok: false,
      uri,
      unknown: true,
      error: new ConnectorError('not_found', `No resource at ${uri}.`, { hint: known.length ? `Resources: ${known.join(', ')}.` : 'This server has no resources enabled.' }).toInfo(),
    };
  }

  /** Whether an enabled resource has this URI (what a subscription may name). */
  hasResource(uri: string): boolean {
    return this.resources.some((resource) => resource.match(uri) !== undefined);
  }

  /** The pollers of subscribed resources, shared by every connection to this runtime. */
  get resourceWatcher(): ResourceWatcher {
    this.watcher ??= new ResourceWatcher(this, { intervalMs: this.connector.pollIntervalMs ?? DEFAULT_POLL_MS });
    return this.watcher;
  }

  /** Stops every poller (the connection closed). */
  stopWatching(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  /** Whether any resource is enabled (the server then serves and advertises them). */
  get servesResources(): boolean {
    return this.resources.length > 0;
  }

  private toolNamed(action: string): string {
    return toolNameOf(this.connector, action, this.separator);
  }

  /** Every tool of the connector described, whatever the gating: what the build's schema manifest holds. */
  describeAll(): (ToolDescriptor & { action: string })[] {
    return [healthTool(this), ...this.connector.tools].map((tool) => ({ action: tool.action, ...describe(this.toolNamed(tool.action), tool) }));
  }

  toolNames(): string[] {
    return [...this.registered.keys()];
  }

  /**
   * What every first call would pay, done once while the client is idle after tools/list: Node's
   * fetch (undici loads on first use, about 40 ms), the vendor client (when configured, and its
   * `warmUp()` when it has one), and each
   * tool's input validator (zod compiles it on the first parse, here of the tool's first example).
   * Nothing is sent anywhere; a call that arrives meanwhile waits at most for one tool's compile.
   */
  warmUp(): Promise<void> {
    this.warming ??= (async () => {
      try {
        // A client may load what its first call needs (a bridge: the MCP client SDK), sending nothing.
        await (this.getClient() as { warmUp?: () => Promise<void> } | undefined)?.warmUp?.();
      } catch {
        // Not configured, or a client that cannot be built: the call that needs it reports the problem.
      }
      for (const { tool } of this.registered.values()) {
        await new Promise((resolve) => setImmediate(resolve));
        if (tool.examples[0] !== undefined) tool.input.safeParse(tool.examples[0]);
      }
      if (!this.options.fetch) await fetch('data:,').then((response) => response.arrayBuffer(), () => undefined);
    })();
    return this.warming;
  }

  /** `onProgress` hears the tool's `ctx.progress` (the MCP server sends it as notifications/progress when the client asked). */
  async callTool(name: string, args: unknown, signal: AbortSignal = new AbortController().signal, onProgress?: (update: ProgressUpdate) => void): Promise<ToolCallResult> {
    const started = performance.now();
    const requestId = randomUUID();
    // A tool loaded at run time may be called before any tools/list (a client that remembers it).
    if (!this.registered.has(name) && this.connector.runtimeTools) await this.ready();
    const entry = this.registered.get(name);
    // A tool that waits on purpose (a command run) has its own deadline.
    const callTimeoutMs = entry?.tool.timeoutMs ?? this.options.callTimeoutMs ?? 55_000;
    // Aborted once the call has its answer: a request it started and no longer waits for (a sibling
    // of a failed one in a Promise.all, a retry in its backoff) stops instead of outliving the call.
    const ended = new AbortController();
    const scope: CallScope = {
      requestId,
      signal: AbortSignal.any([signal, AbortSignal.timeout(callTimeoutMs), ended.signal]),
      deadline: Date.now() + callTimeoutMs,
    };
    let meta: Meta = { requestId, durationMs: 0 };
    let envelope: Envelope;
    let continuation: Continuation | undefined;
    try {
      if (!entry) throw this.unknownTool(name);
      const input = parseInput(entry.tool, args ?? {});
      continuation = takeContinuation(name, input);
      const outcome = await runInCallScope(scope, () => untilAborted(this.execute(entry, input, requestId, scope.signal, progressReporter(onProgress, ended.signal)), scope, entry.tool.access !== 'read'));
      if (outcome.replayed) meta.idempotentReplay = true;
      if (continuation) skipReturned(outcome.result, continuation);
      envelope = { ok: true, data: outcome.result.data, meta };
      if (outcome.result.nextCursor) envelope.nextCursor = outcome.result.nextCursor;
      if (outcome.result.warnings?.length) envelope.warnings = [...outcome.result.warnings];
    } catch (thrown) {
      const error = toConnectorError(thrown);
      if (!isExpected(error)) this.log.error(`${name} failed: ${error.message}`, { requestId, stack: (thrown as Error)?.stack });
      envelope = { ok: false, error: error.toInfo(), meta };
    }
    ended.abort(new Error('The call has ended.'));
    // Only what this call's own vendor responses said (a replay or bad input made none).
    if (scope.rateLimit) meta.rateLimit = scope.rateLimit;
    meta.durationMs = Math.round((performance.now() - started) * 100) / 100;
    // Redact before trimming: a cut could leave part of a secret that no longer matches.
    const raw = JSON.stringify(envelope);
    const redacted = this.redactor.redact(raw);
    const safe = redacted === raw ? envelope : (JSON.parse(redacted) as Envelope);
    // A trimmed page continues right after its last returned item, so following nextCursor loses nothing.
    const resume: Resume | undefined =
      entry && 'cursor' in entry.tool.input.shape
        ? (kept, path) =>
            encodeContinuation(name, {
              cursor: continuation ? continuation.cursor : typeof (args as { cursor?: unknown })?.cursor === 'string' ? (args as { cursor: string }).cursor : null,
              skip: (continuation?.skip ?? 0) + kept,
              path,
            })
        : undefined;
    const capped = capResult(safe, redacted, this.options.maxResultBytes ?? 100_000, resume);
    const text = capped.text;
    // Parse back only when trimming changed the text: most results go out as built.
    const structuredContent = capped.trimmed ? (JSON.parse(text) as Envelope) : safe;
    this.log.debug(`${name} ${structuredContent.ok ? 'ok' : (structuredContent as { error: { code: string } }).error.code}`, {
      requestId,
      durationMs: meta.durationMs,
    });
    return structuredContent.ok
      ? { content: [{ type: 'text', text }], structuredContent }
      : { content: [{ type: 'text', text }], structuredContent, isError: true };
  }

  private async execute(entry: Registered, input: Record<string, unknown>, requestId: string, signal: AbortSignal, progress: ToolContext['progress']) {
    const { tool, name } = entry;
    const client = () => this.getClient();
    const ctx: ToolContext = {
      // Built on first use: health answers not_configured without one.
      get client() {
        return client();
      },
      config: this.config.values,
      tool: name,
      requestId,
      signal,
      log: this.log,
      cursor: {
        encode: (state) => encodeCursor(name, state),
        decode: (cursor, schema) => decodeCursor(name, cursor, schema),
      },
      progress,
    };
    if (tool.action !== 'health') void ctx.client;
    const key = tool.access !== 'read' && typeof input.idempotencyKey === 'string' ? input.idempotencyKey : undefined;
    const run = async () => {
      const result = await tool.handler(input, ctx);
      assertOutputShape(tool, result.data);
      return result;
    };
    if (!key) return { result: await run(), replayed: false };
    ctx.idempotencyKey = key;
    const { idempotencyKey: _key, ...rest } = input;
    const recover = tool.recover;
    const outcome = await this.idempotency.run(`${name}\u0000${this.configFingerprint}`, key, rest, {
      write: run,
      ...(tool.nativeIdempotencyKey ? { native: true } : {}),
      ...(tool.checkWith ? { checkWith: tool.checkWith.map((action) => toolNameOf(this.connector, action, this.separator)) } : {}),
      ...(recover
        ? {
            recover: async () => {
              const found = await recover(input, ctx);
              if (found) assertOutputShape(tool, found.data);
              return found;
            },
          }
        : {}),
    });
    if (outcome.unsaved) {
      const note = 'The write was made, but the idempotency store did not record it: a repeat with this idempotencyKey cannot be recognised.';
      return { ...outcome, result: { ...outcome.result, warnings: [...(outcome.result.warnings ?? []), note] } };
    }
    if (outcome.recovered) {
      const note = 'An earlier attempt with this idempotencyKey had an unknown outcome; it had written, and this is its result.';
      return { ...outcome, result: { ...outcome.result, warnings: [...(outcome.result.warnings ?? []), note] } };
    }
    return outcome;
  }

  /** Why tools cannot run yet (readiness), without calling the vendor; undefined when they can. */
  notReady(): string | undefined {
    return notConfiguredError(this.config)?.message;
  }

  /** The connector's vendor client, built once configuration is complete. */
  getClient(): unknown {
    const problem = notConfiguredError(this.config);
    if (problem) throw problem;
    this.client ??= this.connector.client(this.config.values, {
      http: (vendor, build) => {
        const options: HttpClientOptions = {
          ...vendor,
          log: this.log,
          ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
          ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
          ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
        };
        const http = build ? build(options) : new HttpClient(options);
        this.httpClients.push(http);
        return http as never;
      },
      ...(this.connector.oauth ? { oauth: this.oauthStore() } : {}),
      log: this.log,
      addSecret: (value) => this.redactor.add(value),
      readOnly: this.gating.readOnly === true,
    });
    return this.client;
  }

  /** The connector's saved OAuth login, as `auth login` saved it; tokens it reads or refreshes are redacted. */
  private oauthStore(): OAuthTokenStore {
    const login = loginFor(this.connector.oauth!, this.config.values);
    this.oauth ??= new OAuthTokenStore({
      connectorId: this.connector.id,
      vendor: this.connector.title,
      loginCommand: `npx -y ${packageNameOf(this.connector)} auth login`,
      oauth: this.connector.oauth!,
      config: this.config.values,
      // Several saved logins (one per account, or per upstream host): the configuration says which this server uses.
      ...login,
      env: this.options.env ?? process.env,
      onSecret: (value) => this.redactor.add(value),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.oauthStorage ? { storage: this.options.oauthStorage } : {}),
    });
    return this.oauth;
  }

  /** The OAuth login once the connector's client holds it (health reports its scopes and expiry). */
  get oauthInUse(): OAuthTokenStore | undefined {
    return this.oauth;
  }

  /** The rate-limit reading of the call in progress, else the latest any vendor client saw. */
  get lastRateLimit() {
    return currentCallScope()?.rateLimit ?? this.httpClients.find((http) => http.lastRateLimit)?.lastRateLimit;
  }

  private unknownTool(name: string): ConnectorError {
    const reason = this.gated.get(name);
    if (reason) {
      return new ConnectorError('not_permitted', `${name} is turned off: ${reason}.`, {
        hint: 'Change the server flags or environment to enable it.',
      });
    }
    return new ConnectorError('invalid_input', `Unknown tool "${name}".`, { hint: `Available: ${this.toolNames().join(', ')}.` });
  }
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

/** One progress report of a call: `progress` only ever grows, as MCP requires. */
export interface ProgressUpdate {
  progress: number;
  total?: number;
  message: string;
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

function describe(name: string, tool: ToolDefinition, precomputed?: ToolSchemaManifest['tools'][string]): ToolDescriptor {
  return {
    name,
    title: tool.title,
    description: tool.description,
    inputSchema: precomputed?.inputSchema ?? toJsonSchema(tool.input, 'input'),
    outputSchema: precomputed?.outputSchema ?? envelopeJsonSchema(toJsonSchema(tool.output, 'output')),
    annotations: annotationsFor(tool),
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
 * Clients validate structuredContent against the advertised outputSchema and throw on a mismatch,
 * which a user sees as a broken tool with no explanation: answer a clear error instead.
 */
function assertOutputShape(tool: ToolDefinition, data: unknown): void {
  const parsed = tool.output.safeParse(data);
  if (parsed.success) return;
  const where = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'data'}: ${issue.message}`);
  throw new ConnectorError('upstream_error', `The vendor's answer did not have the shape this tool returns (${where.join('; ')}).`, {
    hint: 'The vendor API may have changed; report this with the tool name. Other tools keep working.',
  });
}

function isExpected(error: ConnectorError): boolean {
  return error.code !== 'upstream_error' || error.status !== undefined;
}
