import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { coderApi, createRuntime, expectError, expectOk, fixtures, tool, WORKSPACE_ID } from './fixtures/api.js';

useFakeVendor();
const VERSION = 'c0c0c0c0-0000-4000-8000-0000000000e3';
const STOPPED = '2a3b4c5d-0000-4000-8000-00000000e002';

function mountTemplate(scope: ReturnType<typeof coderApi>['scope']) {
  scope.get('/api/v2/templates').reply(200, fixtures.templates());
  scope.get(`/api/v2/templateversions/${VERSION}/rich-parameters`).reply(200, fixtures.richParameters());
}

describe('coder_list_templates and coder_get_template_parameters', () => {
  it('lists templates compactly, deprecation said', async () => {
    const { scope } = coderApi();
    scope.get('/api/v2/templates').reply(200, fixtures.templates());
    const envelope = expectOk(await createRuntime().callTool(tool('list_templates'), {}));
    expect(envelope.data).toEqual([
      {
        id: 'e1e1e1e1-0000-4000-8000-0000000000fa',
        name: 'docker',
        displayName: 'Docker',
        description: 'A Docker container with VS Code, Claude Code and your dotfiles.',
        organization: 'coder',
        activeUsers: 12,
      },
      {
        id: 'e2e2e2e2-0000-4000-8000-0000000000fb',
        name: 'aws-linux',
        displayName: 'AWS Linux',
        description: 'An EC2 instance.',
        organization: 'coder',
        activeUsers: 0,
        deprecated: 'Use docker instead.',
      },
    ]);
  });

  it('answers the active version’s parameters, ephemeral ones left out', async () => {
    const { scope, sent } = coderApi();
    mountTemplate(scope);
    const envelope = expectOk<{ parameters: { name: string }[] }>(await createRuntime().callTool(tool('get_template_parameters'), { template: 'docker' }));
    expect(sent.map((r) => r.path)).toEqual(['/api/v2/templates', `/api/v2/templateversions/${VERSION}/rich-parameters`]);
    expect(envelope.data).toMatchObject({ template: 'docker', versionId: VERSION });
    expect(envelope.data.parameters).toEqual([
      {
        name: 'cpu',
        displayName: 'CPU cores',
        description: 'How many cores the container gets.',
        type: 'number',
        required: false,
        default: '2',
        mutable: true,
        min: 1,
        max: 8,
      },
      {
        name: 'region',
        displayName: 'Region',
        type: 'string',
        required: true,
        mutable: false,
        options: [
          { name: 'Frankfurt', value: 'eu-west' },
          { name: 'Virginia', value: 'us-east' },
        ],
      },
      {
        name: 'dotfiles_uri',
        displayName: 'Dotfiles',
        description: 'A git URL with your dotfiles.',
        type: 'string',
        required: false,
        mutable: true,
        pattern: '^(https://|git@)\\S+$',
      },
      { name: 'gpu', displayName: 'GPU', type: 'bool', required: false, default: 'false', mutable: true },
    ]);
  });

  it('answers not_found for an unknown template name, naming the tool that lists them', async () => {
    const { scope } = coderApi();
    scope.get('/api/v2/templates').reply(200, fixtures.templates());
    expect(expectError(await createRuntime().callTool(tool('get_template_parameters'), { template: 'kubernetes' }), 'not_found').hint).toContain(
      'coder_list_templates',
    );
  });
});

