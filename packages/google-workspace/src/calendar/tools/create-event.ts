import { ConnectorError, inputs, isConnectorError, urlPath, z } from '@connectors/contract';
import { googleTool, type GoogleContext } from '../../client.js';
import { writeFingerprint } from '../../fingerprint.js';
import { calendarId, event, EVENT_FIELDS, projectEvent, type CalendarEvent } from '../events.js';
import { eventBody, eventFields, writeQuery } from '../write.js';

const input = z.object({
  calendarId,
  summary: eventFields.summary,
  start: eventFields.start,
  end: eventFields.end,
  timeZone: eventFields.timeZone,
  description: eventFields.description.optional(),
  location: eventFields.location.optional(),
  attendees: eventFields.attendees.optional(),
  recurrence: eventFields.recurrence.optional(),
  addMeet: eventFields.addMeet.default(false),
  sendUpdates: eventFields.sendUpdates,
  idempotencyKey: inputs.idempotencyKey(),
});

/** An event made with an idempotencyKey gets an id from it (hex is valid base32hex), so Google itself refuses a second copy. */
async function existing(value: z.output<typeof input>, ctx: GoogleContext): Promise<CalendarEvent | undefined> {
  const id = writeFingerprint(value, ctx);
  if (!id) return undefined;
  try {
    const found = await ctx.client.get<CalendarEvent>(urlPath`/calendar/v3/calendars/${value.calendarId}/events/${id}`, { fields: EVENT_FIELDS });
    return found.status === 'cancelled' ? undefined : found;
  } catch (error) {
    if (isConnectorError(error) && error.code === 'not_found') return undefined;
    throw error;
  }
}

export const createEvent = googleTool({
  action: 'create_event',
  title: 'Create a calendar event',
  description: 'Create an event, timed or all-day, optionally recurring, with attendees (invited by e-mail) and a Google Meet link.',
  toolset: 'calendar',
  access: 'write',
  // The event id comes from the key: Google refuses a second event with it, so repeats are safe.
  nativeIdempotencyKey: true,
  input,
  output: event,
  examples: [
    {
      summary: 'Q3 close review',
      start: '2026-12-08T10:00:00+01:00',
      end: '2026-12-08T10:30:00+01:00',
      timeZone: 'Europe/Berlin',
      attendees: ['ada@example.com'],
      addMeet: true,
      idempotencyKey: 'q3-close-review-1',
    },
    { summary: 'Offsite', start: '2026-12-14', end: '2026-12-16' },
  ],
  recover: async (value, ctx) => {
    const found = await existing(value, ctx);
    return found ? { data: projectEvent(found) } : undefined;
  },
  handler: async (value, ctx) => {
    const id = writeFingerprint(value, ctx);
    try {
      const { data } = await ctx.client.request<CalendarEvent>({
        method: 'POST',
        path: urlPath`/calendar/v3/calendars/${value.calendarId}/events`,
        query: writeQuery(value, EVENT_FIELDS),
        json: { ...(id ? { id } : {}), ...eventBody(value, id) },
        // With its own id, a repeat cannot make a second event (Google answers 409).
        ...(id ? { idempotent: true } : {}),
      });
      return { data: projectEvent(data) };
    } catch (error) {
      // Made already (an earlier attempt whose answer was lost): answer that event.
      if (id && isConnectorError(error) && error.code === 'conflict') {
        const found = await existing(value, ctx);
        if (found) return { data: projectEvent(found) };
        throw new ConnectorError('conflict', 'An event made with this idempotencyKey was deleted; use a new key to create it again.');
      }
      throw error;
    }
  },
});
