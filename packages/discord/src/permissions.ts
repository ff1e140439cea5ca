import { z } from '@connectors/contract';

/** Discord permission bits (v10), by the names Discord's docs use. */
export const PERMISSION_BITS = {
  CREATE_INSTANT_INVITE: 0,
  KICK_MEMBERS: 1,
  BAN_MEMBERS: 2,
  ADMINISTRATOR: 3,
  MANAGE_CHANNELS: 4,
  MANAGE_GUILD: 5,
  ADD_REACTIONS: 6,
  VIEW_AUDIT_LOG: 7,
  PRIORITY_SPEAKER: 8,
  STREAM: 9,
  VIEW_CHANNEL: 10,
  SEND_MESSAGES: 11,
  SEND_TTS_MESSAGES: 12,
  MANAGE_MESSAGES: 13,
  EMBED_LINKS: 14,
  ATTACH_FILES: 15,
  READ_MESSAGE_HISTORY: 16,
  MENTION_EVERYONE: 17,
  USE_EXTERNAL_EMOJIS: 18,
  VIEW_GUILD_INSIGHTS: 19,
  CONNECT: 20,
  SPEAK: 21,
  MUTE_MEMBERS: 22,
  DEAFEN_MEMBERS: 23,
  MOVE_MEMBERS: 24,
  USE_VAD: 25,
  CHANGE_NICKNAME: 26,
  MANAGE_NICKNAMES: 27,
  MANAGE_ROLES: 28,
  MANAGE_WEBHOOKS: 29,
  MANAGE_GUILD_EXPRESSIONS: 30,
  USE_APPLICATION_COMMANDS: 31,
  REQUEST_TO_SPEAK: 32,
  MANAGE_EVENTS: 33,
  MANAGE_THREADS: 34,
  CREATE_PUBLIC_THREADS: 35,
  CREATE_PRIVATE_THREADS: 36,
  USE_EXTERNAL_STICKERS: 37,
  SEND_MESSAGES_IN_THREADS: 38,
  USE_EMBEDDED_ACTIVITIES: 39,
  MODERATE_MEMBERS: 40,
  VIEW_CREATOR_MONETIZATION_ANALYTICS: 41,
  USE_SOUNDBOARD: 42,
  CREATE_GUILD_EXPRESSIONS: 43,
  CREATE_EVENTS: 44,
  USE_EXTERNAL_SOUNDS: 45,
  SEND_VOICE_MESSAGES: 46,
  SEND_POLLS: 49,
  USE_EXTERNAL_APPS: 50,
} as const;

export type PermissionName = keyof typeof PERMISSION_BITS;

/**
 * Discord's docs describe role permissions as a string, its OpenAPI description as an integer,
 * and the API takes both: send a number while it is exact, the string beyond 2^53.
 */
export function permissionsForRequest(bitfield: string): number | string {
  const value = BigInt(bitfield);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : bitfield;
}

export function permissionBits(names: readonly PermissionName[]): string {
  return names.reduce((bits, name) => bits | (1n << BigInt(PERMISSION_BITS[name])), 0n).toString();
}

/**
 * What the bot needs for every tool here; the README's invite URL uses this number (a test keeps
 * them in step). Deliberately not ADMINISTRATOR.
 */
export const INVITE_PERMISSIONS: readonly PermissionName[] = [
  'VIEW_CHANNEL',
  'READ_MESSAGE_HISTORY',
  'SEND_MESSAGES',
  'SEND_MESSAGES_IN_THREADS',
  'EMBED_LINKS',
  'ADD_REACTIONS',
  'CREATE_PUBLIC_THREADS',
  'CREATE_PRIVATE_THREADS',
  'MANAGE_THREADS',
  'MANAGE_CHANNELS',
  'MANAGE_ROLES',
  'MANAGE_WEBHOOKS',
];

/** Only what the read tools need. */
export const READ_ONLY_INVITE_PERMISSIONS: readonly PermissionName[] = ['VIEW_CHANNEL', 'READ_MESSAGE_HISTORY'];

const names = Object.keys(PERMISSION_BITS);

/** Permissions as a list of names (easier to get right) or Discord's decimal bitfield string. */
// Names are checked in code rather than as a JSON-schema enum: 50 names would cost ~1 kB per tool in every tools/list.
export const permissionsInput = z
  .union([
    z
      .array(z.string().regex(/^[A-Z_]{3,40}$/, 'must be a permission name like SEND_MESSAGES'))
      .max(names.length)
      .superRefine((list, check) => {
        const unknown = list.filter((name) => !(name in PERMISSION_BITS));
        if (unknown.length)
          check.addIssue({
            code: 'custom',
            message: `unknown permission ${unknown.join(', ')}; names as in Discord's docs, e.g. VIEW_CHANNEL, SEND_MESSAGES, MANAGE_MESSAGES`,
          });
      }),
    z.string().regex(/^\d{1,20}$/, 'must be a decimal permission bitfield'),
  ])
  .transform((value) => permissionsForRequest(typeof value === 'string' ? value : permissionBits(value as PermissionName[])))
  .describe('Names like SEND_MESSAGES, or a bitfield.');
