// Held-out fault: Coconut's jobs_get answered `"schedule": null` and the call failed the output
// check (`z.string().optional()` refuses null). Vendors send null for absent values: a null where
// the output schema takes an optional value is dropped as absent, once, in the contract.
import { describe, expect, it } from 'vitest';
import { defineConnector, defineTool, z } from '../src/index.js';
import { failure, notesRuntime, success } from './support/runtime.js';

const job = z.object({
  id: z.string(),
  schedule: z.string().optional(),
  owner: z.object({ name: z.string().optional() }).optional(),
  state: z.enum(['on', 'off']).optional(),
  kind: z.literal('cron').optional(),
  when: z.union([z.string(), z.number()]).optional(),
});

function answering(data: unknown) {
  return defineConnector({
    id: 'jobs',
    title: 'Jobs',
    version: '1.0.0',
    description: 'Jobs.',
    config: {},
    toolsets: { jobs: 'Jobs.' },
    client: () => ({}),
    health: async () => ({}),
    tools: [
      defineTool({
        action: 'list_jobs',
        title: 'List jobs',
        description: 'List jobs.',
        toolset: 'jobs',
        access: 'read',
        input: z.object({}),
        output: z.object({ jobs: z.array(job), next: z.string().optional() }),
        examples: [{}],
        handler: async () => ({ data: data as never }),
      }),
    ],
  });
}

describe('null from the vendor', () => {
  it('is dropped where the output schema takes an optional value, at any depth', async () => {
    const { runtime } = notesRuntime(
      { env: {} },
      answering({
        jobs: [
          { id: 'j1', schedule: null, owner: { name: null } },
          { id: 'j2', schedule: '0 * * * *', owner: null },
        ],
        next: null,
      }),
    );
    const envelope = success<{ jobs: unknown[] }>(await runtime.callTool('jobs_list_jobs', {}));
    expect(envelope.data).toEqual({
      jobs: [
        { id: 'j1', owner: {} },
        { id: 'j2', schedule: '0 * * * *' },
      ],
    });
  });

  it('still fails the output check where a value is required, naming the field', async () => {
    const { runtime } = notesRuntime({ env: {} }, answering({ jobs: [{ id: null }] }));
    const { error } = failure(await runtime.callTool('jobs_list_jobs', {}));
    expect(error.code).toBe('upstream_error');
    expect(error.message).toMatch(/jobs\.0\.id/);
  });
});
