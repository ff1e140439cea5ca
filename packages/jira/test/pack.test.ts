// The published package, not the workspace: pack this connector and @connectors/contract, install
// both tarballs with npm into an empty folder, and run the bin the way an MCP client config does
// (`npx -y @connectors/jira`). What each test checks: describePackedConnector in @connectors/testkit.
import { describePackedConnector } from '@connectors/testkit';
import { connector } from '../src/connector.js';

describePackedConnector(connector, {
  packageDir: new URL('..', import.meta.url),
  missing: ['JIRA_BASE_URL', 'JIRA_EMAIL', 'JIRA_API_TOKEN'],
});
