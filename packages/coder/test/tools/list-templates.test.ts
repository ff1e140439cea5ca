import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();

describe('coder_list_templates', () => {
  it('lists templates compactly, deprecation said', async () => {
    const { scope } = vendor();
    scope.get('/api/v2/templates').reply(200, fixture('api-templates'));
    const envelope = expectOk(await call(tool('list_templates'), {}));
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
});
