import type { Envelope, ErrorCode } from '@connectors/contract';
import nock from 'nock';
import { resetNock, suiteInput, type ToolCase } from '../calls.js';
import type { TestRuntime } from '../harness.js';
import { interceptReply, mountReplies, replyOrigin, repliesFor, VENDOR_METHODS, type VendorAnswer, type VendorReply } from '../vendor.js';
import { checkEnvelope } from './envelope.js';
import { missingFixture } from './examples.js';

export type FaultName = '401' | '403' | '404' | '429' | '500' | '503' | 'timeout' | 'connection_reset' | 'malformed_json' | 'html_error_page';

export interface FaultSpec {
  name: FaultName;
  /** For test names, e.g. `429 with Retry-After`. */
  title: string;
  /** The error code the contract maps it to. */
  expect: ErrorCode;
}

/** What can go wrong between a connector and its vendor, and the code each must become. */
export const FAULTS: readonly FaultSpec[] = [
  { name: '401', title: '401 Unauthorized', expect: 'unauthorized' },
  { name: '403', title: '403 Forbidden', expect: 'forbidden' },
  { name: '404', title: '404 Not Found', expect: 'not_found' },
  { name: '429', title: '429 with Retry-After', expect: 'rate_limited' },
  { name: '500', title: '500 Internal Server Error', expect: 'upstream_error' },
  { name: '503', title: '503 Service Unavailable', expect: 'upstream_unavailable' },
  { name: 'timeout', title: 'no answer (timeout)', expect: 'timeout' },
  { name: 'connection_reset', title: 'connection reset', expect: 'network_error' },
  { name: 'malformed_json', title: '200 with malformed JSON', expect: 'upstream_error' },
  { name: 'html_error_page', title: '502 HTML error page', expect: 'upstream_unavailable' },
];

/** Seconds in the Retry-After of the 429; the envelope must carry it as retryAfterMs. */
export const RETRY_AFTER_SECONDS = 30;

export interface FaultCheckOptions {
  baseUrl: string;
  /** The code to expect instead of the fault's default. */
  expect?: ErrorCode;
  /** How long the hung vendor holds its answer (default 10 × the runtime timeout, at least 2 s). */
  hangMs?: number;
  /** The runtime's per-request timeout, for the hint when a timeout takes too long. */
  timeoutMs?: number;
}

/**
 * Every request the tool sends to `baseUrl` meets the fault (requests to other origins, such as
 * token endpoints, get their fixture). The envelope must be an error with the expected code (for
 * `<id>_health`: a success whose report says `error` with that code); then the same tool, answered
 * normally, must succeed again on the same runtime.
 */
export async function checkFault(kit: TestRuntime, tool: ToolCase, fault: FaultSpec | FaultName, options: FaultCheckOptions): Promise<string[]> {
  const spec = typeof fault === 'string' ? FAULTS.find((f) => f.name === fault)! : fault;
  if (!tool.fixture) return [missingFixture(tool)];
  const expected = options.expect ?? spec.expect;
  const example = tool.examples[0] ?? {};
  const replies = repliesFor(tool.fixture, example, 0);
  const base = new URL(options.baseUrl).origin;
  const timeoutMs = options.timeoutMs ?? 1000;
  const problems: string[] = [];

  const elsewhere = replies.filter((reply) => replyOrigin(options.baseUrl, reply) !== base);
  mountReplies(options.baseUrl, elsewhere, { persist: true, optional: true });
  mountFault(base, spec, secretText(kit), options.hangMs ?? Math.max(2000, timeoutMs * 10));
  const started = performance.now();
  try {
    const result = await kit.callToolResult(tool.name, suiteInput(example));
    const envelope = result.structuredContent;
    const elapsed = Math.round(performance.now() - started);
    problems.push(...judge(tool, spec, expected, envelope, elapsed, timeoutMs));
    problems.push(...checkEnvelope(result, { descriptor: tool.descriptor, data: tool.output }));
  } finally {
    resetNock();
  }

  // The server must keep answering: the same call, answered normally, succeeds.
  mountReplies(options.baseUrl, replies, spec.name === 'timeout' ? { persist: true } : {});
  try {
    let again = (await kit.callToolResult(tool.name, suiteInput(example))).structuredContent;
    // The timeout fault runs with a very short per-request timeout, which a busy machine can
    // exceed on a normal answer too: a timeout there is the machine, so ask up to twice more.
    for (let retry = 0; spec.name === 'timeout' && retry < 2 && isTimeout(again); retry++) {
      again = (await kit.callToolResult(tool.name, suiteInput(example))).structuredContent;
    }
    const healthy = again.ok && (!tool.isHealth || (again.data as { status?: string }).status === 'ok');
    if (!healthy) {
      const detail = again.ok ? `health says ${(again.data as { status?: string }).status}` : `${again.error.code}: ${again.error.message}`;
      problems.push(`After the ${spec.title}, the next normal call did not succeed (${detail}).`);
    }
  } finally {
    resetNock();
  }
  return problems;
}

function isTimeout(envelope: Envelope): boolean {
  if (!envelope.ok) return envelope.error.code === 'timeout';
  return (envelope.data as { error?: { code?: string } } | undefined)?.error?.code === 'timeout';
}

