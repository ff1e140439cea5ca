import type { z } from '@connectors/contract';
import {
  channelTypeName,
  type compactChannel,
  type compactGuild,
  type compactMember,
  type compactMessage,
  type compactRole,
  type compactWebhook,
  type guildDetail,
} from './schemas.js';

// Discord payloads, trimmed to what the projections read (see the v10 OpenAPI description).

export interface DiscordUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  bot?: boolean;
  [more: string]: unknown;
}

export interface DiscordPartialGuild {
  id: string;
  name: string;
  owner: boolean;
  permissions: string;
  features: string[];
  approximate_member_count?: number | null;
  approximate_presence_count?: number | null;
  [more: string]: unknown;
}

export interface DiscordGuild {
  id: string;
  name: string;
  description: string | null;
  owner_id: string;
  features: string[];
  roles: unknown[];
  emojis: unknown[];
  preferred_locale: string;
  premium_tier: number;
  system_channel_id: string | null;
  rules_channel_id: string | null;
  approximate_member_count?: number | null;
  approximate_presence_count?: number | null;
  [more: string]: unknown;
}

export interface DiscordChannel {
  id: string;
  type: number;
  name?: string | null;
  guild_id?: string;
  parent_id?: string | null;
  position?: number;
  topic?: string | null;
  nsfw?: boolean;
  rate_limit_per_user?: number;
  owner_id?: string;
  message_count?: number;
  member_count?: number;
  thread_metadata?: { archived: boolean; locked: boolean };
  [more: string]: unknown;
}

export interface DiscordMessage {
  id: string;
  channel_id: string;
  type: number;
  author: DiscordUser;
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  pinned: boolean;
  embeds: { title?: string; description?: string; url?: string }[];
  attachments: { filename: string; url: string; size: number; content_type?: string }[];
  reactions?: { emoji: { id: string | null; name: string | null }; count: number; me: boolean }[];
  message_reference?: { message_id?: string };
  sticker_items?: unknown[];
  components?: unknown[];
  poll?: unknown;
  message_snapshots?: unknown[];
  thread?: { id: string };
  [more: string]: unknown;
}

export interface DiscordRole {
  id: string;
  name: string;
  color: number;
  position: number;
  permissions: string;
  hoist: boolean;
  mentionable: boolean;
  managed: boolean;
  [more: string]: unknown;
}

export interface DiscordWebhook {
  id: string;
  type: number;
  name: string | null;
  channel_id: string | null;
  guild_id?: string | null;
  user?: DiscordUser;
  token?: string;
  url?: string;
  [more: string]: unknown;
}

export interface DiscordMember {
  user: DiscordUser;
  nick: string | null;
  roles: string[];
  joined_at: string;
  communication_disabled_until: string | null;
  [more: string]: unknown;
}

/** Orders snowflakes numerically without BigInt (which throws on anything that is not digits). */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Adds the raw Discord fields the caller asked for, as the API returns them. */
export function withFields<T extends object>(compact: T, raw: Record<string, unknown>, fields: string[] | undefined): T {
  if (!fields?.length) return compact;
  const extra: Record<string, unknown> = {};
  for (const field of fields) if (field in raw) extra[field] = raw[field];
  return { ...compact, ...extra };
}

/** Fields asked for that none of the items has: a warning, so a typo does not pass silently. */
export function unknownFields(fields: string[] | undefined, raws: Record<string, unknown>[]): string[] {
  if (!fields?.length || raws.length === 0) return [];
  const missing = fields.filter((field) => !raws.some((raw) => field in raw));
  return missing.length ? [`Unknown fields ignored: ${missing.join(', ')}.`] : [];
}

export function projectGuild(guild: DiscordPartialGuild): z.input<typeof compactGuild> {
  return {
    id: guild.id,
    name: guild.name,
    owner: guild.owner,
    ...(typeof guild.approximate_member_count === 'number' ? { memberCount: guild.approximate_member_count } : {}),
    ...(typeof guild.approximate_presence_count === 'number' ? { onlineCount: guild.approximate_presence_count } : {}),
  };
}

export function projectGuildDetail(guild: DiscordGuild): z.input<typeof guildDetail> {
  return {
    id: guild.id,
    name: guild.name,
    description: guild.description,
    ownerId: guild.owner_id,
    ...(typeof guild.approximate_member_count === 'number' ? { memberCount: guild.approximate_member_count } : {}),
    ...(typeof guild.approximate_presence_count === 'number' ? { onlineCount: guild.approximate_presence_count } : {}),
    roles: guild.roles.length,
    emojis: guild.emojis.length,
    features: guild.features,
    preferredLocale: guild.preferred_locale,
    premiumTier: guild.premium_tier,
    systemChannelId: guild.system_channel_id,
    rulesChannelId: guild.rules_channel_id,
  };
}

