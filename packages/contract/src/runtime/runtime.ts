import { createHash, randomUUID } from 'node:crypto';
import { runInCallScope, type CallScope } from '../core/call-scope.js';
import type { ToolCallResult } from '../core/envelope.js';
import { ConnectorError, toConnectorError } from '../core/errors.js';
import { createLogger, type Logger } from '../core/logger.js';
import { Redactor } from '../core/redact.js';
import { stableJson } from '../core/stable-json.js';
import { loadConfig, notConfiguredError, type LoadedConfig } from '../definition/config.js';
import { pollIntervalOf, type ConnectorDefinition } from '../definition/connector.js';
import { HEALTH_ACTION, packageNameOf } from '../definition/names.js';
import { compileResource } from '../definition/resources.js';
import type { ToolDefinition, ToolReturn } from '../definition/tool.js';
import { IdempotencyStore } from '../state/idempotency.js';
import { MemoryIdempotencyBackend, type IdempotencyBackend } from '../state/idempotency-backend.js';
import { CallPipeline } from './call.js';
import type { GatingOptions } from './gating.js';
import { gateReason } from './gating.js';
import { healthTool } from './health.js';
import { ToolRegistry } from './registry.js';
import { ResourceReads } from './resource-reads.js';
import type { ResourceWatcher } from './resource-watcher.js';
import { toolContext } from './tool-context.js';
import type { ProgressUpdate, ResourceDescriptor, ResourceRead, ResourceTemplateDescriptor, RuntimeOptions, ToolDescriptor } from './types.js';
import { redactConfigSecrets, VendorWiring } from './vendor.js';

/**
 * A connector turned into something that lists and calls tools, independent of any transport.
 * The MCP server, the CLI, the testkit and the benchmarks all drive this one object; the work is
 * done by its parts: the tool registry (names, gating), the call pipeline, the resource reads and
 * the vendor wiring (client, OAuth login).
 */
export class ConnectorRuntime {
  readonly connector: ConnectorDefinition;
  readonly config: LoadedConfig;
  readonly log: Logger;
  readonly redactor = new Redactor();
  readonly gating: GatingOptions;
  /** How a person runs this connector here, for commands named in messages. */
  readonly command: string;
  private readonly options: RuntimeOptions;
  private readonly health: ToolDefinition;
  private readonly registry: ToolRegistry;
  private readonly vendor: VendorWiring;
  private readonly pipeline: CallPipeline;
  private readonly resources: ResourceReads;
  private warming: Promise<void> | undefined;
  private loadingRuntimeTools: Promise<void> | undefined;
  private loadedRuntimeTools = false;

  constructor(connector: ConnectorDefinition, options: RuntimeOptions = {}) {
    this.connector = connector;
    this.options = options;
    this.gating = options.gating ?? {};
    this.command = options.command ?? `npx -y ${packageNameOf(connector)}`;
    this.config = loadConfig(connector.config, options.env ?? process.env, connector.requires?.bind(connector));
    redactConfigSecrets(connector, this.config, this.redactor);
    this.log = createLogger(options.logLevel ?? 'info', this.redactor, options.logWrite);
    this.vendor = new VendorWiring(connector, this.config, options, this.log, this.redactor);

    const enabled = connector.toolsetsEnabled?.(this.config.values);
    this.registry = new ToolRegistry(connector, this.gating, options.toolSeparator ?? '_', this.grantedScopes(), enabled);
    this.health = healthTool(this);
    this.registry.registerAll(this.health);

    const configFingerprint = createHash('sha256').update(stableJson(this.config.values)).digest('hex').slice(0, 16);
    this.pipeline = new CallPipeline({
      connector,
      registry: this.registry,
      config: this.config.values,
      log: this.log,
      redactor: this.redactor,
      idempotency: new IdempotencyStore((options.idempotency ?? new MemoryIdempotencyBackend()) as IdempotencyBackend<ToolReturn<unknown>>),
      configFingerprint,
      getClient: () => this.getClient(),
      ready: () => this.ready(),
      ...(options.callTimeoutMs !== undefined ? { callTimeoutMs: options.callTimeoutMs } : {}),
      ...(options.maxResultBytes !== undefined ? { maxResultBytes: options.maxResultBytes } : {}),
    });
    const resources = (connector.resources ?? []).map(compileResource).filter((resource) => this.registry.has(this.registry.nameOf(resource.definition.tool)));
    let pollIntervalMs: number;
    try {
      pollIntervalMs = pollIntervalOf(connector, options.pollIntervalMs);
    } catch (error) {
      throw new ConnectorError('invalid_input', (error as Error).message);
    }
    this.resources = new ResourceReads(resources, this.registry, (name, args, signal) => this.callTool(name, args, signal), this.log, pollIntervalMs);
  }

