import { readFileSync } from 'node:fs';
import { annotationsFor } from '@connectors/contract';
import { describe, expect, it } from 'vitest';
import { connector } from '../src/connector.js';
import { INVITE_PERMISSIONS, permissionBits, READ_ONLY_INVITE_PERMISSIONS } from '../src/permissions.js';
import { createRuntime } from './helpers.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

// The README is written by hand; these keep the parts that can drift in step with the code.
describe('README', () => {
  it('invite URLs carry the permissions the tools need', () => {
    expect(permissionBits(INVITE_PERMISSIONS)).toBe('395942382672');
    expect(readme).toContain(`scope=bot+applications.commands&permissions=${permissionBits(INVITE_PERMISSIONS)}`);
    expect(readme).toContain(`permissions=${permissionBits(READ_ONLY_INVITE_PERMISSIONS)}`);
  });

  it('lists every tool with its toolset and access', () => {
    const { runtime } = createRuntime();
    for (const name of runtime.toolNames()) {
      const tool = connector.tools.find((t) => `discord_${t.action}` === name);
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, `${name} is missing from the tool table`).toBeDefined();
      if (tool) {
        const access = annotationsFor(tool).destructiveHint ? 'destructive' : annotationsFor(tool).readOnlyHint ? 'read' : 'write';
        expect(row).toContain(`| ${tool.toolset} | ${access} |`);
      }
    }
  });

  it('documents every configuration variable', () => {
    for (const name of Object.keys(connector.config)) expect(readme).toContain(`| \`${name}\` |`);
  });
});