export function projectChannel(channel: DiscordChannel): z.input<typeof compactChannel> {
  const out: z.input<typeof compactChannel> = {
    id: channel.id,
    name: channel.name ?? null,
    type: channel.type,
    typeName: channelTypeName(channel.type),
  };
  if (channel.guild_id) out.guildId = channel.guild_id;
  if (channel.parent_id !== undefined) out.parentId = channel.parent_id;
  if (channel.position !== undefined) out.position = channel.position;
  if (channel.topic) out.topic = channel.topic;
  if (channel.nsfw) out.nsfw = true;
  if (channel.rate_limit_per_user) out.slowmodeSeconds = channel.rate_limit_per_user;
  if (channel.thread_metadata) {
    out.thread = {
      archived: channel.thread_metadata.archived,
      locked: channel.thread_metadata.locked,
      messageCount: channel.message_count ?? 0,
      memberCount: channel.member_count ?? 0,
      ownerId: channel.owner_id ?? '',
    };
  }
  return out;
}

function displayName(user: DiscordUser): string {
  return user.global_name ?? user.username;
}

export function projectMessage(message: DiscordMessage): z.input<typeof compactMessage> {
  const out: z.input<typeof compactMessage> = {
    id: message.id,
    channelId: message.channel_id,
    author: {
      id: message.author.id,
      username: message.author.username,
      ...(message.author.global_name ? { displayName: message.author.global_name } : {}),
      ...(message.author.bot ? { bot: true } : {}),
    },
    content: message.content,
    timestamp: message.timestamp,
  };
  if (message.edited_timestamp) out.edited = message.edited_timestamp;
  if (message.message_reference?.message_id) out.replyTo = message.message_reference.message_id;
  if (message.embeds?.length) {
    out.embeds = message.embeds.map((embed) => ({
      ...(embed.title ? { title: embed.title } : {}),
      ...(embed.description ? { description: embed.description } : {}),
      ...(embed.url ? { url: embed.url } : {}),
    }));
  }
  if (message.attachments?.length) {
    out.attachments = message.attachments.map((a) => ({
      filename: a.filename,
      url: a.url,
      size: a.size,
      ...(a.content_type ? { contentType: a.content_type } : {}),
    }));
  }
  if (message.reactions?.length) {
    out.reactions = message.reactions.map((r) => ({
      emoji: r.emoji.id ? `${r.emoji.name ?? ''}:${r.emoji.id}` : (r.emoji.name ?? ''),
      count: r.count,
      me: r.me,
    }));
  }
  if (message.pinned) out.pinned = true;
  if (message.thread?.id) out.threadId = message.thread.id;
  return out;
}

/**
 * A default or reply message whose text, embeds, attachments, stickers, components and poll are
 * all empty: what Discord sends a bot without the Message Content intent for other people's messages.
 */
export function looksContentless(message: DiscordMessage): boolean {
  if (message.type !== 0 && message.type !== 19) return false;
  return (
    message.content === '' &&
    !message.embeds?.length &&
    !message.attachments?.length &&
    !message.sticker_items?.length &&
    !message.components?.length &&
    !message.poll &&
    !message.message_snapshots?.length
  );
}

export function projectRole(role: DiscordRole): z.input<typeof compactRole> {
  return {
    id: role.id,
    name: role.name,
    color: role.color > 0 ? `#${(role.color & 0xffffff).toString(16).padStart(6, '0')}` : null,
    position: role.position,
    permissions: role.permissions,
    hoist: role.hoist,
    mentionable: role.mentionable,
    managed: role.managed,
  };
}

const WEBHOOK_TYPES: Record<number, string> = { 1: 'incoming', 2: 'channel_follower', 3: 'application' };

/** Webhook tokens are credentials: never in a listing, only the url of a webhook just created. */
export function projectWebhook(webhook: DiscordWebhook, options: { withUrl?: boolean } = {}): z.input<typeof compactWebhook> {
  return {
    id: webhook.id,
    name: webhook.name,
    type: WEBHOOK_TYPES[webhook.type] ?? `type_${webhook.type}`,
    channelId: webhook.channel_id,
    ...(webhook.guild_id !== undefined ? { guildId: webhook.guild_id } : {}),
    ...(webhook.user ? { creator: webhook.user.username } : {}),
    ...(options.withUrl && (webhook.url || webhook.token) ? { url: webhook.url ?? `https://discord.com/api/webhooks/${webhook.id}/${webhook.token}` } : {}),
  };
}

export function projectMember(member: DiscordMember): z.input<typeof compactMember> {
  return {
    userId: member.user.id,
    username: member.user.username,
    displayName: member.nick ?? displayName(member.user),
    ...(member.user.bot ? { bot: true } : {}),
    ...(member.nick ? { nick: member.nick } : {}),
    roles: member.roles,
    joinedAt: member.joined_at,
    ...(member.communication_disabled_until && Date.parse(member.communication_disabled_until) > Date.now()
      ? { timedOutUntil: member.communication_disabled_until }
      : {}),
  };
}
