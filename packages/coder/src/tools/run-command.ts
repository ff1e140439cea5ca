import { z } from '@connectors/contract';
import { classifyCoderError, coderTool, credentials } from '../client.js';
import { runInPty } from '../pty.js';
import { findWorkspace, pickAgent, workspaceRef } from '../workspaces.js';

const PROGRESS_EVERY_MS = 10_000;

export const runCommand = coderTool({
  action: 'run_command',
  title: 'Run a command in a Coder workspace',
  description: 'Run a shell command in a running workspace’s terminal and get its exit code and output (escape codes stripped, the end kept when long).',
  toolset: 'exec',
  access: 'destructive',
  // The longest command (300 s) and the lookups around it.
  timeoutMs: 320_000,
  input: z.object({
    workspace: workspaceRef,
    command: z.string().min(1).max(10_000),
    agent: z.string().max(64).optional().describe('Agent name, when the workspace has several'),
    timeoutSeconds: z.number().int().min(1).max(300).default(60),
    maxOutputChars: z.number().int().min(1_000).max(64_000).default(16_000),
  }),
  output: z.object({
    workspace: z.string(),
    agent: z.string(),
    exitCode: z.number().nullable(),
    output: z.string(),
    truncated: z.boolean(),
    timedOut: z.boolean(),
    durationMs: z.number(),
  }),
  examples: [
    { workspace: 'dev', command: 'git -C ~/api status --short' },
    { workspace: 'ada/api-server', command: 'npm test', timeoutSeconds: 240 },
  ],
  handler: async (input, ctx) => {
    const workspace = await findWorkspace(input.workspace, ctx);
    const agent = pickAgent(workspace, input.agent);
    const { url, token } = credentials(ctx.config);
    // Every 10 s (a third of a shorter timeout), the client hears the command is still running,
    // and does not time the call out.
    const started = Date.now();
    const ticker = setInterval(
      () => {
        const seconds = Math.round((Date.now() - started) / 1000);
        ctx.progress(`${input.command.slice(0, 60)}: running for ${seconds} s`, seconds, input.timeoutSeconds);
      },
      Math.min(PROGRESS_EVERY_MS, (input.timeoutSeconds * 1000) / 3),
    );
    const result = await runInPty({
      deploymentUrl: url,
      agentId: agent.id,
      token,
      command: input.command,
      timeoutMs: input.timeoutSeconds * 1000,
      maxOutputChars: input.maxOutputChars,
      signal: ctx.signal,
      classifyError: classifyCoderError,
    }).finally(() => clearInterval(ticker));
    const warnings = [
      ...(result.timedOut
        ? [
            `The command was still running after ${input.timeoutSeconds} s: it was interrupted (Ctrl-C). Give a larger timeoutSeconds (up to 300), or run it in the background.`,
          ]
        : []),
      ...(result.truncated ? [`Output cut to its last ${input.maxOutputChars} characters.`] : []),
      ...(!result.timedOut && result.exitCode === null
        ? ['The terminal closed before the command reported its exit status (killed, or the agent restarted).']
        : []),
    ];
    return {
      data: { workspace: `${workspace.owner_name}/${workspace.name}`, agent: agent.name, ...result },
      ...(warnings.length ? { warnings } : {}),
    };
  },
});
