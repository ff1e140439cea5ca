import type { ToolDefinition } from '../definition/tool.js';
import { HEALTH_ACTION } from '../definition/names.js';

export interface GatingOptions {
  /** Only `read` tools are registered. */
  readOnly?: boolean;
  /** Only tools in these toolsets are registered. */
  toolsets?: string[];
  /** Only these tools (by action or rendered name) are registered. */
  tools?: string[];
  /** These tools (by action or rendered name) are not registered. */
  excludeTools?: string[];
}

/**
 * Whether a tool is registered; health is always on. The reason is shown when a gated tool is
 * called. Tools of an opt-in toolset need `--toolsets` to name it, or `--tools` to name them.
 */
export function gateReason(
  tool: Pick<ToolDefinition, 'action' | 'access' | 'toolset'>,
  name: string,
  gating: GatingOptions,
  optInToolsets: readonly string[] = [],
): string | undefined {
  if (tool.action === HEALTH_ACTION) return undefined;
  const named = (list?: string[]) => list?.some((entry) => entry === tool.action || entry === name);
  if (optInToolsets.includes(tool.toolset) && !gating.toolsets?.includes(tool.toolset) && !named(gating.tools)) {
    return `${name} is in toolset "${tool.toolset}", which is off unless --toolsets names it`;
  }
  if (gating.readOnly && tool.access !== 'read') return `the server runs read-only and ${name} is a ${tool.access} tool`;
  if (gating.excludeTools && named(gating.excludeTools)) return `${name} is excluded by --exclude-tools`;
  if (gating.tools && !named(gating.tools)) return `${name} is not in --tools`;
  if (gating.toolsets && !gating.tools && !gating.toolsets.includes(tool.toolset)) {
    return `${name} is in toolset "${tool.toolset}", which is not enabled by --toolsets`;
  }
  return undefined;
}

/** Names in the gating options that match nothing are mistakes: say so at start-up. */
export function unknownGatingNames(gating: GatingOptions, toolsets: string[], names: { action: string; name: string }[]): string[] {
  const problems: string[] = [];
  for (const set of gating.toolsets ?? []) if (!toolsets.includes(set)) problems.push(`unknown toolset "${set}" (known: ${toolsets.join(', ')})`);
  const health = names.find((n) => n.action === HEALTH_ACTION);
  if (health && gating.excludeTools?.some((entry) => entry === health.action || entry === health.name)) problems.push(`${health.name} is always on`);
  for (const entry of [...(gating.tools ?? []), ...(gating.excludeTools ?? [])]) {
    if (!names.some((n) => n.action === entry || n.name === entry)) problems.push(`unknown tool "${entry}"`);
  }
  return problems;
}
