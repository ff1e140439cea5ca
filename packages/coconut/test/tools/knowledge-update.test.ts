import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, fixture, lookup, PLATFORM, toolError, upstream, upstreamCalls } from '../harness.js';

useFakeVendor();

describe('coconut_knowledge_update', () => {
  it('calls knowledge_update with only what changes and answers the document', async () => {
    const updated = { ...fixture('document'), title: 'Deploy runbook (2026)' };
    upstream([lookup(), { tool: 'knowledge_update', data: { document: updated } }]);
    const runtime = createRuntime();

    const envelope = expectOk(await runtime.call('knowledge_update', { coconutId: PLATFORM, documentId: 'kn_runbook', title: 'Deploy runbook (2026)' }));

    expect(upstreamCalls(runtime)).toEqual([
      { tool: 'coconuts_list', arguments: {} },
      { tool: 'knowledge_update', arguments: { coconutId: PLATFORM, documentId: 'kn_runbook', title: 'Deploy runbook (2026)' } },
    ]);
    expect(envelope.data).toEqual({ document: updated });
  });

  it('refuses an update with neither title nor content, before any request', async () => {
    const runtime = createRuntime();
    const error = expectError(await runtime.call('knowledge_update', { coconutId: PLATFORM, documentId: 'kn_runbook' }), 'invalid_input');
    expect(error.message).toContain('Nothing to update');
    expect(runtime.requests).toEqual([]);
  });

  it('answers Coconut’s "not found" as not_found', async () => {
    upstream([lookup(), toolError('knowledge_update', 'Knowledge document kn_gone not found')]);
    expectError(await createRuntime().call('knowledge_update', { coconutId: PLATFORM, documentId: 'kn_gone', content: '# x' }), 'not_found');
  });
});
