// Held-out fault: vendor answers were read without a byte limit; a 100 MB answer or a fast endless
// event stream (through the bridge, whose POSTs go through this client) took the process to about
// 1 GB before the timeout. Every answer is read up to a limit, then the request is aborted and the
// call answers an error that says the answer was too large.
import { describe, expect, it } from 'vitest';
import { HttpClient } from '../src/index.js';
import { failureOf } from './support/runtime.js';

const BASE = 'https://vendor.test';

/** A response body that never ends, 64 kB a chunk, counting what the client pulled. */
function endless(contentType: string) {
  let pulled = 0;
  let cancelled = false;
  const chunk = new TextEncoder().encode(`data: ${'x'.repeat(65_530)}\n\n`);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      cancelled = true;
    },
  });
  const response = new Response(body, { status: 200, headers: { 'content-type': contentType } });
  return { response, pulled: () => pulled, cancelled: () => cancelled };
}

describe('answers are read up to a byte limit', () => {
  it('stops reading an endless event stream at the limit, cancels it, and says the answer was too large', async () => {
    const stream = endless('text/event-stream');
    const http = new HttpClient({ vendor: 'Vendor', baseUrl: BASE, maxResponseBytes: 1_000_000, fetch: async () => stream.response });
    const error = await failureOf(http.request({ method: 'POST', path: '/mcp', body: '{}' }));
    expect(error.code).toBe('upstream_error');
    expect(error.message).toMatch(/Vendor's answer was larger than 1000000 bytes/);
    expect(stream.pulled()).toBeLessThan(1_200_000);
    expect(stream.cancelled()).toBe(true);
    // A write whose answer was not read may have been applied.
    expect(error.outcomeUnknown).toBe(true);
  });

  it('refuses an answer whose declared length is over the limit without reading it', async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(10));
      },
    });
    const http = new HttpClient({
      vendor: 'Vendor',
      baseUrl: BASE,
      maxResponseBytes: 1000,
      fetch: async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json', 'content-length': '100000000' } }),
    });
    const error = await failureOf(http.get('/big'));
    expect(error.message).toMatch(/larger than 1000 bytes/);
    // The stream fills its own one-chunk queue when made; nothing past that was asked for.
    expect(pulls).toBeLessThanOrEqual(1);
  });

  it('has a default limit (16 MiB) that a 100 MB JSON answer exceeds', async () => {
    const stream = endless('application/json');
    const http = new HttpClient({ vendor: 'Vendor', baseUrl: BASE, fetch: async () => stream.response });
    const error = await failureOf(http.get('/huge'));
    expect(error.message).toMatch(/larger than 16777216 bytes/);
    expect(stream.pulled()).toBeLessThan(17_000_000);
  });

  it('lets one request (a download) read more than the client default, and reads answers under the limit as usual', async () => {
    const payload = Buffer.alloc(3000, 7);
    const http = new HttpClient({
      vendor: 'Vendor',
      baseUrl: BASE,
      maxResponseBytes: 1000,
      fetch: async (input) =>
        String(input).endsWith('/file')
          ? new Response(payload, { status: 200, headers: { 'content-type': 'application/octet-stream' } })
          : new Response(JSON.stringify({ é: 'ü'.repeat(10) }), { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    const download = await http.request<Buffer>({ path: '/file', responseType: 'bytes', maxResponseBytes: 5000 });
    expect(download.data.equals(payload)).toBe(true);
    expect((await http.get('/small')) as unknown).toEqual({ é: 'ü'.repeat(10) });
    expect((await failureOf(http.request({ path: '/file', responseType: 'bytes' }))).message).toMatch(/larger than 1000 bytes/);
  });
});
