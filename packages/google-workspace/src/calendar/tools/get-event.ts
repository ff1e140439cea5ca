import { urlPath, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { calendarId, event, EVENT_FIELDS, eventId, projectEvent, type CalendarEvent } from '../events.js';

export const getEvent = googleTool({
  action: 'get_event',
  title: 'Get a calendar event',
  description: 'One event in full: description, organizer, attendees and their answers, Meet link, recurrence.',
  toolset: 'calendar',
  access: 'read',
  input: z.object({ calendarId, eventId }),
  output: event,
  examples: [{ eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4' }],
  handler: async (input, ctx) => {
    const found = await ctx.client.get<CalendarEvent>(urlPath`/calendar/v3/calendars/${input.calendarId}/events/${input.eventId}`, { fields: EVENT_FIELDS });
    return { data: projectEvent(found) };
  },
});
