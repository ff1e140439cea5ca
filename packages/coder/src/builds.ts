import { urlPath, z } from '@connectors/contract';
import type { CoderContext } from './client.js';
import type { CoderBuild, CoderWorkspace } from './workspaces.js';

/** Provisioner job states after which nothing changes. */
const DONE = new Set(['succeeded', 'failed', 'canceled']);
const POLL_MS = 2_000;

export const buildResult = z.object({
  workspace: z.string(),
  buildId: z.string(),
  number: z.number().optional(),
  transition: z.string(),
  status: z.string(),
  jobStatus: z.string().optional(),
  error: z.string().optional(),
  /** The wait ended before the build did. */
  stillRunning: z.boolean().optional(),
});

export const waitInputs = {
  wait: z.boolean().default(false).describe('Wait until the build ends'),
  waitSeconds: z.number().int().min(5).max(300).default(120),
};

/** Tools that may wait for a build get room for the longest wait. */
export const WAITING_TOOL_TIMEOUT_MS = 310_000;

export function projectBuild(workspace: CoderWorkspace, build: CoderBuild, stillRunning = false): z.infer<typeof buildResult> {
  return {
    workspace: `${workspace.owner_name}/${workspace.name}`,
    buildId: build.id,
    ...(build.build_number !== undefined ? { number: build.build_number } : {}),
    transition: build.transition ?? 'unknown',
    status: build.status ?? 'unknown',
    ...(build.job?.status ? { jobStatus: build.job.status } : {}),
    ...(build.job?.error ? { error: build.job.error } : {}),
    ...(stillRunning ? { stillRunning: true } : {}),
  };
}

/** Queues a build with this transition (start, stop, delete). */
export async function createBuild(ctx: CoderContext, workspace: CoderWorkspace, transition: 'start' | 'stop' | 'delete'): Promise<CoderBuild> {
  const { data } = await ctx.client.request<CoderBuild>({
    method: 'POST',
    path: urlPath`/api/v2/workspaces/${workspace.id}/builds`,
    // A template that requires its active version is started on that version.
    json: {
      transition,
      ...(transition === 'start' && workspace.template_active_version_id && workspace.outdated
        ? { template_version_id: workspace.template_active_version_id }
        : {}),
    },
  });
  return data;
}

/** Polls the build until its job ends or `seconds` pass; the call's cancel ends the wait at once. */
export async function waitForBuild(ctx: CoderContext, build: CoderBuild, seconds: number): Promise<{ build: CoderBuild; stillRunning: boolean }> {
  const started = Date.now();
  const until = started + seconds * 1000;
  let current = build;
  while (!DONE.has(current.job?.status ?? '')) {
    if (Date.now() + POLL_MS > until) return { build: current, stillRunning: true };
    await sleep(POLL_MS, ctx.signal);
    current = await ctx.client.get<CoderBuild>(urlPath`/api/v2/workspacebuilds/${build.id}`);
    // The client hears how the build goes, and does not time the call out while it waits.
    const waited = Math.round((Date.now() - started) / 1000);
    ctx.progress(`${current.transition ?? 'build'} ${current.job?.status ?? current.status ?? 'running'} (${waited} s)`, waited, seconds);
  }
  return { build: current, stillRunning: false };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
