import type { ToolCallResult } from '../core/envelope.js';
import { ConnectorError, toConnectorError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { resourceArgs, type CompiledResource } from '../definition/resources.js';
import type { ToolRegistry } from './registry.js';
import { ResourceWatcher } from './resource-watcher.js';
import type { ResourceDescriptor, ResourceRead, ResourceTemplateDescriptor } from './types.js';

/** Resource content is the read tool's result envelope, as JSON. */
const RESOURCE_MIME_TYPE = 'application/json';

type Call = (name: string, args: unknown, signal?: AbortSignal) => Promise<ToolCallResult>;

/** A runtime's resources: each a view of a registered read tool, read and watched through that tool's calls. */
export class ResourceReads {
  private watcher: ResourceWatcher | undefined;

  constructor(
    /** The resources whose read tool is registered: gated with it. */
    private readonly resources: CompiledResource[],
    private readonly registry: ToolRegistry,
    private readonly call: Call,
    readonly log: Logger,
    private readonly pollIntervalMs: number,
  ) {}

  /** resources/list: the resources without variables. */
  list(): ResourceDescriptor[] {
    return this.resources
      .filter((r) => r.variables.length === 0)
      .map(({ definition: d }) => ({ uri: d.uri, name: d.name, title: d.title, description: d.description, mimeType: RESOURCE_MIME_TYPE }));
  }

  /** resources/templates/list: the resources read by URI template. */
  listTemplates(): ResourceTemplateDescriptor[] {
    return this.resources
      .filter((r) => r.variables.length > 0)
      .map(({ definition: d }) => ({ uriTemplate: d.uri, name: d.name, title: d.title, description: d.description, mimeType: RESOURCE_MIME_TYPE }));
  }

  /**
   * The read tool's call for this URI, its result envelope as the content (or, `watching`, the
   * resource's cheaper `watch` read when it declares one). A URI no registered resource matches,
   * or a failed call, gives the error (as a tool call would).
   */
  async read(uri: string, watching: boolean, signal?: AbortSignal): Promise<ResourceRead> {
    for (const resource of this.resources) {
      const values = resource.match(uri);
      if (!values) continue;
      const { watch } = resource.definition;
      // The watch read only while its tool is registered; else the resource itself.
      const via = watching && watch && this.registry.has(this.registry.nameOf(watch.tool)) ? watch : undefined;
      let args: Record<string, unknown>;
      try {
        args = via ? via.args(values) : resourceArgs(resource.definition, values);
      } catch (error) {
        return { ok: false, uri, error: toConnectorError(error).toInfo() };
      }
      const result = await this.call(this.registry.nameOf(via ? via.tool : resource.definition.tool), args, signal);
      const envelope = result.structuredContent;
      return envelope.ok ? { ok: true, uri, mimeType: RESOURCE_MIME_TYPE, text: result.content[0]!.text } : { ok: false, uri, error: envelope.error };
    }
    const known = [...this.list().map((r) => r.uri), ...this.listTemplates().map((r) => r.uriTemplate)];
    return {
      ok: false,
      uri,
      unknown: true,
      error: new ConnectorError('not_found', `No resource at ${uri}.`, {
        hint: known.length ? `Resources: ${known.join(', ')}.` : 'This server has no resources enabled.',
      }).toInfo(),
    };
  }

  /** Whether an enabled resource has this URI (what a subscription may name). */
  has(uri: string): boolean {
    return this.resources.some((resource) => resource.match(uri) !== undefined);
  }

  get any(): boolean {
    return this.resources.length > 0;
  }

  /** The pollers of subscribed resources, shared by every connection to this runtime. */
  get watching(): ResourceWatcher {
    this.watcher ??= new ResourceWatcher(
      { pollResource: (uri) => this.read(uri, true), hasResource: (uri) => this.has(uri), log: this.log },
      { intervalMs: this.pollIntervalMs },
    );
    return this.watcher;
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}
