import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, lookup, PLATFORM, upstream, upstreamCalls } from '../harness.js';

useFakeVendor();
const hit = { id: 'kn_runbook', title: 'Deploy runbook', snippet: '# Deploy\n1. Merge to main' };

describe('coconut_knowledge_search', () => {
  it('calls knowledge_search with the query and the page size, and answers ids, titles and snippets', async () => {
    upstream([lookup(), { tool: 'knowledge_search', data: { results: [hit] } }]);
    const runtime = createRuntime();

    const envelope = expectOk(await runtime.call('knowledge_search', { coconutId: PLATFORM, query: 'deploy' }));

    expect(upstreamCalls(runtime)).toEqual([
      { tool: 'coconuts_list', arguments: {} },
      { tool: 'knowledge_search', arguments: { coconutId: PLATFORM, query: 'deploy', limit: 10 } },
    ]);
    expect(envelope.data).toEqual({ results: [hit] });
  });

  it('answers a result without an id as upstream_error', async () => {
    upstream([lookup(), { tool: 'knowledge_search', data: { results: [{ title: 'Deploy runbook' }] } }]);
    expectError(await createRuntime().call('knowledge_search', { coconutId: PLATFORM, query: 'deploy' }), 'upstream_error');
  });

  it('refuses an empty query and a limit over 50 without calling Coconut', async () => {
    const runtime = createRuntime();
    expectError(await runtime.call('knowledge_search', { coconutId: PLATFORM, query: '' }), 'invalid_input');
    expectError(await runtime.call('knowledge_search', { coconutId: PLATFORM, query: 'deploy', limit: 51 }), 'invalid_input');
    expect(runtime.requests).toEqual([]);
  });
});
