import { inputs, z } from '@connectors/contract';
import { googleTool } from '../../client.js';

interface CalendarListEntry {
  id: string;
  summary?: string;
  summaryOverride?: string;
  primary?: boolean;
  accessRole?: string;
  timeZone?: string;
}

export const listCalendars = googleTool({
  action: 'list_calendars',
  title: 'List your calendars',
  description: 'Your calendars with their ids, your role and time zone.',
  toolset: 'calendar',
  access: 'read',
  input: z.object({ limit: inputs.limit(50, 250), cursor: inputs.cursor() }),
  output: z.array(
    z.object({ id: z.string(), name: z.string(), primary: z.boolean().optional(), role: z.string().optional(), timeZone: z.string().optional() }),
  ),
  examples: [{}],
  handler: async (input, ctx) => {
    const pageToken = input.cursor ? ctx.cursor.decode(input.cursor, z.object({ token: z.string() })).token : undefined;
    const list = await ctx.client.get<{ items?: CalendarListEntry[]; nextPageToken?: string }>('/calendar/v3/users/me/calendarList', {
      maxResults: input.limit,
      pageToken,
      fields: 'nextPageToken,items(id,summary,summaryOverride,primary,accessRole,timeZone)',
    });
    return {
      data: (list.items ?? []).map((c) => ({
        id: c.id,
        name: c.summaryOverride ?? c.summary ?? c.id,
        ...(c.primary ? { primary: true } : {}),
        ...(c.accessRole ? { role: c.accessRole } : {}),
        ...(c.timeZone ? { timeZone: c.timeZone } : {}),
      })),
      ...(list.nextPageToken ? { nextCursor: ctx.cursor.encode({ token: list.nextPageToken }) } : {}),
    };
  },
});
