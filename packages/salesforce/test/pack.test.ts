// The published package, not the workspace: pack this connector and @connectors/contract with
// pnpm (which turns `workspace:^` into a real range), install both tarballs with npm into an empty
// folder, and run the bin the way an MCP client config does: `npx -y @connectors/salesforce`.
// npm fetches the third-party dependencies (@modelcontextprotocol/server, zod) from the registry.
// What each test checks: describePackedConnector in @connectors/testkit.
import { describePackedConnector } from '@connectors/testkit';
import { connector } from '../src/connector.js';

describePackedConnector(connector, {
  packageDir: new URL('..', import.meta.url),
  // With nothing set, the quickest mode is asked for by name (an access token and the org's URL), the OAuth flows in words.
  missing: ['SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET', 'SALESFORCE_LOGIN_URL'],
});
