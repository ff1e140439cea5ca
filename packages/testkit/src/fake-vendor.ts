import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { watchUnmatched } from './calls.js';

/** One request that reached a fake vendor, as the connector sent it. */
export interface SentRequest {
  /** Upper case, e.g. `GET`. */
  method: string;
  /** The path as sent (still percent-encoded, with any base-URL prefix), without the query string. */
  path: string;
  /** Query parameters; a parameter given more than once is an array, in order. */
  query: Record<string, string | string[]>;
  /** Header names in lower case; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /**
   * The body: parsed JSON, an object for `application/x-www-form-urlencoded`, the raw text for
   * anything else, undefined when empty.
   */
  body: unknown;
}

/** A nock scope for one vendor origin and every request it received, oldest first. */
export interface FakeVendor {
  /** Define the vendor's answers on it: `api.scope.get('/v1/tasks').reply(200, page)`. */
  scope: nock.Scope;
  /** Requests that matched one of the scope's interceptors, in the order they arrived. */
  sent: SentRequest[];
}

/**
 * A fake vendor on `baseUrl`'s origin: a nock scope to define replies on, and a record of every
 * request it answered, so a test can assert on the request that went out (method, path, query,
 * headers, body). Call once per origin (an API host and a token host are two fakes).
 * Pair it with `useFakeVendor()`, which keeps requests from leaving the machine.
 */
export function fakeVendor(baseUrl: string | URL): FakeVendor {
  // nock matches on the origin; a base URL's path prefix stays part of each request's `path`.
  const scope = nock(new URL(baseUrl).origin);
  const sent: SentRequest[] = [];
  scope.on('request', (req: { method: string; path: string; headers: Record<string, string | string[]> }, _interceptor: unknown, body: string) => {
    sent.push(sentRequest(req.method, req.path, req.headers, body));
  });
  return { scope, sent };
}

/** Builds the record of a request from what nock hands a scope's `request` listener. */
function sentRequest(method: string, pathWithQuery: string, rawHeaders: Record<string, string | string[] | undefined>, body: string | undefined): SentRequest {
  const queryStart = pathWithQuery.indexOf('?');
  const path = queryStart < 0 ? pathWithQuery : pathWithQuery.slice(0, queryStart);
  const params = new URLSearchParams(queryStart < 0 ? '' : pathWithQuery.slice(queryStart + 1));
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(rawHeaders)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return { method: method.toUpperCase(), path, query, headers, body: parseSentBody(body, headers['content-type']) };
}

function parseSentBody(body: string | undefined, contentType: string | undefined): unknown {
  if (!body) return undefined;
  if (contentType?.toLowerCase().includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body));
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

const LOOPBACK = /^(127\.0\.0\.1|localhost)(:\d+)?$/;

/**
 * Registers the vitest hooks a file of tool tests against fake vendors needs: net connect is off
 * for the file (nothing leaves the machine), and after each test, a request no interceptor matched
 * or an interceptor no request used fails that test. Interceptors are cleared after every test.
 * `allowLoopback` lets real requests reach servers on this machine (an OAuth login's redirect).
 * Call it once, at the top of the file (or of a `describe`).
 */
export function useFakeVendor(options: { allowLoopback?: boolean } = {}): void {
  let unmatched: ReturnType<typeof watchUnmatched> | undefined;
  beforeAll(() => {
    nock.disableNetConnect();
    if (options.allowLoopback) nock.enableNetConnect(LOOPBACK);
    unmatched = watchUnmatched();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    const escaped = (unmatched?.requests.splice(0) ?? []).filter((line) => !(options.allowLoopback && isLoopback(line)));
    nock.cleanAll();
    // The requests are in the message too, for reporters that show no diff.
    expect(escaped, `requests the test did not expect: ${escaped.join('; ')}`).toEqual([]);
    expect(pending, `expected requests that were never sent: ${pending.join('; ')}`).toEqual([]);
  });
  afterAll(() => {
    unmatched?.stop();
    nock.enableNetConnect();
  });
}

/** `GET http://localhost:8719/callback?...` → true. */
function isLoopback(line: string): boolean {
  const url = line.slice(line.indexOf(' ') + 1);
  return URL.canParse(url) && LOOPBACK.test(new URL(url).host);
}
