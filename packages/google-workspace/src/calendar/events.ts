import { z } from '@connectors/contract';
import { instantOrDate, email, matching } from '../inputs.js';

export const calendarId = matching(
  /^[^\s/\\?]{1,255}$/,
  'must be a calendar id like primary or team@group.calendar.google.com (google_calendar_list_calendars lists them)',
  255,
).default('primary');
export const eventId = matching(/^[A-Za-z0-9_@.-]{1,1024}$/, 'must be an event id from google_calendar_list_events', 1024);

/** RFC 3339 with an offset for timed events, a date for all-day ones. */
export const when = instantOrDate.describe('2026-12-03T09:30:00+01:00, or a date for all day');
export const timeZone = matching(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$|^UTC$/, 'must be an IANA time zone like Europe/Berlin', 64);
export const attendees = z.array(email).max(100);
export const sendUpdates = z.enum(['all', 'externalOnly', 'none']);

export interface EventTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}

export interface CalendarEvent {
  id: string;
  status?: string;
  summary?: string;
  description?: string;
  location?: string;
  start?: EventTime;
  end?: EventTime;
  htmlLink?: string;
  hangoutLink?: string;
  recurrence?: string[];
  recurringEventId?: string;
  created?: string;
  updated?: string;
  organizer?: { email?: string; displayName?: string; self?: boolean };
  attendees?: { email?: string; displayName?: string; responseStatus?: string; optional?: boolean; organizer?: boolean; self?: boolean; resource?: boolean }[];
  conferenceData?: { entryPoints?: { entryPointType?: string; uri?: string }[] };
}

const ATTENDEE_FIELDS = 'attendees(email,displayName,responseStatus,optional,organizer,self,resource)';
const BASE_FIELDS = `id,status,summary,location,start,end,hangoutLink,recurringEventId,${ATTENDEE_FIELDS}`;
export const ROW_FIELDS = `${BASE_FIELDS},organizer(email,self)`;
export const EVENT_FIELDS = `${BASE_FIELDS},organizer(email,displayName,self),description,htmlLink,recurrence,created,updated,conferenceData(entryPoints(entryPointType,uri))`;

export const eventRow = z.object({
  id: z.string(),
  summary: z.string(),
  start: z.string(),
  end: z.string(),
  allDay: z.boolean().optional(),
  location: z.string().optional(),
  status: z.string().optional(),
  organizer: z.string().optional(),
  attendees: z.number().optional(),
  /** Your own answer when you are invited. */
  myResponse: z.string().optional(),
  meet: z.string().optional(),
  recurringEventId: z.string().optional(),
});

export const event = eventRow.omit({ attendees: true, myResponse: true }).extend({
  description: z.string().optional(),
  timeZone: z.string().optional(),
  attendees: z.array(
    z.object({
      email: z.string(),
      name: z.string().optional(),
      response: z.string().optional(),
      optional: z.boolean().optional(),
      organizer: z.boolean().optional(),
    }),
  ),
  recurrence: z.array(z.string()).optional(),
  link: z.string().optional(),
  created: z.string().optional(),
  updated: z.string().optional(),
});

const time = (t: EventTime | undefined) => t?.dateTime ?? t?.date ?? '';
const meetOf = (e: CalendarEvent) => e.hangoutLink ?? e.conferenceData?.entryPoints?.find((p) => p.entryPointType === 'video')?.uri;

export function projectRow(e: CalendarEvent): z.infer<typeof eventRow> {
  const meet = meetOf(e);
  const mine = e.attendees?.find((a) => a.self)?.responseStatus;
  const people = e.attendees?.filter((a) => !a.resource).length ?? 0;
  return {
    id: e.id,
    summary: e.summary ?? '(no title)',
    start: time(e.start),
    end: time(e.end),
    ...(e.start?.date ? { allDay: true } : {}),
    ...(e.location ? { location: e.location } : {}),
    ...(e.status && e.status !== 'confirmed' ? { status: e.status } : {}),
    ...(e.organizer?.email && !e.organizer.self ? { organizer: e.organizer.email } : {}),
    ...(people ? { attendees: people } : {}),
    ...(mine && !e.organizer?.self ? { myResponse: mine } : {}),
    ...(meet ? { meet } : {}),
    ...(e.recurringEventId ? { recurringEventId: e.recurringEventId } : {}),
  };
}

/** Descriptions can be long HTML-ish notes: kept, but not without end. */
const DESCRIPTION_MAX = 5_000;

export function projectEvent(e: CalendarEvent): z.infer<typeof event> {
  const { attendees: _count, myResponse: _mine, ...row } = projectRow(e);
  const description = e.description && e.description.length > DESCRIPTION_MAX ? `${e.description.slice(0, DESCRIPTION_MAX)}…` : e.description;
  return {
    ...row,
    ...(e.organizer?.email ? { organizer: e.organizer.email } : {}),
    ...(description ? { description } : {}),
    ...(e.start?.timeZone ? { timeZone: e.start.timeZone } : {}),
    attendees: (e.attendees ?? [])
      .filter((a) => a.email)
      .map((a) => ({
        email: a.email!,
        ...(a.displayName ? { name: a.displayName } : {}),
        ...(a.responseStatus ? { response: a.responseStatus } : {}),
        ...(a.optional ? { optional: true } : {}),
        ...(a.organizer ? { organizer: true } : {}),
      })),
    ...(e.recurrence?.length ? { recurrence: e.recurrence } : {}),
    ...(e.htmlLink ? { link: e.htmlLink } : {}),
    ...(e.created ? { created: e.created } : {}),
    ...(e.updated ? { updated: e.updated } : {}),
  };
}

/** An input time as Google's start/end: `date` for all-day, `dateTime` (and the zone) otherwise. */
export function eventTime(value: string, zone: string | undefined): EventTime {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? { date: value } : { dateTime: value, ...(zone ? { timeZone: zone } : {}) };
}