function judge(tool: ToolCase, spec: FaultSpec, expected: ErrorCode, envelope: Envelope, elapsed: number, timeoutMs: number): string[] {
  const problems: string[] = [];
  const slow = elapsed > Math.max(1500, timeoutMs * 8);
  const hint = slow ? ` It took ${elapsed} ms: build the vendor client with deps.http(...) so tests (and the testkit) do not really wait.` : '';
  let code: string | undefined;
  let message = '';
  if (tool.isHealth) {
    const data = envelope.ok ? (envelope.data as { status?: string; error?: { code?: string; message?: string } }) : undefined;
    if (!envelope.ok) return [`${tool.name} must report failures in its result, but answered error ${envelope.error.code}: ${envelope.error.message}`];
    if (data?.status !== 'error') return [`Expected health to report status "error" with ${expected}, got status "${data?.status}".${hint}`];
    code = data.error?.code;
    message = data.error?.message ?? '';
  } else {
    if (envelope.ok) return [`Expected error ${expected}, got a success envelope.${hint}`];
    code = envelope.error.code;
    message = envelope.error.message;
    if (spec.name === '429' && code === 'rate_limited') {
      const wait = envelope.error.retryAfterMs;
      if (typeof wait !== 'number' || wait <= 0) problems.push(`rate_limited without retryAfterMs (the vendor said Retry-After: ${RETRY_AFTER_SECONDS}).`);
    }
  }
  if (code !== expected) problems.push(`Expected ${expected}, got ${code}: ${message}${hint}`);
  else if (slow) problems.push(hint.trim());
  if (/<\s*(!doctype|html|body|head)\b/i.test(message)) problems.push(`The error message echoes the HTML page: ${message.slice(0, 120)}`);
  return problems;
}

/** A vendor error body in the common shapes, carrying a secret so redaction is exercised too. */
export function vendorErrorBody(message: string, secret: string): Record<string, unknown> {
  const text = `${message} (credential ${secret})`;
  return {
    message: text,
    error: { code: 'testkit_fault', type: 'testkit_fault', message: text },
    errors: [{ message: text }],
    errorMessages: [text],
    detail: text,
  };
}

/** The configured secrets (the runtime knows these and must redact them), not extra canaries. */
export function secretText(kit: TestRuntime): string {
  const secrets = Object.entries(kit.canaries).filter(([name]) => kit.connector.config[name]?.secret);
  return secrets.map(([, value]) => value).join(' ') || 'no-secret-configured';
}

/** Every request of the given methods to `origin` meets the fault; `onRequest` sees each one. */
export function mountFault(
  origin: string,
  spec: FaultSpec,
  secret: string,
  hangMs: number,
  methods: readonly (typeof VENDOR_METHODS)[number][] = VENDOR_METHODS,
  onRequest?: (method: string) => void,
): void {
  for (const method of methods) {
    const scope = nock(origin).persist();
    if (onRequest) scope.on('request', () => onRequest(method));
    answerWithFault(
      scope.intercept(() => true, method),
      spec,
      secret,
      hangMs,
    );
  }
}

/** The fault on these requests only (their method, path and body matchers), e.g. the writes among an MCP upstream's POSTs. */
export function mountFaultOn(baseUrl: string, replies: readonly VendorReply[], spec: FaultSpec, secret: string, hangMs: number, onRequest?: () => void): void {
  for (const reply of replies) {
    const { scope, interceptor } = interceptReply(baseUrl, reply, true);
    if (onRequest) scope.on('request', () => onRequest());
    answerWithFault(interceptor, spec, secret, hangMs);
  }
}

function answerWithFault(interceptor: nock.Interceptor, spec: FaultSpec, secret: string, hangMs: number): void {
  if (spec.name === 'connection_reset') {
    // What undici throws when the peer resets the socket.
    const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' });
    interceptor.replyWithError(Object.assign(new TypeError('fetch failed'), { cause }));
  } else if (spec.name === 'timeout') {
    interceptor.delay(hangMs).reply(200, '{}', { 'content-type': 'application/json' });
  } else {
    const [status, body, headers] = faultAnswer(spec, secret)!;
    interceptor.reply(status, typeof body === 'string' ? body : JSON.stringify(body), headers);
  }
}

function faultAnswer(spec: FaultSpec, secret: string): VendorAnswer | undefined {
  const json = { 'content-type': 'application/json' };
  switch (spec.name) {
    case '401':
      return [401, vendorErrorBody('Invalid or expired token', secret), { ...json, 'www-authenticate': 'Bearer error="invalid_token"' }];
    case '403':
      return [403, vendorErrorBody('The token lacks the scope for this operation', secret), json];
    case '404':
      return [404, vendorErrorBody('No such resource', secret), json];
    case '429':
      return [
        429,
        { ...vendorErrorBody('Too many requests', secret), retry_after: RETRY_AFTER_SECONDS },
        { ...json, 'retry-after': String(RETRY_AFTER_SECONDS) },
      ];
    case '500':
      return [500, vendorErrorBody('Internal server error', secret), json];
    case '503':
      return [503, vendorErrorBody('Service unavailable', secret), json];
    case 'malformed_json':
      return [200, '{"items": [{"id": "1", "name": "trunc', json];
    case 'html_error_page':
      return [
        502,
        `<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>upstream sent ${secret}</p></body></html>`,
        { 'content-type': 'text/html; charset=utf-8' },
      ];
    default:
      return undefined;
  }
}
