// The README is written by hand, but the parts that can drift from the code are checked here:
// the tool table, the variables, and the client snippets (which must be what `configure` writes).
// What each test checks: describeReadme in @connectors/testkit.
import { describeReadme } from '@connectors/testkit';
import { connector } from '../src/connector.js';

describeReadme(connector, { readme: new URL('../README.md', import.meta.url) });
