import { envVar, type ConfigValues, type Requirements } from '@connectors/contract';

export const config = {
  STARTER_API_TOKEN: envVar.secret('API token from Settings → API tokens in Starter.', { required: true, example: 'stk_live_...' }),
  STARTER_API_URL: envVar.url('Base URL of the Starter API (override for tests or self-hosting).', {
    default: 'https://api.starter.example',
  }),
};

export type StarterConfig = ConfigValues<typeof config>;

/** Hosts a token may reach over plain http: this machine (a local Starter, a test server). */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * What the configuration still needs before tools can run: unset variables in `missing`, what a
 * name cannot say in `problems`. Health reports both, and every call answers not_configured with
 * them, before any request. Here: the token, and a URL it may be sent to.
 */
export function requires(values: StarterConfig): Requirements {
  const missing = values.STARTER_API_TOKEN === undefined ? ['STARTER_API_TOKEN'] : [];
  const url = values.STARTER_API_URL === undefined ? undefined : new URL(values.STARTER_API_URL);
  const problems =
    url?.protocol === 'http:' && !LOOPBACK.has(url.hostname)
      ? [`STARTER_API_URL must use https: the API token would cross the network in clear to ${url.host}`]
      : [];
  return { missing, problems };
}
