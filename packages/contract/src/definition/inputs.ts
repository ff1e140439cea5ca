import { z } from 'zod';

/** Shared input pieces: the same names, limits and descriptions across every connector. */
export const inputs = {
  limit: (defaultLimit = 10, max = 100) => z.number().int().min(1).max(max).default(defaultLimit).describe('Page size.'),
  cursor: () => z.string().min(1).max(4096).optional().describe('nextCursor from the previous page.'),
  fields: (max = 50) => z.array(z.string().min(1).max(200)).max(max).optional().describe('Extra fields to include beyond the compact default.'),
  expand: (values: readonly [string, ...string[]]) => z.array(z.enum(values)).max(values.length).optional().describe('Extra sections to include.'),
  idempotencyKey: () =>
    z
      .string()
      .min(8)
      .max(128)
      .regex(/^[A-Za-z0-9._:-]+$/)
      .optional()
      .describe('Same key and input replays the first result, never writes twice.'),
  requestId: () => z.string().max(128).optional(),
  /** For vendors with several workspaces or tenants per credential. */
  workspaceId: () => z.string().min(1).max(128).optional().describe('Workspace to act in; defaults to the configured one.'),
  tenantId: () => z.string().min(1).max(128).optional().describe('Tenant to act in; defaults to the configured one.'),
};
