// tools/list schemas computed at build time. A connector's zod schemas become JSON Schema the
// first time tools/list is asked for (5 to 10 ms for 10 to 25 tools); `connectorBuild` computes
// them once per build into dist/tool-schemas.json, and the bundled bin reads them back instead.
// The file carries the build's id and is used only by the bin of that same build.
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JsonSchema } from '../core/envelope.js';

export const TOOL_SCHEMAS_FILE = 'tool-schemas.json';

export interface ToolSchemaManifest {
  /** The build that wrote it; the bin of any other build ignores it. */
  buildId: string;
  /** By action (`health` included): the tools/list schemas, whatever the gating or separator. */
  tools: Record<string, { inputSchema: JsonSchema; outputSchema: JsonSchema }>;
}

/** Replaced with the build's id by `connectorBuild` in the bundled bin; undefined everywhere else. */
declare const __CONNECTORS_BUILD_ID__: string | undefined;

/**
 * The manifest beside the bin being run, if it was written by the build that made this bin.
 * Anything else (no bundle, no file, another build, unreadable JSON) gives undefined: the schemas
 * are then computed as usual.
 */
export function bundledToolSchemas(binPath: string | undefined): ToolSchemaManifest | undefined {
  if (typeof __CONNECTORS_BUILD_ID__ !== 'string' || !binPath) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(join(dirname(realpathSync(binPath)), TOOL_SCHEMAS_FILE), 'utf8')) as ToolSchemaManifest;
    return manifest.buildId === __CONNECTORS_BUILD_ID__ && typeof manifest.tools === 'object' ? manifest : undefined;
  } catch {
    return undefined;
  }
}
