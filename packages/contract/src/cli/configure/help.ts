import type { ConnectorDefinition } from '../../definition/connector.js';
import { CLIENT_ALIASES, MCP_CLIENTS } from './clients.js';

/** `configure --help`: that command's own help, with the client names it takes. */
export function configureHelpText(connector: ConnectorDefinition, command: string): string {
  const aliases = Object.entries(CLIENT_ALIASES)
    .map(([alias, client]) => `${alias} (${client})`)
    .join(', ');
  return `Usage: ${command} configure <client> [options] [server flags]

Adds this server to an MCP client's config file, or updates its entry, and says what changed.
Variables of ${connector.title} set in your shell are written into the entry; required ones that are
not get a placeholder to fill in (VS Code asks for them instead, and never stores secrets in the file).

Clients: ${MCP_CLIENTS.join(', ')}
Also accepted: ${aliases}

Options:
  --dry-run                  Print the change without writing
  --config-file PATH         Write to this file instead of the client's usual one
  --local                    Run this checkout's build with this Node instead of npx
  -h, --help                 Show this help

Server flags (--read-only, --toolsets, --tools, --exclude-tools, ...) go into the entry as given.
`;
}
