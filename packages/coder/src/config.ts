import { envVar, z, type ConfigValues, type Requirements } from '@connectors/contract';
import { cliSession } from './cli-session.js';

export const config = {
  CODER_URL: envVar.url('Your Coder deployment, e.g. https://coder.example.com (default: the one the `coder` CLI is logged in to).', {
    example: 'https://coder.example.com',
  }),
  CODER_SESSION_TOKEN: envVar.secret('A Coder session or API token (`coder tokens create`); default: the `coder` CLI’s login.', {
    example: 'a1b2c3d4e5-f6g7h8i9j0k1l2m3n4o5p6q7r8',
  }),
  CODER_CONFIG_DIR: envVar.string(
    'The `coder` CLI’s config directory, read for its login when the two above are unset (default as the CLI: ~/.config/coderv2, ~/Library/Application Support/coderv2, %APPDATA%\\coderv2).',
    {
      example: '/home/you/.config/coderv2',
      schema: z.string().refine((value) => value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value), 'must be an absolute path'),
    },
  ),
};

export type CoderConfig = ConfigValues<typeof config>;

/** A URL and a token, from the variables or else from the `coder` CLI's login. */
export function missingConfig(values: CoderConfig): Requirements {
  if (values.CODER_URL && values.CODER_SESSION_TOKEN) return { missing: [] };
  const session = cliSession(values);
  const missing = (['CODER_URL', 'CODER_SESSION_TOKEN'] as const).filter((name) => !values[name] && !(name === 'CODER_URL' ? session?.url : session?.token));
  if (!missing.length) return { missing };
  return {
    missing,
    problems: ['Or log in with the `coder` CLI (`coder login https://coder.example.com`): its session is read from its config directory, never copied.'],
  };
}
