import { ConnectorError, inputs, urlPath, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { instant } from '../../inputs.js';
import { calendarId, eventRow, projectRow, ROW_FIELDS, timeZone, type CalendarEvent } from '../events.js';

const page = z.object({ token: z.string(), query: z.string(), timeMin: z.string() });

export const listEvents = googleTool({
  action: 'list_events',
  title: 'List calendar events',
  description: 'Events of a calendar from timeMin (default now) to timeMax, recurring ones expanded, in start order; q searches text and attendees.',
  toolset: 'calendar',
  access: 'read',
  input: z.object({
    calendarId,
    timeMin: instant.optional(),
    timeMax: instant.optional(),
    q: z.string().max(500).optional(),
    timeZone: timeZone.optional().describe('Zone of the times answered'),
    limit: inputs.limit(25, 250),
    cursor: inputs.cursor(),
  }),
  output: z.array(eventRow),
  examples: [
    { timeMin: '2026-12-07T00:00:00+01:00', timeMax: '2026-12-12T00:00:00+01:00' },
    { q: 'standup', limit: 5 },
  ],
  handler: async (input, ctx) => {
    if (input.timeMin && input.timeMax && Date.parse(input.timeMax) <= Date.parse(input.timeMin)) {
      throw new ConnectorError('invalid_input', 'timeMax must be after timeMin.');
    }
    // A page belongs to one query: the same calendar, range and search.
    const query = JSON.stringify([input.calendarId, input.timeMin, input.timeMax, input.q, input.timeZone]);
    let pageToken: string | undefined;
    let timeMin = input.timeMin;
    if (input.cursor) {
      const state = ctx.cursor.decode(input.cursor, page);
      if (state.query !== query)
        throw new ConnectorError('invalid_input', 'This cursor belongs to another listing.', {
          hint: 'Repeat the listing with the arguments it was made for.',
        });
      pageToken = state.token;
      timeMin = state.timeMin;
    }
    // "From now" is fixed on the first page, so later pages continue the same listing.
    timeMin ??= new Date().toISOString();
    const list = await ctx.client.get<{ items?: CalendarEvent[]; nextPageToken?: string }>(urlPath`/calendar/v3/calendars/${input.calendarId}/events`, {
      timeMin,
      timeMax: input.timeMax,
      q: input.q,
      timeZone: input.timeZone,
      singleEvents: true,
      orderBy: 'startTime',
      maxResults: input.limit,
      pageToken,
      fields: `nextPageToken,items(${ROW_FIELDS})`,
    });
    return {
      data: (list.items ?? []).map(projectRow),
      ...(list.nextPageToken ? { nextCursor: ctx.cursor.encode({ token: list.nextPageToken, query, timeMin }) } : {}),
    };
  },
});
