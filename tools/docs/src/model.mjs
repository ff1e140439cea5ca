/**
 * What the docs say about one connector, read from its definition through the contract itself
 * (the same ConnectorRuntime that answers tools/list), so names and schemas cannot drift.
 */
import { ConnectorRuntime, pollBounds } from '@connectors/contract/server';
import { loadConfig, toolNameOf } from '@connectors/contract';
import { parameterRows } from './params.mjs';

export function describeConnector(connector) {
  // Empty env: missing configuration never stops tools/list, and no real value can leak into docs.
  // The config dir points nowhere, so a login saved on this machine cannot narrow the tools listed.
  const runtime = new ConnectorRuntime(connector, { env: { HOME: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent' }, logLevel: 'silent' });
  const definitionOf = new Map(connector.tools.map((tool) => [toolNameOf(connector, tool.action), tool]));
  const tools = runtime.listTools().map((descriptor) => ({
    name: descriptor.name,
    action: definitionOf.get(descriptor.name)?.action ?? 'health',
    title: descriptor.title,
    description: descriptor.description,
    access: accessOf(descriptor.annotations),
    idempotent: descriptor.annotations.idempotentHint,
    // Only the built-in health tool has no toolset of the connector's: it is always on.
    toolset: definitionOf.get(descriptor.name)?.toolset,
    // The OAuth scope the tool needs, for connectors that grant one per tool.
    scope: definitionOf.get(descriptor.name)?.scope,
    params: parameterRows(descriptor.inputSchema),
  }));
  return {
    id: connector.id,
    title: connector.title,
    description: connector.description,
    setup: connector.setup,
    packageName: `@connectors/${connector.id}`,
    conditionalRequirements: typeof connector.requires === 'function',
    // Subscriptions poll: the default interval and the least a user may set (--poll-interval).
    poll: connector.resources?.length ? { defaultSeconds: pollBounds(connector).defaultMs / 1000, minSeconds: pollBounds(connector).minMs / 1000 } : undefined,
    oauth: connector.oauth ? { scopes: scopesOf(connector, false), readOnlyScopes: scopesOf(connector, true) } : undefined,
    config: Object.entries(connector.config).map(([name, spec]) => ({
      name,
      required: spec.required === true,
      secret: spec.secret === true,
      description: spec.description,
      // Never print a secret's value, not even a default one.
      default: spec.default === undefined ? undefined : spec.secret ? '(hidden)' : spec.default,
      example: spec.example,
    })),
    toolsets: Object.entries(connector.toolsets).map(([name, description]) => ({
      name,
      description,
      tools: tools.filter((tool) => tool.toolset === name).map((tool) => tool.name),
    })),
    tools,
  };
}

function accessOf(annotations) {
  return annotations.readOnlyHint ? 'read' : annotations.destructiveHint ? 'destructive' : 'write';
}

export function countByAccess(tools) {
  const counts = { read: 0, write: 0, destructive: 0 };
  for (const tool of tools) counts[tool.access] += 1;
  return counts;
}

/** The scopes a login asks for with the default configuration (a spec may compute them). */
function scopesOf(connector, readOnly) {
  const { scopes } = connector.oauth;
  return typeof scopes === 'function' ? scopes({ config: loadConfig(connector.config, {}).values, readOnly }) : scopes;
}
