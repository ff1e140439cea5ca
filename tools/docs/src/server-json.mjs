/**
 * The MCP Registry's server.json for a connector package (schema 2025-12-11): its npm package run
 * over stdio, and the environment variables it reads, from the connector's own config spec. The
 * package.json's `mcpName` is the registry name, so the registry can tie the two together.
 */
import { loadConfig } from '@connectors/contract';

export const SERVER_SCHEMA = 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';
/** The registry's namespace for this repository (github.com/connectors/connectors). */
export const NAMESPACE = 'io.github.connectors';
const DESCRIPTION_MAX = 100;

/** At most 100 characters, cut at a word with an ellipsis. */
export function shortDescription(text) {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= DESCRIPTION_MAX) return flat;
  const cut = flat.slice(0, DESCRIPTION_MAX - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ')).replace(/[,;:.\s]+$/, '')}…`;
}

export function renderServerJson(connector, pkg) {
  // Required as the registry means it: what the default auth mode needs with nothing set.
  const { missing } = loadConfig(connector.config, {}, connector.requires?.bind(connector));
  const repository = typeof pkg.repository === 'object' ? pkg.repository : undefined;
  const url = repository?.url?.replace(/^git\+/, '').replace(/\.git$/, '');
  const server = {
    $schema: SERVER_SCHEMA,
    name: pkg.mcpName,
    title: connector.title,
    description: shortDescription(connector.description),
    version: pkg.version,
    ...(url ? { repository: { url, source: 'github', ...(repository.directory ? { subfolder: repository.directory } : {}) } } : {}),
    packages: [
      {
        registryType: 'npm',
        registryBaseUrl: 'https://registry.npmjs.org',
        identifier: pkg.name,
        version: pkg.version,
        transport: { type: 'stdio' },
        environmentVariables: Object.entries(connector.config).map(([name, variable]) => ({
          name,
          description: variable.description,
          isRequired: missing.includes(name),
          isSecret: variable.secret === true,
          format: 'string',
          ...(variable.default !== undefined ? { default: String(variable.default) } : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(server, null, 2)}\n`;
}
