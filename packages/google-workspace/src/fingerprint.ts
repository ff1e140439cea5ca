import { createHash } from 'node:crypto';
import { stableJson } from '@connectors/contract';

/**
 * With an idempotencyKey, a fingerprint of the write (key, tool and input): the same key and input
 * always give the same 32 hex characters, so after an unknown outcome the write can be looked up at
 * Google by it (a Gmail Message-ID, a Drive app property, a Calendar event id).
 */
export function writeFingerprint(input: { idempotencyKey?: string }, ctx: { tool: string; idempotencyKey?: string }): string | undefined {
  if (!ctx.idempotencyKey) return undefined;
  const { idempotencyKey: _key, ...rest } = input;
  return createHash('sha256')
    .update(`${ctx.tool}\u0000${stableJson(rest)}\u0000${ctx.idempotencyKey}`)
    .digest('hex')
    .slice(0, 32);
}
