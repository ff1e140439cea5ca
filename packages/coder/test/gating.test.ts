// Gating that concerns several tools at once.
import { describe, expect, it } from 'vitest';
import { createRuntime, tool } from './harness.js';

describe('the workspace writes (create, start, stop, delete)', () => {
  it('are not registered in read-only mode', () => {
    const names = createRuntime({ gating: { readOnly: true } }).runtime.toolNames();
    for (const action of ['create_workspace', 'start_workspace', 'stop_workspace', 'delete_workspace']) expect(names).not.toContain(tool(action));
    expect(names).toContain(tool('get_workspace'));
  });
});
