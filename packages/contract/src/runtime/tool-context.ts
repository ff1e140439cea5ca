import type { Logger } from '../core/logger.js';
import type { ToolContext } from '../definition/tool.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export interface ContextParts {
  /** Builds the vendor client on first use: health answers not_configured without one. */
  client: () => unknown;
  config: ToolContext['config'];
  tool: string;
  requestId: string;
  signal: AbortSignal;
  log: Logger;
  progress: ToolContext['progress'];
}

/** The context a handler gets: the one place it is built, for tool calls and run-time tool loading alike. */
export function toolContext(parts: ContextParts): ToolContext {
  const { client, tool } = parts;
  return {
    get client() {
      return client();
    },
    config: parts.config,
    tool,
    requestId: parts.requestId,
    signal: parts.signal,
    log: parts.log,
    cursor: {
      encode: (state) => encodeCursor(tool, state),
      decode: (cursor, schema) => decodeCursor(tool, cursor, schema),
    },
    progress: parts.progress,
  };
}
