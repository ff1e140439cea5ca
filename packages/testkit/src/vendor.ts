import nock from 'nock';

export type VendorMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const VENDOR_METHODS: readonly VendorMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** What the vendor answers: `[status, body?, headers?]`. Objects and arrays are sent as JSON, Buffers as bytes. */
export type VendorAnswer = readonly [status: number, body?: unknown, headers?: Record<string, string>];

/** One request a tool makes and the vendor's answer to it (a nock interceptor). */
export interface VendorReply {
  /** Default GET. */
  method?: VendorMethod;
  /**
   * The request path as sent (including any path prefix of the base URL), without the query; a
   * RegExp or predicate over the path (query included); or an absolute URL on another origin.
   */
  path: string | RegExp | ((path: string) => boolean);
  /** Origin of a request that does not go to `baseUrl` (token endpoints, upload hosts). */
  origin?: string;
  /** Query matcher as in nock's `.query()`; default: any query. */
  query?: boolean | Record<string, unknown> | ((query: Record<string, unknown>) => boolean);
  /** Request body matcher as in nock: an object (equal to the JSON body), a string, RegExp or predicate. */
  body?: string | RegExp | Record<string, unknown> | unknown[] | ((body: any) => boolean);
  reply: VendorAnswer | ((request: { path: string; body: unknown }) => VendorAnswer);
  /** The tool does not make this request for every input (the testkit does not require it). */
  optional?: boolean;
  /**
   * Whether this request changes the vendor's state, for the unknown-outcome checks. Default: a
   * POST or PATCH to the base URL. Set it where the method does not say (every MCP message is a POST).
   */
  write?: boolean;
}

/**
 * The vendor side of a tool: what it requests and what the vendor answers, for its examples.
 * A function gets each example input (and its index) for tools whose requests depend on it.
 * `[]` means the tool sends no request (the fault matrix then skips it).
 */
export type ToolFixture =
  | VendorReply
  | readonly VendorReply[]
  | ((input: Record<string, unknown>, exampleIndex: number) => VendorReply | readonly VendorReply[]);

export function repliesFor(fixture: ToolFixture, input: Record<string, unknown>, exampleIndex: number): VendorReply[] {
  const value = typeof fixture === 'function' ? fixture(input, exampleIndex) : fixture;
  return Array.isArray(value) ? [...(value as readonly VendorReply[])] : [value as VendorReply];
}

export interface MountOptions {
  /** Keep answering (faults, retries) instead of answering once. */
  persist?: boolean;
  /** Treat every reply as optional. */
  optional?: boolean;
  /** Hold the answer back this long (a hung vendor). */
  delayMs?: number;
}

/** Registers the replies with nock and returns their scopes (check `isDone()` / `pendingMocks()`). */
export function mountReplies(baseUrl: string, replies: readonly VendorReply[], options: MountOptions = {}): nock.Scope[] {
  return replies.map((reply) => {
    const { interceptor } = interceptReply(baseUrl, reply, options.persist === true);
    if (reply.optional || options.optional) interceptor.optionally();
    if (options.delayMs) interceptor.delay(options.delayMs);
    const answer = reply.reply;
    if (typeof answer === 'function') {
      return interceptor.reply((uri, body) => toNock(answer({ path: uri, body })));
    }
    return interceptor.reply(...toNock(answer));
  });
}

/** A nock interceptor for the request a reply describes (method, path, query and body matchers), not answered yet. */
export function interceptReply(baseUrl: string, reply: VendorReply, persist: boolean): { scope: nock.Scope; interceptor: nock.Interceptor } {
  const { origin, path } = target(baseUrl, reply);
  const scope = nock(origin);
  if (persist) scope.persist();
  let interceptor = scope.intercept(path as string, reply.method ?? 'GET', reply.body as nock.RequestBodyMatcher);
  if (typeof reply.path === 'string' || reply.query !== undefined) {
    interceptor = interceptor.query((reply.query ?? true) as Parameters<nock.Interceptor['query']>[0]);
  }
  return { scope, interceptor };
}

/** The origin a reply is served on. */
export function replyOrigin(baseUrl: string, reply: VendorReply): string {
  return target(baseUrl, reply).origin;
}

/** `GET /v1/tasks` — for messages. */
export function describeReply(reply: VendorReply): string {
  const path = typeof reply.path === 'function' ? '(predicate)' : String(reply.path);
  return `${reply.method ?? 'GET'} ${reply.origin ?? ''}${path}`;
}

function target(baseUrl: string, reply: VendorReply): { origin: string; path: VendorReply['path'] } {
  if (typeof reply.path === 'string' && /^https?:\/\//i.test(reply.path)) {
    const url = new URL(reply.path);
    return { origin: url.origin, path: url.pathname };
  }
  return { origin: reply.origin ? new URL(reply.origin).origin : new URL(baseUrl).origin, path: reply.path };
}

function toNock([status, body, headers]: VendorAnswer): [number, nock.Body, Record<string, string>] {
  const replyHeaders = { ...headers };
  const hasType = Object.keys(replyHeaders).some((key) => key.toLowerCase() === 'content-type');
  if (body instanceof Uint8Array) return [status, Buffer.from(body), hasType ? replyHeaders : { ...replyHeaders, 'content-type': 'application/octet-stream' }];
  const isJson = body !== undefined && typeof body !== 'string';
  if (isJson && !hasType) {
    replyHeaders['content-type'] = 'application/json';
  }
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return [status, text, replyHeaders];
}
