import { ConnectorRuntime } from '@connectors/contract';
import { connector } from './dist/index.js';
const ports = { gmail: 4011, drive: 4012, calendar: 4013 };
const realFetch = globalThis.fetch;
let log = [];
globalThis.fetch = async (url, init) => {
  const r = await realFetch(url, init);
  log.push(`${init?.method ?? 'GET'} ${String(url).replace(/^http:\/\/127.0.0.1:\d+/, '')} -> ${r.status}${r.status >= 400 ? ' ' + (r.headers.get('sl-violations') ?? (await r.clone().text()).slice(0, 300)) : ''}`);
  return r;
};
for (const tool of connector.tools) {
  if (process.argv[2] && tool.toolset !== process.argv[2]) continue;
  const rt = new ConnectorRuntime(connector, { logLevel: 'silent', env: { GOOGLE_ACCESS_TOKEN: 'ya29.mock', GOOGLE_API_BASE_URL: `http://127.0.0.1:${ports[tool.toolset]}`, GOOGLE_WORKSPACE_DOWNLOAD_DIR: '/tmp/mockdl' } });
  for (const example of tool.examples) {
    log = [];
    const name = rt.toolNames().find((n) => n.endsWith('_' + tool.action));
    const res = await rt.callTool(name, example);
    const env = res.structuredContent;
    const bad = log.filter((l) => / -> [45]\d\d/.test(l));
    console.log(`${bad.length ? 'REJECTED' : 'accepted'} ${name} ${env.ok ? 'ok' : env.error.code + ': ' + env.error.message.slice(0, 120)}`);
    for (const l of log) console.log('   ', l);
  }
}
