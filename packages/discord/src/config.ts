import { envVar, z } from '@connectors/contract';

export const SNOWFLAKE = /^\d{17,20}$/;
export const DEFAULT_BASE_URL = 'https://discord.com/api/v10';

export const config = {
  DISCORD_BOT_TOKEN: envVar.secret('Bot token from the Discord Developer Portal → your app → Bot → Reset Token.', {
    required: true,
    example: 'MTA4NzM...your-bot-token',
  }),
  DISCORD_GUILD_ID: envVar.string('Default server (guild) id for tools that take guild_id; right-click the server with Developer Mode on → Copy Server ID.', {
    schema: z.string().regex(SNOWFLAKE, 'must be a Discord id (17-20 digits)'),
    example: '1087345678901234567',
  }),
  DISCORD_API_BASE_URL: envVar.url('Base URL of the Discord REST API (override for tests and proxies).', {
    default: DEFAULT_BASE_URL,
  }),
};
