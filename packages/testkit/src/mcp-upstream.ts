import type { VendorReply } from './vendor.js';

/** One upstream tool call a bridged tool makes, and the data the hosted server answers. */
export interface McpToolCall {
  /** The upstream tool's name. */
  tool: string;
  /** Matches the arguments sent (default: any). */
  args?: (args: Record<string, unknown>) => boolean;
  /** The tool's result data, sent as its JSON text content; or a full CallToolResult with `result`. */
  data?: unknown;
  result?: { content: unknown[]; structuredContent?: unknown; isError?: boolean };
  /** The call is not made for every input (e.g. a name lookup served from a cache). */
  optional?: boolean;
  /** The upstream tool changes state (the unknown-outcome checks fault it). Default: true, the safe assumption. */
  write?: boolean;
}

/** What a 2026-07-28 hosted server answers to `server/discover`. */
export const MCP_DISCOVER_RESULT = {
  supportedVersions: ['2026-07-28'],
  capabilities: { tools: {} },
  resultType: 'complete',
  _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'fixture-upstream', version: '1.0.0' } },
};

/**
 * Fixture replies for a connector built with `defineBridge`: the hosted MCP server's answers over
 * Streamable HTTP (2026-07-28 era, stateless), one JSON-RPC POST each. The `server/discover` of a
 * new session is optional, since the bridge keeps its session between calls. `listTools` answers
 * the upstream's tools/list (what a bridge's health reads) with tools of these names.
 */
export function mcpUpstreamReplies(calls: readonly McpToolCall[], options: { path?: string; listTools?: string[] } = {}): VendorReply[] {
  const path = options.path ?? '/mcp';
  const listed = options.listTools;
  return [
    ...(listed
      ? [
          {
            method: 'POST',
            path,
            body: (body: unknown) => rpc(body)?.method === 'tools/list',
            reply: ({ body }: { body: unknown }) => [
              200,
              {
                jsonrpc: '2.0',
                id: rpc(body)?.id,
                result: { tools: listed.map((name) => ({ name, inputSchema: { type: 'object' } })), resultType: 'complete', ttlMs: 0, cacheScope: 'private' },
              },
            ],
            write: false,
          } as VendorReply,
        ]
      : []),
    {
      method: 'POST',
      path,
      body: (body) => rpc(body)?.method === 'server/discover',
      reply: ({ body }) => [200, { jsonrpc: '2.0', id: rpc(body)?.id, result: MCP_DISCOVER_RESULT }],
      optional: true,
      write: false,
    },
    ...calls.map(
      (call): VendorReply => ({
        method: 'POST',
        path,
        body: (body) => {
          const message = rpc(body);
          return message?.method === 'tools/call' && message.params?.name === call.tool && (!call.args || call.args(message.params.arguments ?? {}));
        },
        reply: ({ body }) => [
          200,
          {
            jsonrpc: '2.0',
            id: rpc(body)?.id,
            result: { ...(call.result ?? { content: [{ type: 'text', text: JSON.stringify(call.data ?? {}) }] }), resultType: 'complete' },
          },
        ],
        ...(call.optional ? { optional: true } : {}),
        write: call.write ?? true,
      }),
    ),
  ];
}

interface RpcMessage {
  id?: string | number;
  method?: string;
  params?: { name?: string; arguments?: Record<string, unknown> };
}

function rpc(body: unknown): RpcMessage | undefined {
  try {
    const value = typeof body === 'string' ? JSON.parse(body) : body;
    return typeof value === 'object' && value !== null ? (value as RpcMessage) : undefined;
  } catch {
    return undefined;
  }
}
