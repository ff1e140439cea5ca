import { inputs, z, bridgedTool } from '@connectors/contract';
import { coconutId, onCoconut } from '../coconut-id.js';
import { compactList } from '../projection.js';

const job = z.looseObject({ id: z.string(), name: z.string().optional(), schedule: z.string().optional(), lastRunStatus: z.string().optional() });

export const jobsList = bridgedTool({
  upstream: 'jobs_list',
  title: 'List jobs',
  description: "A Coconut's scheduled and triggered jobs, with their last run's status.",
  toolset: 'jobs',
  access: 'read',
  scope: 'jobs:read',
  input: z.object({ coconutId: coconutId(), limit: inputs.limit(20, 100), cursor: inputs.cursor() }),
  output: z.object({ jobs: z.array(job) }),
  examples: [{ coconutId: 'cn_01J9ZK4M2Q' }],
  args: onCoconut,
  project: compactList('jobs'),
});

export const jobsGet = bridgedTool({
  upstream: 'jobs_get',
  title: 'Get a job',
  description: 'One job of a Coconut, with its recent runs.',
  toolset: 'jobs',
  access: 'read',
  scope: 'jobs:read',
  input: z.object({ coconutId: coconutId(), jobId: z.string().min(1).max(200).describe('Job id (from coconut_jobs_list).') }),
  output: z.object({ job }),
  examples: [{ coconutId: 'cn_01J9ZK4M2Q', jobId: 'job_nightly' }],
  args: onCoconut,
});
