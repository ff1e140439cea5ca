import { describe, expect, it } from 'vitest';
import { createGroupReader } from '../build.mjs';

describe('createGroupReader (the build progress pnpm demo prints)', () => {
  it('reports each task once its group of lines is over, whatever the chunks', () => {
    const tasks: { name: string; lines: string[] }[] = [];
    const reader = createGroupReader((task: { name: string; lines: string[] }) => tasks.push(task));
    const output = [
      '   • Running build in 2 packages',
      '@connectors/contract:build: cache hit, replaying logs 1a2b',
      '@connectors/contract:build: ',
      '@connectors/contract:build: ESM Build success',
      '@connectors/jira:build: cache miss, executing 3c4d',
      '@connectors/jira:build: DTS Build success',
      '',
      ' Tasks:    2 successful, 2 total',
    ].join('\n');
    for (let i = 0; i < output.length; i += 5) reader.write(output.slice(i, i + 5));
    expect(tasks.map((t) => t.name)).toEqual(['@connectors/contract']);
    reader.end();
    expect(tasks).toEqual([
      { name: '@connectors/contract', lines: ['cache hit, replaying logs 1a2b', '', 'ESM Build success'] },
      { name: '@connectors/jira', lines: ['cache miss, executing 3c4d', 'DTS Build success'] },
    ]);
  });
});
