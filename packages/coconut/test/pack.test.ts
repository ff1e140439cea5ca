// The published package, not the workspace: pack this connector and @connectors/contract with
// pnpm (which turns `workspace:^` into a real range), install both tarballs with npm into an empty
// folder, and run the bin the way an MCP client config does: `npx -y @connectors/<id>`.
// npm fetches the third-party dependencies (@modelcontextprotocol/server, zod) from the registry.
// What each test checks: describePackedConnector in @connectors/testkit.
import { describePackedConnector } from '@connectors/testkit';
import { connector } from '../src/connector.js';

// With nothing set, health names the required variables (here the API token) as missing.
describePackedConnector(connector, { packageDir: new URL('..', import.meta.url) });
