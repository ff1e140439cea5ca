import type { ConnectorDefinition } from '../definition/connector.js';
import { resolve } from 'node:path';
import { HEALTH_ACTION, packageNameOf, toolNameOf } from '../definition/names.js';
import { ConnectorRuntime } from '../runtime/runtime.js';
import { serveHttp, serveStdio } from '../server/mcp.js';
import { isConnectorError } from '../core/errors.js';
import { helpText } from './help.js';
import { HTTP_ENV, parseCliOptions, UsageError } from './options.js';
import { openCliState } from './state.js';
import { bundledToolSchemas, type ToolSchemaManifest } from '../runtime/tool-schemas.js';

export interface CliIo {
  argv?: string[];
  env?: NodeJS.ProcessEnv;
  /** Only for commands that are not the MCP server (help, tools, health, configure). */
  out?: (text: string) => void;
  err?: (text: string) => void;
  /** Working directory for `configure vscode` and a relative `--config-file`; defaults to process.cwd(). */
  cwd?: string;
  /** Replaces the system browser opener of `auth login` (tests, embedding). */
  openUrl?: (url: string) => Promise<void>;
  /** `configure --local`: the bin being run and the Node running it (default process.argv[1] and process.execPath). */
  binPath?: string;
  nodePath?: string;
}

/** The CLI every connector's bin runs. Resolves to the exit code; `serve` resolves when the client disconnects. */
export async function runCli(connector: ConnectorDefinition, io: CliIo = {}): Promise<number> {
  const argv = io.argv ?? process.argv.slice(2);
  const env = io.env ?? process.env;
  const out = io.out ?? stdoutWriter();
  const err = io.err ?? ((text: string) => void process.stderr.write(text));
  try {
    const options = parseCliOptions(connector.id, argv, env);
    const command = commandHere(connector, io.binPath ?? process.argv[1]);
    if (options.help || options.version) {
      // configure's own help loads with the configure command, not with every start.
      const configureHelp = options.command === 'configure' && !options.version ? (await import('./configure/help.js')).configureHelpText : undefined;
      out(options.version ? `${connector.version}\n` : configureHelp ? configureHelp(connector, command) : helpText(connector));
      return 0;
    }
    // What a server start never needs (configure, auth login, the HTTP front door) is loaded by the command that does.
    if (options.command === 'configure')
      return await (await import('./configure/command.js')).runConfigure(connector, options, {
        command,
        out,
        err,
        env,
        cwd: io.cwd ?? process.cwd(),
        ...(io.binPath ? { binPath: io.binPath } : {}),
        ...(io.nodePath ? { nodePath: io.nodePath } : {}),
      });
    if (options.command === 'auth' && !connector.oauth)
      throw new UsageError(`${connector.title} does not use an OAuth login; set its environment variables instead.`);

    // The idempotency records and the OAuth login: files here, or Redis shared by replicas (`auth` saves there too).
    const state = ['serve', 'auth', 'health'].includes(options.command) ? await openCliState(connector, env, options.logLevel, err) : undefined;
    const oauthStorage = state?.oauthStorage;
    if (options.command === 'auth') {
      try {
        const { runAuth } = await import('./auth.js');
        return await runAuth(connector, options, {
          out,
          err,
          env,
          command,
          ...(io.openUrl ? { openUrl: io.openUrl } : {}),
          ...(oauthStorage ? { storage: oauthStorage } : {}),
        });
      } finally {
        await state?.close();
      }
    }

    const runtime = new ConnectorRuntime(connector, {
      env,
      gating: options.gating,
      toolSeparator: options.toolSeparator,
      logLevel: options.logLevel,
      maxResultBytes: options.maxResultBytes,
      command,
      ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
      // Keys survive a restart (and, in Redis, are shared by every replica): a repeated write is replayed, not made twice.
      ...(state ? { idempotency: state.idempotency } : {}),
      ...(oauthStorage ? { oauthStorage } : {}),
      ...withToolSchemas(bundledToolSchemas(io.binPath ?? process.argv[1])),
    });
    if (options.command === 'tools') {
      await runtime.ready();
      const tools = runtime.listTools();
      if (options.json) out(`${JSON.stringify(tools, null, 2)}\n`);
      else for (const tool of tools) out(`${tool.name.padEnd(40)} ${accessOf(tool.annotations).padEnd(12)} ${tool.description}\n`);
      return 0;
    }
    if (options.command === 'health') {
      const name = toolNameOf(connector, HEALTH_ACTION, options.toolSeparator);
      const result = await runtime.callTool(name, {});
      const envelope = result.structuredContent;
      out(`${JSON.stringify(envelope.ok ? envelope.data : envelope.error, null, 2)}\n`);
      return envelope.ok && (envelope.data as { status: string }).status === 'ok' ? 0 : 1;
    }
    if (options.http) {
      const token = env[HTTP_ENV.token]?.trim() || undefined;
      let server;
      try {
        server = await serveHttp(runtime, {
          port: options.port,
          host: options.host,
          notReady: async () => runtime.notReady() ?? (await state?.notReady()),
          maxBodyBytes: options.maxBodyBytes,
          ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
          ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
          ...(token ? { token } : {}),
        });
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      // SIGTERM (a deployment stopping this replica) lets calls in flight finish first.
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          runtime.log.info(`${signal}: finishing calls in flight, then stopping`);
          void server
            .close()
            .then(() => state?.close())
            .then(
              () => resolve(),
              () => resolve(),
            );
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      return 0;
    }
    await serveStdio(runtime);
    await state?.close();
    return 0;
  } catch (error) {
    if (error instanceof UsageError || isConnectorError(error)) {
      err(`${error.message}\nRun with --help for usage.\n`);
      return 2;
    }
    err(`Unexpected failure: ${(error as Error).message}\n`);
    return 1;
  }
}

/** Writes to stdout until a reader closes the pipe early (`tools | head`), then drops the rest quietly instead of dying on EPIPE. */
function stdoutWriter(): (text: string) => void {
  let closed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (text) => void (closed || process.stdout.write(text));
}

function accessOf(annotations: { readOnlyHint: boolean; destructiveHint: boolean }): string {
  return annotations.readOnlyHint ? 'read' : annotations.destructiveHint ? 'destructive' : 'write';
}

const withToolSchemas = (toolSchemas: ToolSchemaManifest | undefined) => (toolSchemas ? { toolSchemas } : {});

/**
 * How a person runs this bin, for the commands messages name: `npx -y <package>` when it runs from
 * an installed package (npx's cache, a project's node_modules), else `node <bin>` (a checkout's
 * build, where the npx form would fetch a package that may not be published).
 */
export function commandHere(connector: ConnectorDefinition, binPath: string | undefined): string {
  if (!binPath || /[\\/]node_modules[\\/]/.test(binPath)) return `npx -y ${packageNameOf(connector)}`;
  const bin = resolve(binPath);
  return `node ${/\s/.test(bin) ? JSON.stringify(bin) : bin}`;
}
