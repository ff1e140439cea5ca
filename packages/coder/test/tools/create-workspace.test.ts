import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectError, expectOk, fixture, mountTemplate, tool, vendor } from '../harness.js';

useFakeVendor();

describe('coder_create_workspace', () => {
  it('checks the values against the template, then creates the workspace with them', async () => {
    const { scope, sent } = vendor();
    mountTemplate(scope);
    scope
      .post('/api/v2/users/me/workspaces')
      .reply(201, { ...fixture('api-workspace'), name: 'api-dev', latest_build: { ...fixture('api-build-pending'), transition: 'start', status: 'pending' } });
    const envelope = expectOk(
      await call(tool('create_workspace'), { name: 'api-dev', template: 'docker', parameters: { cpu: 4, region: 'eu-west', gpu: true } }),
    );
    expect(sent[2]).toMatchObject({
      method: 'POST',
      path: '/api/v2/users/me/workspaces',
      body: {
        name: 'api-dev',
        template_id: 'e1e1e1e1-0000-4000-8000-0000000000fa',
        rich_parameter_values: [
          { name: 'cpu', value: '4' },
          { name: 'region', value: 'eu-west' },
          { name: 'gpu', value: 'true' },
        ],
      },
    });
    expect(envelope.data).toMatchObject({ workspace: 'ada/api-dev', transition: 'start', status: 'pending', jobStatus: 'pending' });
  });

  it('names every value that does not fit, without creating anything', async () => {
    const { scope, sent } = vendor();
    mountTemplate(scope);
    const error = expectError(
      await call(tool('create_workspace'), {
        name: 'api-dev',
        template: 'docker',
        parameters: { cpu: '16', region: 'mars', dotfiles_uri: 'ftp://x', gpu: 'yes', colour: 'blue' },
      }),
      'invalid_input',
    );
    for (const part of [
      '"colour" is not a parameter',
      '"cpu" must be at most 8',
      '"region" must be one of eu-west, us-east',
      '"dotfiles_uri" Use an https:// or git@ URL.',
      '"gpu" must be true or false',
    ]) {
      expect(error.message).toContain(part);
    }
    mountTemplate(scope);
    expect(expectError(await call(tool('create_workspace'), { name: 'api-dev', template: 'docker' }), 'invalid_input').message).toContain(
      '"region" is required',
    );
    expect(sent.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('passes on Coder’s validation of the name with the field, and refuses a malformed name itself', async () => {
    const { scope, sent } = vendor();
    mountTemplate(scope);
    scope.post('/api/v2/users/me/workspaces').reply(409, {
      message: 'Workspace "api-dev" already exists.',
      validations: [{ field: 'name', detail: 'This value is already in use and should be unique.' }],
    });
    const error = expectError(await call(tool('create_workspace'), { name: 'api-dev', template: 'docker', parameters: { region: 'us-east' } }), 'conflict');
    expect(error.message).toContain('name: This value is already in use');
    expectError(await call(tool('create_workspace'), { name: '-bad-', template: 'docker' }), 'invalid_input');
    expect(sent).toHaveLength(3);
  });

  it('waits for the first build when asked, and after an unknown outcome finds the workspace by its name', async () => {
    const { scope, sent } = vendor();
    mountTemplate(scope);
    scope.post('/api/v2/users/me/workspaces').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const runtime = createRuntime();
    const input = { name: 'api-dev', template: 'docker', parameters: { region: 'eu-west' }, idempotencyKey: 'create-api-dev-2026' };
    expect(expectError(await runtime.call(tool('create_workspace'), input), 'network_error').retryable).toBe(false);
    scope.get('/api/v2/users/me/workspace/api-dev').reply(200, { ...fixture('api-workspace'), name: 'api-dev' });
    scope.get('/api/v2/templates').reply(200, fixture('api-templates'));
    const again = expectOk(await runtime.call(tool('create_workspace'), input));
    expect(again.data).toMatchObject({ workspace: 'ada/api-dev', status: 'running' });
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});
