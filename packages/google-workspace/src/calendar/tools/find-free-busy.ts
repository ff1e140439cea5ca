import { ConnectorError, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { instant, matching } from '../../inputs.js';
import { timeZone } from '../events.js';

interface FreeBusy {
  calendars?: Record<string, { busy?: { start: string; end: string }[]; errors?: { reason?: string }[] }>;
}

export const findFreeBusy = googleTool({
  action: 'find_free_busy',
  title: 'Find busy times',
  description: 'Busy intervals of calendars or people (by email) between two times, to find a slot that suits everyone.',
  toolset: 'calendar',
  access: 'read',
  input: z.object({
    timeMin: instant,
    timeMax: instant,
    calendars: z
      .array(matching(/^[^\s/\\?]{1,255}$/, 'must be a calendar id or an email', 255))
      .min(1)
      .max(50)
      .default(['primary'])
      .describe('Calendar ids or emails'),
    timeZone: timeZone.optional(),
  }),
  output: z.array(z.object({ calendar: z.string(), busy: z.array(z.object({ start: z.string(), end: z.string() })), error: z.string().optional() })),
  examples: [{ timeMin: '2026-12-07T08:00:00+01:00', timeMax: '2026-12-07T18:00:00+01:00', calendars: ['primary', 'ada@example.com'] }],
  handler: async (input, ctx) => {
    const span = Date.parse(input.timeMax) - Date.parse(input.timeMin);
    if (span <= 0) throw new ConnectorError('invalid_input', 'timeMax must be after timeMin.');
    const { data } = await ctx.client.request<FreeBusy>({
      method: 'POST',
      path: '/calendar/v3/freeBusy',
      json: {
        timeMin: input.timeMin,
        timeMax: input.timeMax,
        ...(input.timeZone ? { timeZone: input.timeZone } : {}),
        items: input.calendars.map((id) => ({ id })),
      },
      // A query, not a write: safe to repeat.
      idempotent: true,
    });
    return {
      data: input.calendars.map((id) => {
        const entry = data.calendars?.[id];
        const error = entry?.errors?.[0]?.reason;
        // notFound: not a calendar; internalError and the like: not shared with you.
        return { calendar: id, busy: entry?.busy ?? [], ...(error ? { error } : entry ? {} : { error: 'notFound' }) };
      }),
    };
  },
});
