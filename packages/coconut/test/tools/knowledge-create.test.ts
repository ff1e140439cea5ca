import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, fixture, lookup, PLATFORM, toolError, upstream, upstreamCalls } from '../harness.js';

useFakeVendor();
const created = { ...fixture('document'), id: 'kn_oncall', title: 'On-call handbook', filename: 'On-call-handbook.md', content: '# On call' };

describe('coconut_knowledge_create', () => {
  it('calls knowledge_create with the title, content and filename (not the idempotencyKey) and answers the document', async () => {
    upstream([lookup(), { tool: 'knowledge_create', data: { document: created } }]);
    const runtime = createRuntime();

    const envelope = expectOk(
      await runtime.call('knowledge_create', {
        coconutId: PLATFORM,
        title: 'On-call handbook',
        content: '# On call',
        filename: 'On-call-handbook',
        idempotencyKey: 'kn-oncall-handbook-02',
      }),
    );

    expect(upstreamCalls(runtime)).toEqual([
      { tool: 'coconuts_list', arguments: {} },
      { tool: 'knowledge_create', arguments: { coconutId: PLATFORM, title: 'On-call handbook', content: '# On call', filename: 'On-call-handbook' } },
    ]);
    expect(envelope.data).toEqual({ document: created });
  });

  it('answers Coconut’s validation message as invalid_input', async () => {
    upstream([lookup(), toolError('knowledge_create', 'content must not be empty')]);
    const error = expectError(await createRuntime().call('knowledge_create', { coconutId: PLATFORM, title: 'Empty', content: '' }), 'invalid_input');
    expect(error.message).toContain('content must not be empty');
  });

  it('refuses a document without content without calling Coconut', async () => {
    const runtime = createRuntime();
    expectError(await runtime.call('knowledge_create', { coconutId: PLATFORM, title: 'No content' }), 'invalid_input');
    expect(runtime.requests).toEqual([]);
  });
});
