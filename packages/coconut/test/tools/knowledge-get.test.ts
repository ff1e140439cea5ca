import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, fixture, lookup, PLATFORM, toolError, upstream, upstreamCalls } from '../harness.js';

useFakeVendor();

describe('coconut_knowledge_get', () => {
  it('calls knowledge_get with the document id and answers the document with its content', async () => {
    upstream([lookup(), { tool: 'knowledge_get', data: { document: fixture('document') } }]);
    const runtime = createRuntime();

    const envelope = expectOk(await runtime.call('knowledge_get', { coconutId: PLATFORM, documentId: 'kn_runbook' }));

    expect(upstreamCalls(runtime)).toEqual([
      { tool: 'coconuts_list', arguments: {} },
      { tool: 'knowledge_get', arguments: { coconutId: PLATFORM, documentId: 'kn_runbook' } },
    ]);
    expect(envelope.data).toEqual({ document: fixture('document') });
  });

  it('answers Coconut’s "not found" as not_found', async () => {
    upstream([lookup(), toolError('knowledge_get', 'Knowledge document kn_gone not found')]);
    expectError(await createRuntime().call('knowledge_get', { coconutId: PLATFORM, documentId: 'kn_gone' }), 'not_found');
  });

  it('refuses a missing documentId without calling Coconut', async () => {
    const runtime = createRuntime();
    expectError(await runtime.call('knowledge_get', { coconutId: PLATFORM }), 'invalid_input');
    expect(runtime.requests).toEqual([]);
  });
});
