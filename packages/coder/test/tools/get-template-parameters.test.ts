import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectOk, fixture, mountTemplate, TEMPLATE_VERSION, tool, vendor } from '../harness.js';

useFakeVendor();

describe('coder_get_template_parameters', () => {
  it('answers the active version’s parameters, ephemeral ones left out', async () => {
    const { scope, sent } = vendor();
    mountTemplate(scope);
    const envelope = expectOk<{ parameters: { name: string }[] }>(await call(tool('get_template_parameters'), { template: 'docker' }));
    expect(sent.map((r) => r.path)).toEqual(['/api/v2/templates', `/api/v2/templateversions/${TEMPLATE_VERSION}/rich-parameters`]);
    expect(envelope.data).toMatchObject({ template: 'docker', versionId: TEMPLATE_VERSION });
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
    const { scope } = vendor();
    scope.get('/api/v2/templates').reply(200, fixture('api-templates'));
    expect(expectError(await call(tool('get_template_parameters'), { template: 'kubernetes' }), 'not_found').hint).toContain('coder_list_templates');
  });
});
