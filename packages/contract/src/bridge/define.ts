import { z } from 'zod';
import { envVar, type ConfigSpec, type ConfigValues } from '../definition/config.js';
import { inputs } from '../definition/inputs.js';
import { defineConnector, type ConnectorDefinition, type HealthReport } from '../definition/connector.js';
import { packageNameOf } from '../definition/names.js';
import type { Access, ToolContext, ToolDefinition } from '../definition/tool.js';
import type { ErrorCode } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { ResourceDefinition } from '../definition/resources.js';
import { classifyUpstreamHttp, toolResultError, type UpstreamErrorHints } from './errors.js';
import { discoveredLogin } from './discovery.js';
import { McpUpstream } from './upstream.js';

/** What a bridged tool's `args` and the health report get: calls to other upstream tools of the same session. */
export interface BridgeContext {
  /** Calls an upstream read tool and returns its result data (structured content, else its JSON text). */
  read(upstreamTool: string, args?: Record<string, unknown>): Promise<unknown>;
  log: Logger;
}

/** One upstream tool as this connector serves it. */
export interface BridgedTool<I extends z.ZodObject = z.ZodObject, O extends z.ZodType = z.ZodType> {
  /** The upstream's tool name. */
  upstream: string;
  /** Our action (rendered `<id>_<action>`); defaults to the upstream name. */
  action?: string;
  title: string;
  description: string;
  toolset: string;
  access: Access;
  /** The OAuth scope the upstream checks for this tool: without it the tool is not registered. */
  scope?: string;
  idempotent?: boolean;
  checkWith?: string[];
  timeoutMs?: number;
  /** Our input schema, with limits; `cursor` and `idempotencyKey` are handled by the bridge. */
  input: I;
  output: O;
  examples: [z.input<I>, ...z.input<I>[]];
  /**
   * The upstream arguments for a valid input, without `idempotencyKey` and `cursor` (default: that
   * input as is). Resolve names to ids here.
   */
  args?: (input: Omit<z.output<I>, 'idempotencyKey' | 'cursor'>, ctx: BridgeContext) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Shapes the upstream's result data into ours (default: as is). */
  project?: (data: any, input: z.output<I>) => z.input<O>;
}

/**
 * A bridged tool with its input and output types inferred, so `args` and `project` see the
 * validated input as its schema says (no casts): `export const listTasks = bridgedTool({ ... })`.
 */
export function bridgedTool<I extends z.ZodObject, O extends z.ZodType>(tool: BridgedTool<I, O>): BridgedTool<I, O> {
  return tool;
}

export interface BridgeSpec {
  /** Lowercase id, as for any connector. */
  id: string;
  title: string;
  version: string;
  description: string;
  packageName?: string;
  setup?: string;
  toolsets: Record<string, string>;
  optInToolsets?: string[];
  upstream: {
    /** The hosted MCP server's Streamable HTTP URL. */
    url: string;
    /** Environment variable names: the URL override, a bearer token instead of OAuth, and a scope restriction. */
    env: { url: string; token: string; scopes: string };
    /** An https URL serving this client's Client ID Metadata Document, used where the server supports them. */
    clientMetadataUrl?: string;
  };
  tools: BridgedTool<any, any>[];
  /** The upstream read that health calls, and what of its answer to report. */
  health?: { tool: string; report: (data: any) => Record<string, unknown> };
  /** Turns an upstream tool's error text into a code, for servers that say "not found" in words. */
  classifyToolError?: (text: string) => ErrorCode | undefined;
  resources?: ResourceDefinition[];
  pollIntervalMs?: number;
}

/** What a bridged connector's handlers hold: the upstream session and the configured auth. */
export interface BridgeClient {
  upstream: McpUpstream;
  authMode: 'token' | 'oauth';
  context: BridgeContext;
  /** Called by the runtime's warm-up: loads the MCP client SDK, sends nothing. */
  warmUp(): Promise<void>;
}

/**
 * A connector whose vendor is a hosted MCP server: every mapped tool is served under our name with
 * our schema, envelope, errors, gating and idempotency, and sent to the upstream's tool of the same
 * meaning. Upstream tools the mapping does not name are never served.
 */
