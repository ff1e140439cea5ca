import type { ResourceDefinition } from '@connectors/contract';

/** What a client can read (and, with subscriptions, watch) by URI: views of Calendar's read tools. */
export const calendarResources: ResourceDefinition[] = [
  {
    uri: 'gcal://event/{calendarId}/{eventId}',
    name: 'calendar_event',
    title: 'Google Calendar event',
    description: 'One event with its time, attendees and their answers, as google_calendar_get_event reads it.',
    tool: 'get_event',
  },
];