describe('coder_create_workspace', () => {
  it('checks the values against the template, then creates the workspace with them', async () => {
    const { scope, sent } = coderApi();
    mountTemplate(scope);
    scope
      .post('/api/v2/users/me/workspaces')
      .reply(201, { ...fixtures.workspace(), name: 'api-dev', latest_build: { ...fixtures.buildPending(), transition: 'start', status: 'pending' } });
    const envelope = expectOk(
      await createRuntime().callTool(tool('create_workspace'), { name: 'api-dev', template: 'docker', parameters: { cpu: 4, region: 'eu-west', gpu: true } }),
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
    const { scope, sent } = coderApi();
    mountTemplate(scope);
    const error = expectError(
      await createRuntime().callTool(tool('create_workspace'), {
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
    expect(expectError(await createRuntime().callTool(tool('create_workspace'), { name: 'api-dev', template: 'docker' }), 'invalid_input').message).toContain(
      '"region" is required',
    );
    expect(sent.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('passes on Coder’s validation of the name with the field, and refuses a malformed name itself', async () => {
    const { scope, sent } = coderApi();
    mountTemplate(scope);
    scope.post('/api/v2/users/me/workspaces').reply(409, {
      message: 'Workspace "api-dev" already exists.',
      validations: [{ field: 'name', detail: 'This value is already in use and should be unique.' }],
    });
    const error = expectError(
      await createRuntime().callTool(tool('create_workspace'), { name: 'api-dev', template: 'docker', parameters: { region: 'us-east' } }),
      'conflict',
    );
    expect(error.message).toContain('name: This value is already in use');
    expectError(await createRuntime().callTool(tool('create_workspace'), { name: '-bad-', template: 'docker' }), 'invalid_input');
    expect(sent).toHaveLength(3);
  });

  it('waits for the first build when asked, and after an unknown outcome finds the workspace by its name', async () => {
    const { scope, sent } = coderApi();
    mountTemplate(scope);
    scope.post('/api/v2/users/me/workspaces').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const runtime = createRuntime();
    const input = { name: 'api-dev', template: 'docker', parameters: { region: 'eu-west' }, idempotencyKey: 'create-api-dev-2026' };
    expect(expectError(await runtime.callTool(tool('create_workspace'), input), 'network_error').retryable).toBe(false);
    scope.get('/api/v2/users/me/workspace/api-dev').reply(200, { ...fixtures.workspace(), name: 'api-dev' });
    scope.get('/api/v2/templates').reply(200, fixtures.templates());
    const again = expectOk(await runtime.callTool(tool('create_workspace'), input));
    expect(again.data).toMatchObject({ workspace: 'ada/api-dev', status: 'running' });
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});

describe('start, stop and delete', () => {
  it('start queues a start build and answers it at once without wait', async () => {
    const { scope, sent } = coderApi();
    scope.get('/api/v2/users/me/workspace/dev').reply(200, fixtures.workspaceStopped());
    scope.post(`/api/v2/workspaces/${STOPPED}/builds`).reply(201, { ...fixtures.buildPending(), transition: 'start', status: 'pending' });
    const envelope = expectOk(await createRuntime().callTool(tool('start_workspace'), { workspace: 'dev' }));
    // The stopped workspace is outdated: it starts on the template's active version.
    expect(sent[1]!.body).toEqual({ transition: 'start', template_version_id: VERSION });
    expect(envelope.data).toMatchObject({ workspace: 'ada/dev', transition: 'start', status: 'pending', jobStatus: 'pending' });
  });

  it('with wait, polls the build until it ends, and reports a failed build with its error', async () => {
    const { scope, sent } = coderApi();
    const pending = fixtures.buildPending();
    scope.get('/api/v2/users/me/workspace/api-server').reply(200, fixtures.workspace());
    scope.post(`/api/v2/workspaces/${WORKSPACE_ID}/builds`).reply(201, pending);
    scope.get(`/api/v2/workspacebuilds/${pending.id}`).reply(200, { ...pending, job: { ...pending.job, status: 'running' } });
    scope
      .get(`/api/v2/workspacebuilds/${pending.id}`)
      .reply(200, { ...pending, status: 'failed', job: { ...pending.job, status: 'failed', error: 'exit status 1: docker: image pull rate limit reached' } });
    const progress: { progress: number; total?: number; message: string }[] = [];
    const envelope = expectOk(
      await createRuntime().callTool(tool('stop_workspace'), { workspace: 'api-server', wait: true, waitSeconds: 10 }, undefined, (update) =>
        progress.push(update),
      ),
    );
    expect(sent[1]!.body).toEqual({ transition: 'stop' });
    expect(envelope.data).toMatchObject({
      transition: 'stop',
      status: 'failed',
      jobStatus: 'failed',
      error: 'exit status 1: docker: image pull rate limit reached',
    });
    // Each poll tells a client that asked for progress how the build goes (and keeps its request alive).
    expect(progress.map((p) => p.message)).toEqual([expect.stringMatching(/^stop running \(\d+ s\)$/), expect.stringMatching(/^stop failed \(\d+ s\)$/)]);
    expect(progress.every((p) => p.total === 10)).toBe(true);
    expect(progress[1]!.progress).toBeGreaterThan(progress[0]!.progress);
  }, 15_000);

  it('stops waiting at waitSeconds and says the build is still going', async () => {
    const { scope } = coderApi();
    const pending = fixtures.buildPending();
    scope.get('/api/v2/users/me/workspace/api-server').reply(200, fixtures.workspace());
    scope.post(`/api/v2/workspaces/${WORKSPACE_ID}/builds`).reply(201, pending);
    // Polled every 2 s within the 5 s asked for: twice.
    scope.get(`/api/v2/workspacebuilds/${pending.id}`).twice().reply(200, pending);
    const envelope = expectOk(await createRuntime().callTool(tool('stop_workspace'), { workspace: 'api-server', wait: true, waitSeconds: 5 }));
    expect(envelope.data).toMatchObject({ stillRunning: true, jobStatus: 'pending' });
    expect(envelope.warnings?.[0]).toContain('still pending');
  }, 15_000);

  it('delete queues a delete build; Coder’s refusal while a build runs is a conflict with its message', async () => {
    const { scope, sent } = coderApi();
    scope.get('/api/v2/users/me/workspace/api-server').twice().reply(200, fixtures.workspace());
    scope.post(`/api/v2/workspaces/${WORKSPACE_ID}/builds`).reply(201, { ...fixtures.buildPending(), transition: 'delete', status: 'pending' });
    scope.post(`/api/v2/workspaces/${WORKSPACE_ID}/builds`).reply(409, { message: 'A workspace build is already active.' });
    expectOk(await createRuntime().callTool(tool('delete_workspace'), { workspace: 'api-server' }));
    expect(sent[1]!.body).toEqual({ transition: 'delete' });
    expect(expectError(await createRuntime().callTool(tool('delete_workspace'), { workspace: 'api-server' }), 'conflict').message).toContain('already active');
  });

  it('are not registered in read-only mode', () => {
    const names = createRuntime({ gating: { readOnly: true } }).toolNames();
    for (const action of ['create_workspace', 'start_workspace', 'stop_workspace', 'delete_workspace']) expect(names).not.toContain(tool(action));
    expect(names).toContain(tool('get_workspace'));
  });
});
