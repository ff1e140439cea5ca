import { ConnectorRuntime, type ProgressUpdate, type ResourceRead, type RuntimeOptions, type ToolDescriptor } from '@connectors/contract/server';
import {
  toolNameOf,
  type ConnectorDefinition,
  type Envelope,
  type ErrorCode,
  type ErrorEnvelope,
  type SuccessEnvelope,
  type ToolCallResult,
} from '@connectors/contract';
import { resolveTestEnv } from './env.js';

export interface TestRuntimeOptions extends Omit<RuntimeOptions, 'env'> {
  /**
   * Configuration. Secret variables you leave out get a unique canary value; set one to
   * `undefined` to keep it unset. `process.env` is never read.
   */
  env?: Record<string, string | undefined>;
  /** Extra values that must never appear in output, e.g. tokens your fixtures hand out. */
  canaries?: Record<string, string>;
  /** Per-request timeout of the connector's HTTP client (default 1000 ms). */
  timeoutMs?: number;
}

/** An HTTP request the connector sent through the injected `fetch`. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body when it was text (JSON, form), else undefined. */
  body: string | undefined;
}

/** One piece of text that left the runtime: a listing, a result, a log line, bin output. */
export interface OutputRecord {
  source: string;
  text: string;
}

/**
 * A ConnectorRuntime wired for tests: configuration from `env` only (secrets default to canaries),
 * an instant retry `sleep`, a short timeout, every request and every output recorded.
 */
export class TestRuntime {
  readonly runtime: ConnectorRuntime;
  readonly connector: ConnectorDefinition;
  /** The configuration the runtime was built from. */
  readonly env: Record<string, string>;
  /** Name → value of every secret (and extra canary) that must never appear in output. */
  readonly canaries: Record<string, string>;
  /** Requests sent through the injected fetch, oldest first. */
  readonly requests: RecordedRequest[] = [];
  /** Log lines (debug and up unless `logLevel` says otherwise). */
  readonly logs: string[] = [];
  /** Everything that left the runtime: tools/list, results, logs; the testkit appends bin output. */
  readonly output: OutputRecord[] = [];
  /** Every wait the HTTP client asked for between retries, in ms (none of them really waited). */
  readonly sleeps: number[] = [];
  private readonly separator: '_' | '.';

  constructor(connector: ConnectorDefinition, options: TestRuntimeOptions = {}) {
    const { env: given, canaries: extra, fetch: innerFetch, sleep, logWrite, ...rest } = options;
    const { env, canaries } = resolveTestEnv(connector, given);
    this.connector = connector;
    this.env = env;
    this.canaries = { ...canaries, ...extra };
    this.separator = options.toolSeparator ?? '_';
    const recordingFetch: typeof fetch = (input, init) => {
      this.requests.push(describeRequest(input, init));
      // Resolved per call so nock's patched global fetch is used even if nock loaded later.
      return (innerFetch ?? globalThis.fetch)(input, init);
    };
    this.runtime = new ConnectorRuntime(connector, {
      logLevel: 'debug',
      timeoutMs: 1000,
      ...rest,
      env,
      fetch: recordingFetch,
      sleep: async (ms) => {
        this.sleeps.push(ms);
        if (sleep) await sleep(ms);
      },
      logWrite: (line) => {
        this.logs.push(line);
        this.record('log', line);
        logWrite?.(line);
      },
    });
  }

  /**
   * `list_tasks` → `starter_list_tasks`; full names pass through. A tool of the connector that
   * gating leaves out gets its name too, so a call answers as a client's would (not_permitted).
   */
  toolName(nameOrAction: string): string {
    const names = this.runtime.toolNames();
    if (names.includes(nameOrAction)) return nameOrAction;
    const prefixed = toolNameOf(this.connector, nameOrAction, this.separator);
    if (names.includes(prefixed)) return prefixed;
    const declared = nameOrAction === 'health' || this.connector.tools.some((tool) => tool.action === nameOrAction);
    return declared ? prefixed : nameOrAction;
  }

