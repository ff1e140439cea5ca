// @connectors/contract: what a connector author needs to define tools, a connector and its bin.
// Everything else has its own entry: /server (runtime and MCP serving), /state (idempotency and
// token storage backends), /oauth (login flows and the token store), /clients (MCP client config
// snippets), /build (the tsup configuration). api/index.txt lists these exports: a new one is a decision.
export { z } from 'zod';
export type { CallScope } from './core/call-scope.js';
export { currentCallScope } from './core/call-scope.js';
export type { Envelope, ErrorEnvelope, Meta, RateLimit, SuccessEnvelope, ToolCallResult } from './core/envelope.js';
export { envelopeSchema } from './core/envelope.js';
export type { ErrorCode, ErrorInfo } from './core/errors.js';
export { ConnectorError, ERROR_CODES, isConnectorError } from './core/errors.js';
export type { Logger, LogLevel } from './core/logger.js';
export { stableJson } from './core/stable-json.js';
export type { ConfigSpec, ConfigValues, EnvVarSpec, Requirements } from './definition/config.js';
export { envVar, loadConfig } from './definition/config.js';
export type { ClientDeps, ConnectorDefinition, HealthReport, VendorHttpOptions } from './definition/connector.js';
export { defineConnector } from './definition/connector.js';
export { inputs } from './definition/inputs.js';
export type { ToolSeparator } from './definition/names.js';
export { packageNameOf, PORTABLE_NAME, toolName, toolNameOf } from './definition/names.js';
export type { OAuthSession, OAuthSpec, OAuthUrl, ScopeContext, StoredTokens } from './definition/oauth-spec.js';
export type { ResourceDefinition } from './definition/resources.js';
export { resourceUri } from './definition/resources.js';
export type { Access, HealthContext, ToolContext, ToolDefinition, ToolFactory, ToolReturn } from './definition/tool.js';
export { defineTool, toolFor } from './definition/tool.js';
export type { HttpClientOptions, HttpMethod, HttpRequest, VendorResponse } from './http/client.js';
export { HttpClient, parseRetryAfter, urlPath } from './http/client.js';
export type { RateLimitHeaderNames } from './http/rate-limit.js';
export { rateLimitHeaders, resetTime } from './http/rate-limit.js';
export type { BridgeClient, BridgeContext, BridgedTool, BridgeSpec } from './bridge/define.js';
export { bridgedTool, defineBridge } from './bridge/define.js';
export type { CliIo } from './cli/run.js';
export { runCli } from './cli/run.js';
