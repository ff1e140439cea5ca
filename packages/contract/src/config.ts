import { z } from 'zod';
import { ConnectorError } from './errors.js';

/** One environment variable a connector reads. */
export interface EnvVarSpec {
  description: string;
  /** Secrets are redacted from every output and never shown in docs or errors. */
  secret?: boolean;
  /** Required variables missing make every call answer `not_configured`. */
  required?: boolean;
  default?: string;
  /** Validates the value (e.g. a URL); a bad value answers `not_configured` with the reason. */
  schema?: z.ZodType<string, string>;
  /** Shown in docs and client snippets instead of a real value. */
  example?: string;
}

export type ConfigSpec = Record<string, EnvVarSpec>;
export type ConfigValues<S extends ConfigSpec = ConfigSpec> = { readonly [K in keyof S]: string | undefined };

export interface LoadedConfig<S extends ConfigSpec = ConfigSpec> {
  values: ConfigValues<S>;
  /** Variables that must be set before tools can run. */
  missing: string[];
  /** Variables that are set but invalid, with why (never the value itself). */
  invalid: { name: string; message: string }[];
}

export const envVar = {
  string: (description: string, options: Omit<EnvVarSpec, 'description'> = {}): EnvVarSpec => ({ description, ...options }),
  secret: (description: string, options: Omit<EnvVarSpec, 'description' | 'secret'> = {}): EnvVarSpec => ({
    description,
    secret: true,
    ...options,
  }),
  url: (description: string, options: Omit<EnvVarSpec, 'description' | 'schema'> = {}): EnvVarSpec => ({
    description,
    schema: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((u) => u.replace(/\/+$/, '')),
    ...options,
  }),
};

export function loadConfig<S extends ConfigSpec>(
  spec: S,
  env: NodeJS.ProcessEnv,
  requires?: (values: ConfigValues<S>) => string[],
): LoadedConfig<S> {
  const values: Record<string, string | undefined> = {};
  const invalid: { name: string; message: string }[] = [];
  for (const [name, variable] of Object.entries(spec)) {
    const given = env[name]?.trim();
    // `<NAME>` is the placeholder `configure` writes for a value still to fill in: it counts as unset.
    const raw = given && !/^<[A-Z0-9_]+>$/.test(given) ? given : variable.default;
    if (raw === undefined) continue;
    if (!variable.schema) {
      values[name] = raw;
      continue;
    }
    const parsed = variable.schema.safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    else invalid.push({ name, message: parsed.error.issues[0]?.message ?? 'invalid value' });
  }
  const typed = values as ConfigValues<S>;
  const missing = requires
    ? requires(typed)
    : Object.entries(spec)
        .filter(([name, variable]) => variable.required && values[name] === undefined && !invalid.some((i) => i.name === name))
        .map(([name]) => name);
  return { values: typed, missing, invalid };
}

/** The error every call answers while configuration is incomplete. */
export function notConfiguredError(config: LoadedConfig): ConnectorError | undefined {
  if (config.missing.length === 0 && config.invalid.length === 0) return undefined;
  const parts: string[] = [];
  if (config.missing.length) parts.push(`missing ${config.missing.join(', ')}`);
  for (const bad of config.invalid) parts.push(`${bad.name} ${bad.message}`);
  return new ConnectorError('not_configured', `Configuration incomplete: ${parts.join('; ')}.`, {
    hint: 'Set these environment variables in the MCP client config for this server, then restart it.',
  });
}
