// The README is written by hand, but the parts that can drift from the code are checked here: the
// tool table and the variables. Its client snippets are written by hand (per auth mode), so they are
// only checked to be valid JSON. What each test checks: describeReadme in @connectors/testkit.
import { describeReadme } from '@connectors/testkit';
import { connector } from '../src/connector.js';

describeReadme(connector, { readme: new URL('../README.md', import.meta.url), clients: [] });
