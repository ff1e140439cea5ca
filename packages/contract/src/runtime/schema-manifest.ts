import type { ConnectorDefinition } from '../definition/connector.js';
import { ConnectorRuntime } from './runtime.js';
import type { ToolSchemaManifest } from './tool-schemas.js';

/** Every tool's schemas, as tools/list shows them: what `connectorBuild` writes after a build. */
export async function toolSchemaManifest(connector: ConnectorDefinition, buildId: string): Promise<ToolSchemaManifest> {
  const tools: ToolSchemaManifest['tools'] = {};
  // Nothing is configured or called: the runtime only describes the tools, every one of them.
  for (const { action, inputSchema, outputSchema } of new ConnectorRuntime(connector, { env: {}, logLevel: 'silent' }).describeAll()) {
    tools[action] = { inputSchema, outputSchema };
  }
  return { buildId, tools };
}
