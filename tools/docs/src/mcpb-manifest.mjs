/**
 * The MCP Bundle (MCPB) manifest for a connector (manifest_version 0.3): a Node server whose entry
 * point is the package's bin inside the bundle's `server/node_modules`, and one user_config field
 * per configuration variable, secrets marked sensitive, so Claude Desktop asks for them in its UI
 * and keeps the secrets in the OS keychain. `tools/release/build-mcpb.mjs` builds the bundle.
 */
import { loadConfig } from '@connectors/contract';
import { shortDescription } from './server-json.mjs';

/** Where the bundle holds the installed package, relative to its root. */
export const bundleEntry = (pkg) =>
  `server/node_modules/${pkg.name}/${(typeof pkg.bin === 'string' ? pkg.bin : Object.values(pkg.bin)[0]).replace(/^\.\//, '')}`;

export function renderMcpbManifest(connector, pkg) {
  const { missing } = loadConfig(connector.config, {}, connector.requires?.bind(connector));
  const key = (name) => name.toLowerCase();
  const repository = typeof pkg.repository === 'object' ? pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '') : undefined;
  const entry = bundleEntry(pkg);
  const manifest = {
    manifest_version: '0.3',
    name: connector.id,
    display_name: connector.title,
    version: pkg.version,
    description: shortDescription(connector.description),
    long_description: connector.description,
    author: { name: 'The connectors authors', ...(repository ? { url: repository } : {}) },
    ...(repository ? { repository: { type: 'git', url: repository } } : {}),
    license: pkg.license ?? 'MIT',
    keywords: pkg.keywords ?? [],
    server: {
      type: 'node',
      entry_point: entry,
      mcp_config: {
        command: 'node',
        args: [`\${__dirname}/${entry}`],
        env: Object.fromEntries(Object.keys(connector.config).map((name) => [name, `\${user_config.${key(name)}}`])),
      },
    },
    tools: connector.tools.map((tool) => ({ name: tool.action, description: tool.description })),
    compatibility: { platforms: ['darwin', 'win32', 'linux'], runtimes: { node: pkg.engines?.node ?? '>=20' } },
    user_config: Object.fromEntries(
      Object.entries(connector.config).map(([name, variable]) => [
        key(name),
        {
          type: 'string',
          title: name,
          description: variable.description,
          required: missing.includes(name),
          ...(variable.secret ? { sensitive: true } : {}),
          ...(variable.default !== undefined ? { default: String(variable.default) } : {}),
        },
      ]),
    ),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
