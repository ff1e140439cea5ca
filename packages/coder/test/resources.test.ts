// coder://workspace/{workspace} and coder://activity/{workspace}: read through coder_get_workspace
// and coder_get_agent_activity (a name, owner/name percent-encoded, or an id).
import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectCoderHeaders, fixture, vendor } from './harness.js';

useFakeVendor();

describe('Coder resources', () => {
  it('lists the workspace and activity templates', () => {
    expect(
      createRuntime()
        .runtime.listResourceTemplates()
        .map((r) => r.uriTemplate),
    ).toEqual(['coder://workspace/{workspace}', 'coder://activity/{workspace}']);
  });

  it('reads a workspace by owner/name, as coder_get_workspace does', async () => {
    const { scope, sent } = vendor();
    scope.get('/api/v2/users/ada/workspace/api-server').reply(200, fixture('api-workspace'));
    const read = await createRuntime().readResource(`coder://workspace/${encodeURIComponent('ada/api-server')}`);
    expect(sent.map((r) => r.path)).toEqual(['/api/v2/users/ada/workspace/api-server']);
    expectCoderHeaders(sent[0]);
    expect(JSON.parse((read as { text: string }).text)).toMatchObject({ ok: true, data: { name: 'api-server' } });
  });

  it('reads agent activity, and refuses a reference that is no workspace before any request', async () => {
    const { scope, sent } = vendor();
    scope.get('/api/v2/users/me/workspace/api-server').reply(200, fixture('api-workspace'));
    expect(await createRuntime().readResource('coder://activity/api-server')).toMatchObject({ ok: true });
    expect(sent).toHaveLength(1);
    expect(await createRuntime().readResource(`coder://activity/${encodeURIComponent('../../etc')}`)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(sent).toHaveLength(1);
  });
});
