import { z } from 'zod';
import { ConnectorError } from '../core/errors.js';

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

/** What the configuration in force still needs, as a connector's `requires()` reports it. */
export interface Requirements {
  /** Names of declared variables that must be set (`configure` writes a placeholder for each). */
  missing: string[];
  /** Sentences for what a name cannot say: two auth modes mixed, an alternative to the missing ones. */
  problems?: string[];
}

export interface LoadedConfig<S extends ConfigSpec = ConfigSpec> {
  values: ConfigValues<S>;
  /** Variables that must be set before tools can run. */
  missing: string[];
  /** Why the configuration cannot be used as it is, in sentences; tools run only when this and `missing` are empty. */
  problems: string[];
  /** Variables that are set but invalid, with why (never the value itself). */
  invalid: { name: string; message: string }[];
  /** Variables still holding the `<NAME>` placeholder `configure` wrote (they count as unset). */
  placeholders: string[];
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

export function loadConfig<S extends ConfigSpec>(spec: S, env: NodeJS.ProcessEnv, requires?: (values: ConfigValues<S>) => Requirements): LoadedConfig<S> {
  const values: Record<string, string | undefined> = {};
  const invalid: { name: string; message: string }[] = [];
  const placeholders: string[] = [];
  for (const [name, variable] of Object.entries(spec)) {
    const given = env[name]?.trim();
    // `<NAME>` is the placeholder `configure` writes for a value still to fill in: it counts as unset.
    const placeholder = given !== undefined && /^<[A-Z0-9_]+>$/.test(given);
    if (placeholder) placeholders.push(name);
    const raw = given && !placeholder ? given : variable.default;
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
  const required = requires
    ? requires(typed)
    : {
        missing: Object.entries(spec)
          .filter(([name, variable]) => variable.required && values[name] === undefined && !invalid.some((i) => i.name === name))
          .map(([name]) => name),
      };
  const undeclared = required.missing.filter((name) => !(name in spec));
  if (undeclared.length) {
    throw new Error(
      `requires() named ${undeclared.map((name) => JSON.stringify(name)).join(', ')}, which the config does not declare; put sentences in problems.`,
    );
  }
  return { values: typed, missing: [...required.missing], problems: [...(required.problems ?? [])], invalid, placeholders };
}

/** The error every call answers while configuration is incomplete. */
export function notConfiguredError(config: LoadedConfig): ConnectorError | undefined {
  const problems = configProblems(config);
  if (config.missing.length === 0 && problems.length === 0) return undefined;
  const parts: string[] = [];
  if (config.missing.length) parts.push(`missing ${config.missing.join(', ')}.`);
  parts.push(...problems);
  return new ConnectorError('not_configured', `Configuration incomplete: ${parts.join(' ')}`, {
    hint: 'Set these environment variables in the MCP client config for this server, then restart it.',
  });
}

/** The connector's problems and each invalid value, as sentences (never the value itself). */
export function configProblems(config: LoadedConfig): string[] {
  return [...config.problems.map(sentence), ...config.invalid.map((bad) => sentence(`${bad.name} ${bad.message}`))];
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
