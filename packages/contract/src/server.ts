// @connectors/contract/server: a connector as a running server: the transport-free runtime (what
// tests, benchmarks and composing servers drive), MCP over stdio and Streamable HTTP, resource
// watching, and the build-time schema manifest.
export { pollBounds } from './definition/connector.js';
export { annotationsFor } from './definition/tool.js';
export type { GatingOptions } from './runtime/gating.js';
export type { WatcherHost, WatcherOptions } from './runtime/resource-watcher.js';
export { ResourceWatcher } from './runtime/resource-watcher.js';
export { ConnectorRuntime } from './runtime/runtime.js';
export { toolSchemaManifest } from './runtime/schema-manifest.js';
export type { ToolSchemaManifest } from './runtime/tool-schemas.js';
export type { ProgressUpdate, ResourceDescriptor, ResourceRead, ResourceTemplateDescriptor, RuntimeOptions, ToolDescriptor } from './runtime/types.js';
export type { HttpServerOptions, RunningHttpServer } from './server/http-server.js';
export type { CreateMcpServerOptions } from './server/mcp.js';
export { createMcpServer, serveHttp, serveStdio } from './server/mcp.js';
export { envNames as gatingEnvNames } from './cli/options.js';