  listTools(): ToolDescriptor[] {
    const tools = this.runtime.listTools();
    this.record('tools/list', JSON.stringify({ tools }));
    return tools;
  }

  /** Calls a tool (by action or full name) and returns the envelope. */
  async callTool(nameOrAction: string, args: unknown = {}): Promise<Envelope> {
    return (await this.callToolResult(nameOrAction, args)).structuredContent;
  }

  /** Calls a tool and returns the whole MCP result (content, structuredContent, isError). */
  async callToolResult(nameOrAction: string, args: unknown = {}, signal?: AbortSignal, onProgress?: (update: ProgressUpdate) => void): Promise<ToolCallResult> {
    const name = this.toolName(nameOrAction);
    const result = await this.runtime.callTool(name, args, signal, onProgress);
    for (const block of result.content) this.record(`result of ${name}`, block.text);
    this.record(`result of ${name}`, JSON.stringify(result.structuredContent));
    return result;
  }

  /**
   * `call('get_task', { taskId })`: calls a tool by action (or full name) and returns the whole
   * result, as tools/call answers it; `signal` and `onProgress` as in `ConnectorRuntime.callTool`.
   * Bound, so `const { call } = kit` works.
   */
  readonly call = (nameOrAction: string, args: unknown = {}, signal?: AbortSignal, onProgress?: (update: ProgressUpdate) => void): Promise<ToolCallResult> =>
    this.callToolResult(nameOrAction, args, signal, onProgress);

  /** Reads a resource by URI (resources/read) and records its text as output. */
  async readResource(uri: string, signal?: AbortSignal): Promise<ResourceRead> {
    const read = await this.runtime.readResource(uri, signal);
    this.record(`resource ${uri}`, read.ok ? read.text : JSON.stringify(read.error));
    return read;
  }

  record(source: string, text: string): void {
    this.output.push({ source, text });
  }
}

export function createTestRuntime(connector: ConnectorDefinition, options: TestRuntimeOptions = {}): TestRuntime {
  return new TestRuntime(connector, options);
}

/** Calls a tool on a TestRuntime or a plain ConnectorRuntime and returns the parsed envelope. */
export async function callTool(target: TestRuntime | ConnectorRuntime, nameOrAction: string, args: unknown = {}): Promise<Envelope> {
  if (target instanceof TestRuntime) return target.callTool(nameOrAction, args);
  const names = target.toolNames();
  const candidates = [nameOrAction, toolNameOf(target.connector, nameOrAction, '_'), toolNameOf(target.connector, nameOrAction, '.')];
  const name = candidates.find((candidate) => names.includes(candidate)) ?? nameOrAction;
  const result = await target.callTool(name, args);
  return JSON.parse(result.content[0]!.text) as Envelope;
}

/** Asserts a success envelope and returns it typed; the message names the error otherwise. */
export function expectOk<T = unknown>(envelope: Envelope): SuccessEnvelope<T> {
  if (!envelope.ok) {
    const { code, message } = envelope.error;
    throw new Error(`Expected a success envelope, got ${code}: ${message}`);
  }
  return envelope as SuccessEnvelope<T>;
}

/** Asserts an error envelope (with `code`, when given) and returns it. */
export function expectError(envelope: Envelope, code?: ErrorCode): ErrorEnvelope {
  if (envelope.ok) throw new Error(`Expected ${code ? `a ${code} error` : 'an error'} envelope, got a success: ${JSON.stringify(envelope.data).slice(0, 200)}`);
  if (code && envelope.error.code !== code) throw new Error(`Expected error ${code}, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope;
}

function describeRequest(input: Parameters<typeof fetch>[0], init: Parameters<typeof fetch>[1]): RecordedRequest {
  const request = typeof input === 'object' && 'method' in input ? input : undefined;
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const headers = Object.fromEntries(new Headers(init?.headers ?? request?.headers));
  const body = typeof init?.body === 'string' ? init.body : init?.body instanceof URLSearchParams ? init.body.toString() : undefined;
  return { method: (init?.method ?? request?.method ?? 'GET').toUpperCase(), url, headers, body };
}
