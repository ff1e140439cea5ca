import { z } from 'zod';
import { configProblems, type LoadedConfig } from '../definition/config.js';
import type { ConnectorDefinition, HealthReport } from '../definition/connector.js';
import { packageNameOf } from '../definition/names.js';
import type { ToolDefinition } from '../definition/tool.js';
import { toConnectorError } from '../core/errors.js';
import type { GatingOptions } from './gating.js';
import type { RateLimit } from '../core/envelope.js';
import type { Logger } from '../core/logger.js';
import type { OAuthTokenStore } from '../oauth/token-store.js';

interface HealthHost {
  readonly connector: ConnectorDefinition;
  readonly config: LoadedConfig;
  readonly gating: GatingOptions;
  readonly log: Logger;
  readonly lastRateLimit: RateLimit | undefined;
  /** The OAuth login, once the connector's client has asked for it. */
  readonly oauthInUse: OAuthTokenStore | undefined;
  toolNames(): string[];
  /** How a person runs this connector here (`npx -y <package>`, or `node <bin>` in a checkout). */
  readonly command: string;
}

const healthOutput = z.looseObject({
  status: z.enum(['ok', 'not_configured', 'error']),
  connector: z.string(),
  version: z.string(),
  user: z.string().optional(),
  org: z.string().optional(),
  authMode: z.string().optional(),
  scopes: z.array(z.string()).optional(),
  tokenExpiresAt: z.string().optional(),
  /** Variables to set. */
  missing: z.array(z.string()).optional(),
  /** What else stops the configuration from working, in sentences. */
  problems: z.array(z.string()).optional(),
  /** What to do about it, in one sentence, with the commands that work where the server runs. */
  next: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
  gating: z.object({ readOnly: z.boolean(), toolsets: z.array(z.string()).optional(), tools: z.array(z.string()) }),
});

const healthInput = z.object({});

/** `<id>_health`: registered for every connector by the runtime, never by the connector. */
export function healthTool(host: HealthHost): ToolDefinition<typeof healthInput, typeof healthOutput> {
  const { connector } = host;
  return {
    action: 'health',
    title: `${connector.title} health`,
    description: `Check the ${connector.title} connection: who the credentials belong to, missing configuration, rate limits, enabled tools.`,
    toolset: 'health',
    access: 'read',
    input: healthInput,
    output: healthOutput,
    examples: [{}],
    handler: async (_input, ctx) => {
      const base = {
        connector: connector.id,
        version: connector.version,
        gating: { readOnly: host.gating.readOnly ?? false, ...(host.gating.toolsets ? { toolsets: host.gating.toolsets } : {}), tools: host.toolNames() },
      };
      const { missing, placeholders } = host.config;
      // Connectors name their commands as `npx -y <package>`: say the one that works here instead.
      const here = (text: string) => text.replaceAll(`npx -y ${packageNameOf(connector)}`, host.command);
      const problems = [
        ...placeholders.map((name) => `${name} still holds the placeholder <${name}> that configure wrote: replace it with the real value.`),
        ...configProblems(host.config).map(here),
      ];
      if (missing.length || problems.length) {
        const set = missing.length
          ? `Set ${missing.join(', ')} in the "env" of this server's entry in your MCP client's config file`
          : "Fix the configuration in your MCP client's config file";
        // Run from a checkout (`node <bin>`), configure must write this build (--local), not the npx package.
        const configure = `${host.command} configure <client>${host.command.startsWith('npx ') ? '' : ' --local'}`;
        const next = `${set} (\`${configure}\` writes it from your shell's environment), then restart the server.`;
        return { data: { status: 'not_configured' as const, ...base, next, missing, problems } };
      }
      try {
        const report: HealthReport = await connector.health(ctx);
        const rateLimit = report.rateLimit ?? host.lastRateLimit;
        const login = await loginReport(host.oauthInUse);
        return { data: { status: 'ok' as const, ...base, ...login, ...report, ...(rateLimit ? { rateLimit } : {}) } };
      } catch (thrown) {
        const error = toConnectorError(thrown);
        // Nobody logged in yet: a step to take, like a variable to set.
        if (error.code === 'not_configured') {
          const step = [error.message, error.hint].filter(Boolean).join(' ');
          return {
            data: { status: 'not_configured' as const, ...base, missing: [], problems: [here(step)], ...(error.hint ? { next: here(error.hint) } : {}) },
          };
        }
        const detail = { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
        return { data: { status: 'error' as const, ...base, error: detail } };
      }
    },
  };
}

/** What the saved OAuth login says about itself: granted scopes and when the access token expires. */
async function loginReport(store: OAuthTokenStore | undefined): Promise<Pick<HealthReport, 'scopes' | 'tokenExpiresAt'>> {
  const status = await store?.status().catch(() => undefined);
  if (!status?.loggedIn) return {};
  return { ...(status.scopes ? { scopes: status.scopes } : {}), ...(status.expiresAt ? { tokenExpiresAt: status.expiresAt } : {}) };
}
