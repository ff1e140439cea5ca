import { randomBytes } from 'node:crypto';
import type { ConnectorDefinition, EnvVarSpec } from '@connectors/contract';

/** The environment of a test runtime: what was passed, plus a canary for every secret left out. */
export interface TestEnv {
  env: Record<string, string>;
  /** Secret variable name → the value it carries in this test (must never appear in any output). */
  canaries: Record<string, string>;
}

/**
 * Every secret variable of the connector gets a unique, recognisable value unless `env` sets it
 * (then that value is the canary) or sets it to `undefined` (then it stays unset). Nothing is read
 * from `process.env`, so tests never pick up a developer's real credentials.
 */
export function resolveTestEnv(connector: Pick<ConnectorDefinition, 'id' | 'config'>, env: Record<string, string | undefined> = {}): TestEnv {
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) resolved[name] = value;
  const canaries: Record<string, string> = {};
  for (const [name, variable] of Object.entries<EnvVarSpec>(connector.config)) {
    if (!variable.secret) continue;
    if (name in env) {
      const given = env[name];
      if (given !== undefined) canaries[name] = given;
      continue;
    }
    resolved[name] = canaries[name] = canaryValue(name);
  }
  return { env: resolved, canaries };
}

/** A fake secret nobody could mistake for a real one, unique per variable and per run. */
export function canaryValue(name: string): string {
  return `canary-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(6).toString('hex')}`;
}
