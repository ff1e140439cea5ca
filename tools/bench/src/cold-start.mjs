// Cold start and idle memory: spawn the bin, connect a real MCP client, time until tools/list
// answers, then read the server's resident memory once it has settled (300 ms later: a connector
// warms up after tools/list, loading Node's fetch, which its first call would load anyway).
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { median } from './targets.mjs';

async function once(bin, env) {
  const started = performance.now();
  const transport = new StdioClientTransport({ command: process.execPath, args: [bin], env: { PATH: process.env.PATH, ...env }, stderr: 'ignore' });
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(transport);
  await client.listTools();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${transport.pid}/status`, 'utf8'))?.[1] ?? NaN);
  await client.close();
  return { ms, rssKb };
}

/** Runs A B A B ... so drift on the machine affects every target alike; returns medians. */
export async function measureStartup(targets, runs) {
  const samples = new Map(targets.map((t) => [t.id, { ms: [], rssKb: [] }]));
  for (const t of targets) await once(t.bin, t.env); // warm the file cache once, not counted
  for (let i = 0; i < runs; i++) {
    for (const t of targets) {
      const { ms, rssKb } = await once(t.bin, t.env);
      samples.get(t.id).ms.push(ms);
      samples.get(t.id).rssKb.push(rssKb);
    }
  }
  return new Map([...samples].map(([id, s]) => [id, { coldStartMs: median(s.ms), rssMb: median(s.rssKb) / 1024, runs }]));
}