export function defineBridge(spec: BridgeSpec): ConnectorDefinition<ConfigSpec, BridgeClient> {
  const { env } = spec.upstream;
  const command = `npx -y ${packageNameOf(spec)}`;
  const config: ConfigSpec = {
    [env.url]: envVar.url(`${spec.title} MCP server URL.`, { default: spec.upstream.url }),
    [env.token]: envVar.secret(`A bearer token for the ${spec.title} MCP server, instead of \`auth login\`.`),
    [env.scopes]: envVar.string('Scopes to use, space- or comma-separated: tools that need others are not registered, and `auth login` asks for these only.', {
      example: scopesOf(spec.tools).slice(0, 2).join(' '),
    }),
  };
  const restriction = (values: ConfigValues) => splitScopes(values[env.scopes]);
  const hints = (values: ConfigValues): UpstreamErrorHints => ({
    signIn: () =>
      values[env.token] ? `Check ${env.token}, or unset it and run \`${command} auth login\`.` : `Run \`${command} auth login\` to sign in again.`,
    ...(spec.classifyToolError ? { classifyToolError: spec.classifyToolError } : {}),
  });

  return defineConnector<ConfigSpec, BridgeClient>({
    id: spec.id,
    title: spec.title,
    version: spec.version,
    description: spec.description,
    ...(spec.packageName ? { packageName: spec.packageName } : {}),
    ...(spec.setup ? { setup: spec.setup } : {}),
    config,
    // Upstream tools the mapping does not name: served only when `--toolsets` names this toolset.
    toolsets: {
      ...spec.toolsets,
      [UNMAPPED]: `${spec.title} tools this connector does not map, as the upstream describes them (off unless --toolsets names it).`,
    },
    optInToolsets: [...(spec.optInToolsets ?? []), UNMAPPED],
    runtimeTools: {
      toolset: UNMAPPED,
      load: async ({ client }) => {
        const mapped = new Set(spec.tools.map((tool) => tool.upstream));
        return (await client.upstream.listTools()).filter((tool) => !mapped.has(tool.name)).map((tool) => unmappedTool(tool, spec, hints));
      },
    },
    ...(spec.resources ? { resources: spec.resources } : {}),
    ...(spec.pollIntervalMs ? { pollIntervalMs: spec.pollIntervalMs } : {}),
    oauth: {
      discover: {
        resource: (values) => values[env.url]!,
        login: discoveredLogin,
        clientName: `${spec.title} for MCP clients (${packageNameOf(spec)})`,
        ...(spec.upstream.clientMetadataUrl ? { clientMetadataUrl: spec.upstream.clientMetadataUrl } : {}),
      },
      // A bearer token instead needs no login.
      inUse: (values) => values[env.token] === undefined,
      // One saved login per upstream host: a token goes back only to the server it came from.
      loginKey: (values) => new URL(values[env.url]!).host.replace(':', '-'),
      scopes: ({ config: values, readOnly, toolsets }) => {
        const tools = spec.tools.filter((tool) => (!readOnly || tool.access === 'read') && (!toolsets || toolsets.includes(tool.toolset)));
        const only = restriction(values);
        return scopesOf(tools).filter((scope) => !only || only.includes(scope));
      },
    },
    // A bearer token's scopes are unknown: the restriction alone, else every tool.
    grantedScopes: (values, login) => {
      const only = restriction(values);
      const known = values[env.token] ? undefined : login;
      if (!known) return only;
      return only ? known.filter((scope) => only.includes(scope)) : known;
    },
    client: (values, deps) => {
      const url = values[env.url]!;
      const token = values[env.token];
      const auth = token
        ? { headers: () => ({ authorization: `Bearer ${token}` }) }
        : (() => {
            const login = deps.oauth!.httpAuth();
            return { headers: login.headers, onUnauthorized: login.onUnauthorized };
          })();
      const http = deps.http({
        baseUrl: url,
        vendor: spec.title,
        ...auth,
        classifyError: (response) => classifyUpstreamHttp(response, spec.title, hints(values)),
      });
      const reads = new Set(spec.tools.filter((tool) => tool.access === 'read').map((tool) => tool.upstream));
      const upstream = new McpUpstream({
        url,
        vendor: spec.title,
        http,
        clientInfo: { name: packageNameOf(spec), version: spec.version },
        reads,
        log: deps.log,
      });
      const context: BridgeContext = {
        read: async (tool, args = {}) => resultData(await upstream.callTool(tool, args), spec.title, hints(values)),
        log: deps.log,
      };
      return { upstream, authMode: token ? 'token' : 'oauth', context, warmUp: () => upstream.warmUp() };
    },
    health: async (ctx) => {
      const { client } = ctx;
      const report: HealthReport = { authMode: client.authMode === 'token' ? `bearer token (${env.token})` : 'oauth' };
      const only = restriction(ctx.config);
      if (client.authMode === 'token' && only) report.scopes = only;
      // The upstream's own list: mapped tools it no longer has are drift to report, not to discover by failing calls.
      const listed = await client.upstream.listTools();
      const names = new Set(listed.map((tool) => tool.name));
      const mapped = new Set(spec.tools.map((tool) => tool.upstream));
      const missing = [...mapped].filter((name) => !names.has(name));
      const protocol = await client.upstream.era();
      report.upstream = {
        url: ctx.config[env.url],
        ...(protocol ? { protocol } : {}),
        tools: listed.length,
        unmapped: listed.filter((tool) => !mapped.has(tool.name)).length,
        ...(missing.length ? { missing } : {}),
      };
      if (!spec.health) return report;
      try {
        return { ...report, ...spec.health.report(await client.context.read(spec.health.tool)) };
      } catch (error) {
        // A login without the health tool's scope is still a working login.
        if ((error as { code?: string }).code !== 'forbidden') throw error;
        return { ...report, healthSkipped: (error as Error).message };
      }
    },
    tools: spec.tools.map((tool) => toolFromBridged(tool, spec, hints)),
  });
}

