// The README is written by hand, but the parts that can drift from the code are checked here:
// the tool table, the variables, and the client snippets (which must be what `configure` writes).
// What each test checks: describeReadme in @connectors/testkit.
import { checkStructure, describeReadme } from '@connectors/testkit';
import { expect, it } from 'vitest';
import { connector } from '../src/connector.js';

describeReadme(connector, { readme: new URL('../README.md', import.meta.url) });

// The layout every connector keeps (checkStructure in @connectors/testkit): a test file in
// test/tools/, a row in the README's tool table and in docs/connectors/<id>.md, and valid examples, per tool.
it('has a test file, a reference row and valid examples for every tool', () => {
  expect(checkStructure(connector, { packageDir: new URL('..', import.meta.url) })).toEqual([]);
});
