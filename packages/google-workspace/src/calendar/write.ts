import { ConnectorError, z } from '@connectors/contract';
import { matching } from '../inputs.js';
import { attendees, eventTime, sendUpdates, timeZone, when } from './events.js';

/** The event fields create and update take alike. */
export const eventFields = {
  summary: z.string().trim().min(1).max(1024),
  start: when,
  end: when.describe('Exclusive: all day on 12-03 ends 12-04'),
  timeZone: timeZone.optional().describe('IANA zone; needed for recurring'),
  description: z.string().max(8000),
  location: z.string().max(1024),
  attendees: attendees.describe('Emails to invite'),
  recurrence: z.array(matching(/^(RRULE|EXRULE|RDATE|EXDATE)[:;]/, 'must be an RFC 5545 line like RRULE:FREQ=WEEKLY;BYDAY=MO', 500)).max(10),
  addMeet: z.boolean().describe('Add a Meet link'),
  sendUpdates: sendUpdates.optional().describe('Who is e-mailed; default all'),
};

type Fields = { [K in keyof typeof eventFields]?: z.output<(typeof eventFields)[K]> };

/** The event body for the fields given; start and end both timed or both all-day. */
export function eventBody(input: Fields, requestId: string | undefined): Record<string, unknown> {
  if (input.start && input.end) {
    const allDay = (value: string) => !value.includes('T');
    if (allDay(input.start) !== allDay(input.end)) throw new ConnectorError('invalid_input', 'start and end must both be dates (all day) or both be times.');
    if (Date.parse(input.end) <= Date.parse(input.start)) throw new ConnectorError('invalid_input', 'end must be after start.');
  }
  return {
    ...(input.summary !== undefined ? { summary: input.summary } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.location !== undefined ? { location: input.location } : {}),
    ...(input.start ? { start: eventTime(input.start, input.timeZone) } : {}),
    ...(input.end ? { end: eventTime(input.end, input.timeZone) } : {}),
    ...(input.attendees ? { attendees: input.attendees.map((email) => ({ email })) } : {}),
    ...(input.recurrence ? { recurrence: input.recurrence } : {}),
    ...(input.addMeet
      ? { conferenceData: { createRequest: { requestId: requestId ?? crypto.randomUUID(), conferenceSolutionKey: { type: 'hangoutsMeet' } } } }
      : {}),
  };
}

/** Query parameters of a write: who is told, and conference data when a Meet link is asked for. */
export function writeQuery(input: Fields, fields: string) {
  return {
    sendUpdates: input.sendUpdates ?? (input.attendees?.length ? 'all' : undefined),
    ...(input.addMeet ? { conferenceDataVersion: 1 } : {}),
    fields,
  };
}