/** The toolset of upstream tools the mapping does not name. */
const UNMAPPED = 'upstream';

/**
 * An upstream tool the mapping does not name, as the upstream describes it: its JSON Schema as the
 * input (validated here too), its annotations for the access, no projection.
 */
function unmappedTool(
  tool: UpstreamTool,
  spec: BridgeSpec,
  hints: (values: ConfigValues) => UpstreamErrorHints,
): ToolDefinition<z.ZodObject, z.ZodType, BridgeClient> {
  const annotations = tool.annotations ?? {};
  const access: Access = annotations.readOnlyHint ? 'read' : annotations.destructiveHint ? 'destructive' : 'write';
  const input = objectSchema(tool.inputSchema);
  const description = (tool.description ?? '').replace(/\s+/g, ' ').trim().slice(0, 1_000) || `${spec.title}'s ${tool.name} tool.`;
  return toolFromBridged(
    {
      upstream: tool.name,
      action: tool.name
        .toLowerCase()
        .replace(/[^a-z0-9_]+/g, '_')
        .replace(/^[^a-z]+/, ''),
      title: tool.title ?? annotations.title ?? tool.name,
      description,
      toolset: UNMAPPED,
      access,
      ...(annotations.idempotentHint ? { idempotent: true } : {}),
      input: access === 'read' || 'idempotencyKey' in input.shape ? input : input.extend({ idempotencyKey: inputs.idempotencyKey() }),
      output: z.unknown(),
      examples: [{}],
    },
    spec,
    hints,
  );
}

/** An upstream tool's JSON Schema as a zod object; one that is not an object schema takes any object. */
function objectSchema(schema: unknown): z.ZodObject {
  try {
    const converted = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    if (converted instanceof z.ZodObject) return converted;
  } catch {
    // A schema zod cannot read: the upstream validates the arguments itself.
  }
  return z.looseObject({});
}

interface UpstreamTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: unknown;
  annotations?: { title?: string; readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean };
}

function toolFromBridged(
  tool: BridgedTool,
  spec: BridgeSpec,
  hints: (values: ConfigValues) => UpstreamErrorHints,
): ToolDefinition<z.ZodObject, z.ZodType, BridgeClient> {
  const { upstream, args, project, ...rest } = tool;
  const paged = 'cursor' in tool.input.shape;
  return {
    ...rest,
    action: tool.action ?? upstream,
    handler: async (input: Record<string, unknown>, ctx: ToolContext<BridgeClient>) => {
      const { idempotencyKey: _key, cursor, ...plain } = input;
      const sent = args ? await args(plain, ctx.client.context) : plain;
      // Our cursor wraps the upstream's, so it cannot be replayed against another tool.
      if (paged && typeof cursor === 'string') sent.cursor = ctx.cursor.decode(cursor, z.object({ c: z.string() })).c;
      const result = await ctx.client.upstream.callTool(upstream, sent);
      const data = resultData(result, spec.title, hints(ctx.config));
      // The upstream's next page goes out as our cursor, not inside data.
      let body = data;
      let next: string | undefined;
      if (paged && isRecord(data) && 'nextCursor' in data) {
        const { nextCursor, ...rest } = data;
        body = rest;
        if (typeof nextCursor === 'string' && nextCursor) next = nextCursor;
      }
      return { data: project ? project(body, input) : body, ...(next ? { nextCursor: ctx.cursor.encode({ c: next }) } : {}) };
    },
  } as ToolDefinition<z.ZodObject, z.ZodType, BridgeClient>;
}

/** An upstream tool result's data: its structured content, else its text parsed as JSON, else the text. An error result throws. */
function resultData(result: { isError?: boolean; content?: unknown; structuredContent?: unknown }, vendor: string, hints: UpstreamErrorHints): unknown {
  if (result.isError) throw toolResultError(result.content, vendor, hints);
  if (result.structuredContent !== undefined) return result.structuredContent;
  const texts = Array.isArray(result.content) ? result.content.filter((b: { type?: string }) => b?.type === 'text').map((b: { text: string }) => b.text) : [];
  if (texts.length === 0) return {};
  const text = texts.join('\n');
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
}

function scopesOf(tools: readonly { scope?: string }[]): string[] {
  return [...new Set(tools.map((tool) => tool.scope).filter((scope): scope is string => scope !== undefined))];
}

function splitScopes(value: string | undefined): string[] | undefined {
  const scopes = value?.split(/[\s,]+/).filter(Boolean);
  return scopes?.length ? scopes : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
