// @connectors/contract/clients: the MCP clients `configure` writes to, and their config snippets
// (what the docs generator and the testkit's README checks show).
export type { McpClient } from './cli/configure/clients.js';
export { clientConfigPath, MCP_CLIENTS, README_CLIENTS } from './cli/configure/clients.js';
export { ClientConfigError } from './cli/configure/formats.js';
export type { ClientConfigOptions, ClientConfigSnippet, MergeAction, ServerEntry, VsCodeInput } from './cli/configure/snippet.js';
export { clientConfigSnippet, mergeClientConfig, placeholderFor, snippetText } from './cli/configure/snippet.js';
