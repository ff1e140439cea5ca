import { readFileSync } from 'node:fs';
import { checkStructure, describeReadme } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { connector } from '../src/connector.js';
import { INVITE_PERMISSIONS, permissionBits, READ_ONLY_INVITE_PERMISSIONS } from '../src/permissions.js';

const readmeUrl = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmeUrl, 'utf8');

// The README is written by hand; these keep the parts that can drift in step with the code.
describe('README (Discord)', () => {
  it('invite URLs carry the permissions the tools need', () => {
    expect(permissionBits(INVITE_PERMISSIONS)).toBe('395942382672');
    expect(readme).toContain(`scope=bot+applications.commands&permissions=${permissionBits(INVITE_PERMISSIONS)}`);
    expect(readme).toContain(`permissions=${permissionBits(READ_ONLY_INVITE_PERMISSIONS)}`);
  });
});

// The tool table (with its Toolset column and access labels), the variables, and the client
// snippets, which must be what `configure` writes. What each test checks: describeReadme in @connectors/testkit.
describeReadme(connector, { readme: readmeUrl });

// The layout every connector keeps (checkStructure in @connectors/testkit): a test file in
// test/tools/, a row in the README's tool table and in docs/connectors/<id>.md, and valid examples, per tool.
it('has a test file, a reference row and valid examples for every tool', () => {
  expect(checkStructure(connector, { packageDir: new URL('..', import.meta.url) })).toEqual([]);
});
