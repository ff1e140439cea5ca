// Result compactness, per-call overhead (in-process) and concurrency (over stdio).
import { ConnectorRuntime } from '@connectors/contract/server';
import { toolNameOf } from '@connectors/contract';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { startStubVendor, stubFetch } from './stub-vendor.mjs';
import { percentile } from './targets.mjs';

const STUB_URL = 'http://127.0.0.1:9';

function runtimeFor(connector, fixture) {
  return new ConnectorRuntime(connector, { env: fixture.env(STUB_URL), fetch: stubFetch(fixture), logLevel: 'silent' });
}

/** Bytes of the vendor's raw JSON for the fixture's items against bytes of our result for them. */
export async function measureCompactness(connector, fixture) {
  const runtime = runtimeFor(connector, fixture);
  const result = await runtime.callTool(toolNameOf(connector, fixture.action), fixture.args);
  if (result.isError) throw new Error(`${connector.id} compactness call failed: ${result.content[0].text}`);
  const ours = Buffer.byteLength(result.content[0].text);
  const raw = Buffer.byteLength(JSON.stringify(fixture.rawBody));
  return { tool: toolNameOf(connector, fixture.action), items: fixture.items, rawBytes: raw, ourBytes: ours, ratio: raw / ours };
}

/** p50/p99 of a whole call through the runtime, and of the handler alone with the same stub. */
export async function measureOverhead(connector, fixture, iterations) {
  const runtime = runtimeFor(connector, fixture);
  const name = toolNameOf(connector, fixture.action);
  const tool = connector.tools.find((t) => t.action === fixture.action);
  const client = runtime.getClient();
  const input = tool.input.parse(fixture.args);
  const ctx = {
    client,
    config: runtime.config.values,
    tool: name,
    requestId: 'bench',
    signal: new AbortController().signal,
    log: runtime.log,
    cursor: { encode: (s) => JSON.stringify(s), decode: (c) => JSON.parse(c) },
  };
  const total = [];
  const handler = [];
  for (let i = 0; i < iterations + 50; i++) {
    let started = performance.now();
    await runtime.callTool(name, fixture.args);
    const callMs = performance.now() - started;
    started = performance.now();
    await tool.handler(input, ctx);
    const handlerMs = performance.now() - started;
    if (i >= 50) {
      total.push(callMs);
      handler.push(handlerMs);
    }
  }
  const p50 = percentile(total, 50);
  return {
    callP50Ms: p50,
    callP99Ms: percentile(total, 99),
    handlerP50Ms: percentile(handler, 50),
    contractP50Ms: Math.max(0, p50 - percentile(handler, 50)),
  };
}

/** N concurrent calls over one stdio connection against a vendor stub on loopback. */
export async function measureConcurrency(target, connector, fixture, calls) {
  const vendor = await startStubVendor(fixture);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [target.bin],
    env: { PATH: process.env.PATH, ...fixture.env(vendor.url) },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '1.0.0' });
  try {
    await client.connect(transport);
    const name = toolNameOf(connector, fixture.action);
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: calls }, () => client.callTool({ name, arguments: fixture.args })));
    const ms = performance.now() - started;
    const ok = results.filter((r) => !r.isError).length;
    return { calls, ok, totalMs: ms, callsPerSecond: (calls / ms) * 1000, vendorRequests: vendor.requests };
  } finally {
    await client.close();
    await vendor.close();
  }
}

/**
 * The first tools/call of a tool against its later calls, over stdio from a fresh server (vendor
 * stub on loopback): what a tool pays on first use (compiling its schemas' validators, loading
 * Node's fetch) beyond a warm call. JSON-RPC goes over the SDK's stdio transport without the SDK
 * client, whose own first-use costs (compiling a validator for each output schema) are the
 * client's, not the server's. The first call comes 250 ms after tools/list, as from a client
 * whose model reads the tools first; the later figure is the median of the next calls, one at a time.
 */
export async function measureFirstCall(target, connector, fixture, laterCalls = 15) {
  const vendor = await startStubVendor(fixture);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [target.bin],
    env: { PATH: process.env.PATH, ...fixture.env(vendor.url) },
    stderr: 'ignore',
  });
  const pending = new Map();
  let nextId = 1;
  transport.onmessage = (message) => pending.get(message.id)?.(message);
  const request = (method, params) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      void transport.send({ jsonrpc: '2.0', id, method, params });
    });
  try {
    await transport.start();
    await request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1.0.0' } });
    await transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await request('tools/list', {});
    await new Promise((resolve) => setTimeout(resolve, 250));
    const name = toolNameOf(connector, fixture.action);
    const call = async () => {
      const started = performance.now();
      const reply = await request('tools/call', { name, arguments: fixture.args });
      if (reply.error || reply.result?.isError)
        throw new Error(`${name} failed in the bench: ${JSON.stringify(reply.error ?? reply.result.structuredContent).slice(0, 300)}`);
      return performance.now() - started;
    };
    const firstMs = await call();
    const later = [];
    for (let i = 0; i < laterCalls; i++) later.push(await call());
    const laterMs = percentile(later, 50);
    return { firstMs, laterMs, extraMs: firstMs - laterMs };
  } finally {
    await transport.close();
    await vendor.close();
  }
}
