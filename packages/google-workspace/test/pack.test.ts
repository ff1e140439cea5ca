// The published package, not the workspace: pack this connector and @connectors/contract with
// pnpm, install both tarballs with npm into an empty folder, and run the bin the way an MCP client
// config does: `npx -y @connectors/google-workspace`. What each test checks: describePackedConnector.
import { describePackedConnector } from '@connectors/testkit';
import { connector } from '../src/connector.js';

// With nothing set, health asks for the Desktop-app OAuth client (and names the access token in problems).
describePackedConnector(connector, { packageDir: new URL('..', import.meta.url), missing: ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'] });
