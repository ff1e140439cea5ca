import { isConnectorError, urlPath, type HealthReport } from '@connectors/contract';
import { PORTAL_INTENTS, type DiscordApi } from './client.js';
import { INVITE_PERMISSIONS, PERMISSION_BITS, type PermissionName } from './permissions.js';
import type { DiscordPartialGuild, DiscordUser } from './projection.js';

// Application flags that say a privileged intent is on (the _LIMITED bits are set for unverified apps).
const GATEWAY_GUILD_MEMBERS = (1 << 14) | (1 << 15);
const GATEWAY_MESSAGE_CONTENT = (1 << 18) | (1 << 19);
const GUILD_PAGE = 200;

type IntentStatus = 'enabled' | 'disabled' | 'unknown';

export interface IntentReport {
  intent: string;
  status: IntentStatus;
  neededBy: string[];
  enable: string;
}

/** Which permissions of the invite set the bot lacks in a guild (none when it is an administrator). */
export function missingPermissions(bitfield: string): PermissionName[] | undefined {
  if (!/^\d{1,20}$/.test(bitfield)) return undefined;
  const bits = BigInt(bitfield);
  if (bits & (1n << BigInt(PERMISSION_BITS.ADMINISTRATOR))) return [];
  return INVITE_PERMISSIONS.filter((name) => !(bits & (1n << BigInt(PERMISSION_BITS[name]))));
}

/** `discord_health`: the bot user, how many servers it is in, the default server, and the privileged intents. */
export async function discordHealth(client: DiscordApi, signal: AbortSignal): Promise<HealthReport> {
  const me = await client.get<DiscordUser>('/users/@me', undefined, signal);
  const guilds = await client.list<DiscordPartialGuild>('/users/@me/guilds', { limit: GUILD_PAGE }, signal);
  // Intents are application settings; reading them is a bonus, so a failure here is not a failed health check.
  const application = await client.get<{ flags?: number }>('/applications/@me', undefined, signal).catch(() => undefined);
  const flags = typeof application?.flags === 'number' ? application.flags : undefined;
  const status = (mask: number): IntentStatus => (flags === undefined ? 'unknown' : flags & mask ? 'enabled' : 'disabled');

  const report: HealthReport = {
    user: me.discriminator && me.discriminator !== '0' ? `${me.username}#${me.discriminator}` : me.username,
    botId: me.id,
    authMode: 'bot_token',
    guilds: guilds.length,
    ...(guilds.length === GUILD_PAGE ? { guildsNote: `at least ${GUILD_PAGE}; only the first page was counted` } : {}),
    intents: [
      {
        intent: 'Server Members Intent',
        status: status(GATEWAY_GUILD_MEMBERS),
        neededBy: ['discord_list_members'],
        enable: `${PORTAL_INTENTS} → Server Members Intent`,
      },
      {
        intent: 'Message Content Intent',
        status: status(GATEWAY_MESSAGE_CONTENT),
        neededBy: ['discord_get_messages (message text, embeds and attachments of other users)'],
        enable: `${PORTAL_INTENTS} → Message Content Intent`,
      },
    ] satisfies IntentReport[],
  };

  const defaultId = client.defaultGuildId;
  if (defaultId) {
    const guild = guilds.find((g) => g.id === defaultId);
    if (guild) {
      report.org = guild.name;
      const missing = missingPermissions(guild.permissions);
      report.defaultGuild = { id: guild.id, name: guild.name, ...(missing ? { missingPermissions: missing } : {}) };
    } else if (guilds.length < GUILD_PAGE) {
      report.defaultGuild = { id: defaultId, error: 'The bot is not in this server (DISCORD_GUILD_ID); invite it with the OAuth2 URL from the README.' };
    } else {
      try {
        const found = await client.get<{ id: string; name: string }>(urlPath`/guilds/${defaultId}`, undefined, signal);
        report.org = found.name;
        report.defaultGuild = { id: found.id, name: found.name };
      } catch (error) {
        report.defaultGuild = { id: defaultId, error: isConnectorError(error) ? error.message : 'Could not read this server.' };
      }
    }
  }
  return report;
}
