/**
 * Tool-schema snapshots ("toolsnaps", as in github/github-mcp-server): every tool of a connector as
 * tools/list shows it, one checked-in file per tool, `<package>/toolsnaps/<tool name>.json`. A
 * renamed tool or a changed schema then shows in review, and semver-check.mjs asks for the
 * release that goes with it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stableJson } from '@connectors/contract';
import { ConnectorRuntime } from '@connectors/contract/server';

export const SNAPSHOT_DIR = 'toolsnaps';

/**
 * One snapshot per tool, health included, whatever the gating (opt-in toolsets, scopes): what the
 * built bin can list. Fixed field order; keys inside the schemas sorted, so the text changes only
 * when what a client sees changes.
 */
export function renderToolSnapshots(connector) {
  // Empty env and no config dir: neither this machine's settings nor a saved login can change the list.
  const runtime = new ConnectorRuntime(connector, { env: { HOME: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent' }, logLevel: 'silent' });
  return new Map(
    runtime.describeAll().map((tool) => {
      const snapshot = {
        name: tool.name,
        title: tool.title,
        description: tool.description,
        annotations: sorted(tool.annotations),
        inputSchema: sorted(tool.inputSchema),
        outputSchema: sorted(tool.outputSchema),
      };
      return [`${tool.name}.json`, `${JSON.stringify(snapshot, null, 2)}\n`];
    }),
  );
}

const sorted = (value) => JSON.parse(stableJson(value));

/** Every package's snapshots: absolute path → content. */
export function renderSnapshotFiles(loaded) {
  return new Map(
    loaded.flatMap(({ connector, dir }) => [...renderToolSnapshots(connector)].map(([name, content]) => [join(dir, SNAPSHOT_DIR, name), content])),
  );
}

/** Snapshot files on disk that no tool produces any more (a tool renamed or removed): the folder holds generated files only. */
export function orphanSnapshots(dirs, files) {
  return dirs.flatMap((dir) => {
    const folder = join(dir, SNAPSHOT_DIR);
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .map((name) => join(folder, name))
      .filter((path) => !files.has(path))
      .sort();
  });
}
