import type { ConnectorDefinition } from '../define.js';
import type { CliOptions } from './options.js';

// Placeholder replaced by the full implementation in this same session.
export async function runConfigure(
  _connector: ConnectorDefinition,
  _options: CliOptions,
  io: { out: (t: string) => void; err: (t: string) => void; env: NodeJS.ProcessEnv },
): Promise<number> {
  io.err('configure is not available yet\n');
  return 1;
}
