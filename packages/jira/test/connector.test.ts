import { ConnectorRuntime } from '@connectors/contract/server';
import { describe, expect, it } from 'vitest';
import { connector } from '../src/connector.js';
import { tool } from './harness.js';

const runtime = new ConnectorRuntime(connector, { env: {}, logLevel: 'silent' });
const tools = runtime.listTools();

describe('the Jira connector definition', () => {
  it('offers the expected tools under portable names', () => {
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        'health',
        'search_issues',
        'get_issue',
        'create_issue',
        'update_issue',
        'get_create_fields',
        'list_transitions',
        'transition_issue',
        'list_comments',
        'add_comment',
        'list_projects',
        'search_users',
      ]
        .map(tool)
        .sort(),
    );
    for (const t of tools) expect(t.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it('marks reads read-only and changes as writes; nothing is destructive', () => {
    const access = Object.fromEntries(
      tools.map((t) => [t.name.replace('jira_', ''), t.annotations.readOnlyHint ? 'read' : t.annotations.destructiveHint ? 'destructive' : 'write']),
    );
    expect(access).toEqual({
      health: 'read',
      search_issues: 'read',
      get_issue: 'read',
      get_create_fields: 'read',
      list_transitions: 'read',
      list_comments: 'read',
      list_projects: 'read',
      search_users: 'read',
      create_issue: 'write',
      update_issue: 'write',
      transition_issue: 'write',
      add_comment: 'write',
    });
    expect(tools.find((t) => t.name === tool('update_issue'))!.annotations.idempotentHint).toBe(true);
    expect(tools.find((t) => t.name === tool('create_issue'))!.annotations.idempotentHint).toBe(false);
  });

  it('groups tools in the five toolsets', () => {
    expect(Object.keys(connector.toolsets).sort()).toEqual(['comments', 'issues', 'projects', 'transitions', 'users']);
    const only = new ConnectorRuntime(connector, { env: {}, logLevel: 'silent', gating: { toolsets: ['comments'] } });
    expect(only.toolNames().sort()).toEqual([tool('add_comment'), tool('health'), tool('list_comments')].sort());
  });

  it('accepts an idempotencyKey on every write that is not idempotent by itself', () => {
    for (const name of ['create_issue', 'transition_issue', 'add_comment']) {
      expect(Object.keys(tools.find((t) => t.name === tool(name))!.inputSchema.properties as object)).toContain('idempotencyKey');
    }
  });
});
