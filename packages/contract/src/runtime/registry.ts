import { ConnectorError } from '../core/errors.js';
import { envelopeJsonSchema, toJsonSchema } from '../core/envelope.js';
import type { Logger } from '../core/logger.js';
import type { ConnectorDefinition } from '../definition/connector.js';
import { assertToolName, HEALTH_ACTION, toolNameOf, type ToolSeparator } from '../definition/names.js';
import { annotationsFor, type ToolDefinition } from '../definition/tool.js';
import { gateReason, unknownGatingNames, type GatingOptions } from './gating.js';
import type { ToolSchemaManifest } from './tool-schemas.js';
import type { ToolDescriptor } from './types.js';

export interface Registered {
  name: string;
  tool: ToolDefinition;
  descriptor?: ToolDescriptor;
}

/**
 * The tools a runtime serves: each rendered name, and for the tools left out (gating, toolsets the
 * configuration does not enable, scopes not granted) the reason, said when one is called.
 */
export class ToolRegistry {
  private readonly registered = new Map<string, Registered>();
  private readonly gated = new Map<string, string>();
  private readonly enabled: Set<string> | undefined;

  constructor(
    private readonly connector: ConnectorDefinition,
    private readonly gating: GatingOptions,
    private readonly separator: ToolSeparator,
    /** The scopes tools may need (undefined: any). */
    private readonly granted: Set<string> | undefined,
    enabledToolsets: string[] | undefined,
  ) {
    this.enabled = enabledToolsets ? new Set(enabledToolsets) : undefined;
  }

  /** Registers the connector's tools (health first); throws on gating options that name nothing. */
  registerAll(health: ToolDefinition): void {
    const all = [health, ...this.connector.tools];
    const names = all.map((tool) => ({ action: tool.action, name: assertToolName(this.connector, tool.action, this.separator) }));
    const problems = unknownGatingNames(this.gating, Object.keys(this.connector.toolsets), names);
    if (problems.length) throw new ConnectorError('invalid_input', `Invalid gating options: ${problems.join('; ')}.`);
    this.register(all.map((tool, i) => ({ tool, name: names[i]!.name })));
  }

  /**
   * Adds run-time tools (a bridge's unmapped upstream tools) of one toolset: names that are invalid
   * or taken are skipped. Returns how many were added.
   */
  registerRuntime(tools: ToolDefinition[], toolset: string, log: Logger): number {
    const taken = new Set([HEALTH_ACTION, ...this.connector.tools.map((tool) => tool.action)]);
    const fresh: { tool: ToolDefinition; name: string }[] = [];
    for (const tool of tools) {
      let name: string;
      try {
        name = assertToolName(this.connector, tool.action, this.separator);
      } catch (error) {
        log.warn(`Skipped a ${toolset} tool: ${(error as Error).message}`);
        continue;
      }
      if (taken.has(tool.action) || tool.toolset !== toolset) continue;
      taken.add(tool.action);
      fresh.push({ tool, name });
    }
    this.register(fresh);
    return fresh.length;
  }

  /** Registers the tools that pass the gating; the others are remembered with the reason they are off. */
  private register(tools: { tool: ToolDefinition; name: string }[]): void {
    for (const { tool, name } of tools) {
      const reason = this.offReason(tool, name);
      if (reason) this.gated.set(name, reason);
      else this.registered.set(name, { name, tool });
    }
  }

  private offReason(tool: ToolDefinition, name: string): string | undefined {
    // Health is always on: it says what is missing when nothing else can run.
    if (tool.action === HEALTH_ACTION) return undefined;
    if (this.enabled && !this.enabled.has(tool.toolset)) return `${name} is in toolset "${tool.toolset}", which the configuration does not enable`;
    if (tool.scope !== undefined && this.granted !== undefined && !this.granted.has(tool.scope))
      return `${name} needs the scope "${tool.scope}", which is not granted`;
    return gateReason(tool, name, this.gating, this.connector.optInToolsets);
  }

  get(name: string): Registered | undefined {
    return this.registered.get(name);
  }

  has(name: string): boolean {
    return this.registered.has(name);
  }

  names(): string[] {
    return [...this.registered.keys()];
  }

  entries(): Registered[] {
    return [...this.registered.values()];
  }

  /** The rendered name of one of the connector's actions. */
  nameOf(action: string): string {
    return toolNameOf(this.connector, action, this.separator);
  }

  /** The tools/list entries; schemas come from the build's manifest, or are converted on first use to keep start-up cheap. */
  list(manifest: ToolSchemaManifest | undefined): ToolDescriptor[] {
    return this.entries().map((entry) => (entry.descriptor ??= describe(entry.name, entry.tool, manifest?.tools[entry.tool.action])));
  }

  /** Every tool of the connector described, whatever the gating: what the build's schema manifest holds. */
  describeAll(health: ToolDefinition): (ToolDescriptor & { action: string })[] {
    return [health, ...this.connector.tools].map((tool) => ({ action: tool.action, ...describe(this.nameOf(tool.action), tool) }));
  }

  /** The error for a call to a tool that is not served: turned off (and why), or unknown. */
  unknownTool(name: string): ConnectorError {
    const reason = this.gated.get(name);
    if (reason) {
      return new ConnectorError('not_permitted', `${name} is turned off: ${reason}.`, {
        hint: 'Change the server flags or environment to enable it.',
      });
    }
    return new ConnectorError('invalid_input', `Unknown tool "${name}".`, { hint: `Available: ${this.names().join(', ')}.` });
  }
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
