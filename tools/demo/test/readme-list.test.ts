// The README's `demo [...]` row lists every connector that ships a demo scenario (it had fallen
// behind: coder and google-workspace were missing).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listDemos } from '../run.mjs';

describe('the README demo row', () => {
  it('names every connector with a demo scenario', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const row = /\| `demo \[([^\]]+)\]` \|/.exec(readme);
    expect(row, 'README has a `demo [...]` row').not.toBeNull();
    const listed = row![1]!.split('\\|').sort();
    expect(listed).toEqual(
      listDemos()
        .map((demo: { id: string }) => demo.id)
        .sort(),
    );
  });
});
