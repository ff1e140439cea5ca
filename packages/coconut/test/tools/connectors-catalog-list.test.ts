import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, upstream, upstreamCalls } from '../harness.js';

useFakeVendor();
const github = { id: 'github', name: 'GitHub', category: 'code' };

describe('coconut_connectors_catalog_list', () => {
  it('calls connectors_catalog_list (no Coconut to look up) and answers the catalog', async () => {
    upstream([{ tool: 'connectors_catalog_list', data: { connectors: [github, { id: 'linear', name: 'Linear', category: 'issues' }] } }]);
    const runtime = createRuntime();

    const envelope = expectOk(await runtime.call('connectors_catalog_list', {}));

    expect(upstreamCalls(runtime)).toEqual([{ tool: 'connectors_catalog_list', arguments: {} }]);
    expect(envelope.data).toEqual({ connectors: [github, { id: 'linear', name: 'Linear', category: 'issues' }] });
  });

  it('passes the name filter through', async () => {
    upstream([{ tool: 'connectors_catalog_list', data: { connectors: [github] } }]);
    const runtime = createRuntime();
    expectOk(await runtime.call('connectors_catalog_list', { query: 'git' }));
    expect(upstreamCalls(runtime)).toEqual([{ tool: 'connectors_catalog_list', arguments: { query: 'git' } }]);
  });

  it('refuses an empty filter without calling Coconut', async () => {
    const runtime = createRuntime();
    expectError(await runtime.call('connectors_catalog_list', { query: '' }), 'invalid_input');
    expect(runtime.requests).toEqual([]);
  });
});
