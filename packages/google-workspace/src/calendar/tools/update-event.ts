import { ConnectorError, urlPath, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { calendarId, event, EVENT_FIELDS, eventId, projectEvent, type CalendarEvent } from '../events.js';
import { eventBody, eventFields, writeQuery } from '../write.js';

export const updateEvent = googleTool({
  action: 'update_event',
  title: 'Change a calendar event',
  description: 'Change an event’s title, times, description, location, attendees (the list given replaces it) or add a Meet link; what is not given stays.',
  toolset: 'calendar',
  access: 'write',
  idempotent: true,
  input: z.object({
    calendarId,
    eventId,
    summary: eventFields.summary.optional(),
    start: eventFields.start.optional(),
    end: eventFields.end.optional(),
    timeZone: eventFields.timeZone,
    description: eventFields.description.optional(),
    location: eventFields.location.optional(),
    attendees: eventFields.attendees.optional(),
    recurrence: eventFields.recurrence.optional(),
    addMeet: eventFields.addMeet.optional(),
    sendUpdates: eventFields.sendUpdates,
  }),
  output: event,
  examples: [{ eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4', start: '2026-12-08T11:00:00+01:00', end: '2026-12-08T11:30:00+01:00' }],
  handler: async (input, ctx) => {
    const { calendarId: calendar, eventId: id, sendUpdates: _notify, timeZone: _zone, ...changes } = input;
    if (Object.values(changes).every((value) => value === undefined)) throw new ConnectorError('invalid_input', 'Give at least one field to change.');
    const { data } = await ctx.client.request<CalendarEvent>({
      method: 'PATCH',
      path: urlPath`/calendar/v3/calendars/${calendar}/events/${id}`,
      // The same changes again leave the same event.
      idempotent: true,
      query: writeQuery(input, EVENT_FIELDS),
      json: eventBody(input, undefined),
    });
    return { data: projectEvent(data) };
  },
});
