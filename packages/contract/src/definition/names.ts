// How tools are named: the patterns names must match, the rendered `<namespace>_<action>`, and the
// built-in health tool's action.

/** The action of the tool every connector has, registered by the runtime (`<id>_health`). */
export const HEALTH_ACTION = 'health';

/** What naming needs of a connector: its id, namespaces and each tool's toolset. */
export interface NamedConnector {
  id: string;
  namespaces?: Record<string, string>;
  tools: readonly { action: string; toolset: string }[];
}

export const ACTION_PATTERN = /^[a-z][a-z0-9_]*$/;
export const ID_PATTERN = /^[a-z][a-z0-9-]*$/;
/** What Claude, OpenAI and Anthropic APIs accept as a tool name. */
export const PORTABLE_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
export type ToolSeparator = '_' | '.';

export function toolName(connectorId: string, action: string, separator: ToolSeparator = '_'): string {
  return `${connectorId.replace(/-/g, '_')}${separator}${action}`;
}

/** The name a connector's tool is served under: its toolset's namespace, else the connector id. */
export function toolNameOf(connector: NamedConnector, action: string, separator: ToolSeparator = '_'): string {
  const toolset = action === HEALTH_ACTION ? undefined : connector.tools.find((tool) => tool.action === action)?.toolset;
  return toolName((toolset && connector.namespaces?.[toolset]) || connector.id, action, separator);
}

/** Claude Code and others show a tool as `mcp__<server>__<tool>`, and reject that name above 64 characters. */
export const CLIENT_PREFIXED_MAX = 64;

/** Throws when a rendered name would break the rule clients enforce. */
export function assertToolName(connector: NamedConnector, action: string, separator: ToolSeparator): string {
  const name = toolNameOf(connector, action, separator);
  const rule = separator === '.' ? /^[a-zA-Z0-9_.-]{1,64}$/ : PORTABLE_NAME;
  if (!rule.test(name)) throw new Error(`Tool name "${name}" is invalid: names must match ${rule}.`);
  return name;
}

/** The npm package a user runs with `npx -y` for this connector. */
export function packageNameOf(connector: { id: string; packageName?: string }): string {
  return connector.packageName ?? `@connectors/${connector.id}`;
}
