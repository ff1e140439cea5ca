import type { EnvVarSpec } from '../definition/config.js';
import { packageNameOf } from '../definition/names.js';
import { pollIntervalOf, type ConnectorDefinition } from '../definition/connector.js';
import { envNames } from './options.js';

export function helpText(connector: ConnectorDefinition): string {
  const bin = `connectors-${connector.id}`;
  const env = envNames(connector.id);
  const variables = Object.entries<EnvVarSpec>(connector.config)
    .map(([name, v]) => `  ${name.padEnd(26)} ${v.required ? '(required) ' : ''}${v.secret ? '(secret) ' : ''}${v.description}`)
    .join('\n');
  return `${packageNameOf(connector)} ${connector.version}: ${connector.description}

Usage: npx -y ${packageNameOf(connector)} [command] [options]   (installed bin: ${bin})

Commands:
  serve                      Run the MCP server (default): stdio, or Streamable HTTP with --http
  tools                      List the tools this configuration registers (--json for the full schemas)
  health                     Check configuration and credentials, print the report, exit 1 unless ok
  configure <client>         Add this server to claude-desktop, cursor, vscode, claude-code,
                             windsurf, gemini-cli or codex
                             (--dry-run prints the change without writing; --config-file PATH
                             writes to another file; --local runs this checkout's build with
                             this Node instead of npx; gating flags given here go into the entry)
${
  connector.oauth
    ? `  auth login|status|logout   Log in with OAuth in a browser (--no-browser prints the URL;
                             --redirect-port N fixes the loopback port), show or remove the tokens${
                               connector.oauth.accountEnv
                                 ? `
                             (--account EMAIL: one of several logins; --services a,b: their scopes only)`
                                 : ''
                             }
`
    : ''
}
Options:
  --read-only                Register read tools only                       env ${env.readOnly}
  --toolsets a,b             Only these toolsets: ${Object.keys(connector.toolsets).join(', ')}
                                                                            env ${env.toolsets}
  --tools x,y                Only these tools (action or full name)         env ${env.tools}
  --exclude-tools z          Leave these tools out                          env ${env.excludeTools}
  --tool-separator _|.       Render names as ${connector.id}_action (default) or ${connector.id}.action
                                                                            env ${env.toolSeparator}
  --log-level LEVEL          debug, info, warn, error, silent (stderr only) env ${env.logLevel}
${
  connector.resources?.length
    ? `  --poll-interval SECONDS    How often subscribed resources are read (default ${pollIntervalOf(connector, undefined) / 1000}) env ${env.pollInterval}\n`
    : ''
}  --http                     Serve Streamable HTTP (stateless) instead of stdio
  --port N                   HTTP port (default 3000)
  --host H                   HTTP host (default 127.0.0.1; any other needs CONNECTORS_HTTP_TOKEN)
  --allowed-hosts a,b        Host header values accepted besides localhost   env CONNECTORS_ALLOWED_HOSTS
  --allowed-origins a,b      Origins accepted besides localhost ones         env CONNECTORS_ALLOWED_ORIGINS
  --max-body-bytes N         Largest HTTP request body (default 4 MiB)       env CONNECTORS_MAX_BODY_BYTES
                             With CONNECTORS_HTTP_TOKEN set, every request needs Authorization: Bearer <token>.
  --max-result-bytes N       Trim results larger than N bytes (default 100000)
  -h, --help                 Show this help
  -v, --version              Show the version

Configuration (environment variables):
${variables}
${connector.setup ? `\nSetup: ${connector.setup}\n` : ''}`;
}