  /** The scopes the connector says it may use (its configuration, and the saved login's where readable), or undefined for all. */
  private grantedScopes(): Set<string> | undefined {
    if (!this.connector.grantedScopes) return undefined;
    const login = this.connector.oauth && !notConfiguredError(this.config) ? this.vendor.oauthStore().savedScopesSync() : undefined;
    const scopes = this.connector.grantedScopes(this.config.values, login);
    return scopes ? new Set(scopes) : undefined;
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
    const ctx = toolContext({
      client: () => client,
      config: this.config.values,
      tool: this.registry.nameOf(HEALTH_ACTION),
      requestId: scope.requestId,
      signal: scope.signal,
      log: this.log,
      progress: () => undefined,
    });
    const tools = await runInCallScope(scope, () => spec.load(ctx));
    const added = this.registry.registerRuntime(tools, spec.toolset, this.log);
    this.log.info(`Loaded ${added} ${spec.toolset} tools.`);
  }

  /** The tools/list entries; schemas come from the build's manifest, or are converted on first use to keep start-up cheap. */
  listTools(): ToolDescriptor[] {
    return this.registry.list(this.options.toolSchemas);
  }

  /** Every tool of the connector described, whatever the gating: what the build's schema manifest holds. */
  describeAll(): (ToolDescriptor & { action: string })[] {
    return this.registry.describeAll(this.health);
  }

  toolNames(): string[] {
    return this.registry.names();
  }

  /** `onProgress` hears the tool's `ctx.progress` (the MCP server sends it as notifications/progress when the client asked). */
  callTool(
    name: string,
    args: unknown,
    signal: AbortSignal = new AbortController().signal,
    onProgress?: (update: ProgressUpdate) => void,
  ): Promise<ToolCallResult> {
    return this.pipeline.call(name, args, signal, onProgress);
  }

  /** resources/list: the resources without variables. */
  listResources(): ResourceDescriptor[] {
    return this.resources.list();
  }

  /** resources/templates/list: the resources read by URI template. */
  listResourceTemplates(): ResourceTemplateDescriptor[] {
    return this.resources.listTemplates();
  }

  /**
   * resources/read: the read tool's call for this URI, its result envelope as the content. A URI
   * no registered resource matches, or a failed call, gives the error (as a tool call would).
   */
  readResource(uri: string, signal?: AbortSignal): Promise<ResourceRead> {
    return this.resources.read(uri, false, signal);
  }

  /** What a subscription polls: the resource's `watch` read when it declares a cheaper one, else the resource. */
  pollResource(uri: string): Promise<ResourceRead> {
    return this.resources.read(uri, true);
  }

  /** Whether an enabled resource has this URI (what a subscription may name). */
  hasResource(uri: string): boolean {
    return this.resources.has(uri);
  }

  /** The pollers of subscribed resources, shared by every connection to this runtime. */
  get resourceWatcher(): ResourceWatcher {
    return this.resources.watching;
  }

  /** Stops every poller (the connection closed). */
  stopWatching(): void {
    this.resources.stop();
  }

  /** Whether any resource is enabled (the server then serves and advertises them). */
  get servesResources(): boolean {
    return this.resources.any;
  }

  /**
   * What every first call would pay, done once while the client is idle after tools/list: Node's
   * fetch (undici loads on first use, about 40 ms), the vendor client (when configured, and its
   * `warmUp()` when it has one), and each tool's input validator (zod compiles it on the first
   * parse, here of the tool's first example). Nothing is sent anywhere; a call that arrives
   * meanwhile waits at most for one tool's compile.
   */
  warmUp(): Promise<void> {
    this.warming ??= (async () => {
      try {
        // A client may load what its first call needs (a bridge: the MCP client SDK), sending nothing.
        await (this.getClient() as { warmUp?: () => Promise<void> } | undefined)?.warmUp?.();
      } catch {
        // Not configured, or a client that cannot be built: the call that needs it reports the problem.
      }
      for (const { tool } of this.registry.entries()) {
        await new Promise((resolve) => setImmediate(resolve));
        if (tool.examples[0] !== undefined) tool.input.safeParse(tool.examples[0]);
      }
      if (!this.options.fetch)
        await fetch('data:,').then(
          (response) => response.arrayBuffer(),
          () => undefined,
        );
    })();
    return this.warming;
  }

  /** Why tools cannot run yet (readiness), without calling the vendor; undefined when they can. */
  notReady(): string | undefined {
    return notConfiguredError(this.config)?.message;
  }

  /** The connector's vendor client, built once configuration is complete. */
  getClient(): unknown {
    return this.vendor.getClient();
  }

  /** The OAuth login once the connector's client holds it (health reports its scopes and expiry). */
  get oauthInUse() {
    return this.vendor.oauthInUse;
  }

  /** The rate-limit reading of the call in progress, else the latest any vendor client saw. */
  get lastRateLimit() {
    return this.vendor.lastRateLimit;
  }
}
