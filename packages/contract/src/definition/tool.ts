import type { z } from 'zod';
import type { Logger } from '../core/logger.js';
import type { ConfigSpec, ConfigValues } from './config.js';
import { ACTION_PATTERN } from './names.js';

export type Access = 'read' | 'write' | 'destructive';

/** What a handler gets besides its validated input. */
export interface ToolContext<Client = unknown, S extends ConfigSpec = any> {
  /** The connector's vendor client, built once from its configuration (on first use). */
  readonly client: Client;
  config: ConfigValues<S>;
  /** The rendered tool name, e.g. `jira_search_issues`. */
  tool: string;
  requestId: string;
  signal: AbortSignal;
  log: Logger;
  /** The idempotency key of this call, for vendors that accept one natively. */
  idempotencyKey?: string;
  /** Opaque cursors scoped to this tool. */
  cursor: {
    encode(state: unknown): string;
    decode<T>(cursor: string, schema: z.ZodType<T>): T;
  };
  /**
   * For a call that takes long (a build waited for, a command run): tells the client it is still
   * going, as MCP progress, which clients show and reset their request timeout on. `done` and
   * `total` are in the tool's own unit (seconds waited, items done). A no-op when the client did
   * not ask for progress.
   */
  progress(message: string, done?: number, total?: number): void;
}

export interface ToolReturn<T> {
  data: T;
  nextCursor?: string;
  warnings?: string[];
}

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodType = z.ZodType, Client = any, S extends ConfigSpec = any> {
  /** snake_case verb phrase, e.g. `search_issues`; rendered as `<connector>_<action>`. */
  action: string;
  title: string;
  /** One or two sentences a model can act on: what it does, when to use it. */
  description: string;
  toolset: string;
  access: Access;
  /** A write that is safe to repeat with the same input (e.g. a PUT of full state). */
  idempotent?: boolean;
  /**
   * The handler passes `ctx.idempotencyKey` to the vendor, which deduplicates by it (e.g. Discord's
   * enforced nonce): a repeat after an unknown outcome may simply be sent again.
   */
  nativeIdempotencyKey?: boolean;
  /**
   * After an attempt with this idempotencyKey had an unknown outcome, finds what it wrote: the
   * result as the handler would have returned it, or undefined when the write did not happen.
   */
  recover?: (input: z.output<I>, ctx: ToolContext<Client, S>) => Promise<ToolReturn<z.input<O>> | undefined>;
  /** Actions of read tools that show whether this write happened, named when a repeat cannot tell. */
  checkWith?: string[];
  /**
   * This tool's call deadline in ms, for tools that wait on purpose (a command that runs for
   * minutes, a build watched to the end); default the runtime's `callTimeoutMs` (55 s).
   */
  timeoutMs?: number;
  /**
   * The OAuth scope this tool needs, for vendors that grant one per capability: when the granted
   * scopes are known (`grantedScopes`), a tool without its scope is not registered.
   */
  scope?: string;
  input: I;
  /** Schema of `data` in the success envelope. */
  output: O;
  /** At least one valid input, used by docs, the testkit fault matrix and the demo. */
  examples: [z.input<I>, ...z.input<I>[]];
  // Properties, not methods: TypeScript then checks a handler's context strictly, so a tool written
  // for another connector's client does not compile into this one.
  handler: (input: z.output<I>, ctx: ToolContext<Client, S>) => Promise<ToolReturn<z.input<O>>>;
}

/** What `health` gets: the context of an ordinary read tool without arguments. */
export type HealthContext<Client = unknown, S extends ConfigSpec = any> = Omit<ToolContext<Client, S>, 'cursor' | 'idempotencyKey'>;

export function defineTool<I extends z.ZodObject, O extends z.ZodType, Client = any, S extends ConfigSpec = any>(
  tool: ToolDefinition<I, O, Client, S>,
): ToolDefinition<I, O, Client, S> {
  if (!ACTION_PATTERN.test(tool.action)) throw new Error(`Tool action "${tool.action}" must be snake_case (${ACTION_PATTERN}).`);
  if (!tool.description.trim()) throw new Error(`Tool "${tool.action}" needs a description.`);
  if (tool.examples.length === 0) throw new Error(`Tool "${tool.action}" needs at least one example input.`);
  // Examples are not parsed here: a first parse compiles the schema's validator, which every server
  // start would pay for every tool. The testkit runs each example and reports one its schema rejects.
  return tool;
}

/**
 * A `defineTool` bound to one connector's client and configuration, so every handler's `ctx.client`
 * and `ctx.config` are typed without annotations:
 * `export const jiraTool = toolFor<JiraClient, typeof config>();` then `jiraTool({ ... })`.
 */
export function toolFor<Client, S extends ConfigSpec = ConfigSpec>(): ToolFactory<Client, S> {
  return (tool) => defineTool(tool);
}

/**
 * What `toolFor` returns. Named, so a connector's `export const acmeTool = toolFor<…>()` has a
 * type its declarations can spell through @connectors/contract, whatever the install layout.
 */
export type ToolFactory<Client, S extends ConfigSpec = ConfigSpec> = <I extends z.ZodObject, O extends z.ZodType>(
  tool: ToolDefinition<I, O, Client, S>,
) => ToolDefinition<I, O, Client, S>;

/** MCP annotations derived from access, never hand-written. */
export function annotationsFor(tool: Pick<ToolDefinition, 'access' | 'idempotent' | 'title'>) {
  return {
    title: tool.title,
    readOnlyHint: tool.access === 'read',
    destructiveHint: tool.access === 'destructive',
    idempotentHint: tool.access === 'read' || tool.idempotent === true,
    openWorldHint: true,
  };
}
