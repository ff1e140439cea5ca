// The runtime's public shapes: its options, and what it lists and answers for the server layer.
import type { ErrorInfo } from '../core/errors.js';
import type { LogLevel } from '../core/logger.js';
import type { annotationsFor } from '../definition/tool.js';
import type { ToolSeparator } from '../definition/names.js';
import type { IdempotencyBackend } from '../state/idempotency-backend.js';
import type { TokenStorage } from '../state/token-storage.js';
import type { GatingOptions } from './gating.js';
import type { ToolSchemaManifest } from './tool-schemas.js';

export interface RuntimeOptions {
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Injected into the connector's HTTP client (tests, benchmarks). */
  fetch?: typeof fetch;
  /** Where the connector's HTTP client sleeps between retries; tests pass a fake to skip real waits. */
  sleep?: (ms: number) => Promise<void>;
  /** Longest wait for one vendor request; tests shorten it so a hung vendor fails fast. */
  timeoutMs?: number;
  /**
   * Longest time one tool call may take, every request, retry and wait included (default 55 s, under
   * the 60 s most clients give up at, so the model reads our timeout instead of the client's).
   */
  callTimeoutMs?: number;
  gating?: GatingOptions;
  toolSeparator?: ToolSeparator;
  logLevel?: LogLevel;
  /** Where log lines go; defaults to stderr. */
  logWrite?: (line: string) => void;
  /** Largest JSON text of one result before it is trimmed with a warning. */
  maxResultBytes?: number;
  /** Where idempotency records live; in memory unless given (the CLI uses a file under the state dir). */
  idempotency?: IdempotencyBackend;
  /** Where an `oauth` connector's tokens are kept; the 0600 file `auth login` writes unless given. */
  oauthStorage?: TokenStorage;
  /**
   * How a person runs this connector where it is installed, for the commands messages name
   * (`npx -y @connectors/jira`, or `node /path/to/dist/bin.js` in a checkout); default the npx form.
   */
  command?: string;
  /** How often subscribed resources are read, in ms (`--poll-interval`); at least the connector's `minPollIntervalMs`. */
  pollIntervalMs?: number;
  /** tools/list schemas computed at build time (the bundled bin's dist/tool-schemas.json); the rest are converted when listed. */
  toolSchemas?: ToolSchemaManifest;
}

export interface ToolDescriptor {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  annotations: ReturnType<typeof annotationsFor>;
}

export interface ResourceDescriptor {
  uri: string;
  name: string;
  title: string;
  description: string;
  mimeType: string;
}

export interface ResourceTemplateDescriptor extends Omit<ResourceDescriptor, 'uri'> {
  uriTemplate: string;
}

/** What resources/read answers; `unknown` when no enabled resource has that URI. */
export type ResourceRead = { ok: true; uri: string; mimeType: string; text: string } | { ok: false; uri: string; error: ErrorInfo; unknown?: true };

/** One progress report of a call: `progress` only ever grows, as MCP requires. */
export interface ProgressUpdate {
  progress: number;
  total?: number;
  message: string;
}
