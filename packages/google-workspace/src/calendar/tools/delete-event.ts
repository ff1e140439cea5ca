import { urlPath, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { calendarId, eventId, sendUpdates } from '../events.js';

export const deleteEvent = googleTool({
  action: 'delete_event',
  title: 'Delete a calendar event',
  description: 'Delete an event (for a recurring event’s id, the whole series); attendees are told unless sendUpdates is none.',
  toolset: 'calendar',
  access: 'destructive',
  idempotent: true,
  input: z.object({ calendarId, eventId, sendUpdates: sendUpdates.default('all') }),
  output: z.object({ calendarId: z.string(), eventId: z.string(), deleted: z.literal(true) }),
  examples: [{ eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4' }],
  handler: async (input, ctx) => {
    await ctx.client.request({
      method: 'DELETE',
      path: urlPath`/calendar/v3/calendars/${input.calendarId}/events/${input.eventId}`,
      query: { sendUpdates: input.sendUpdates },
    });
    return { data: { calendarId: input.calendarId, eventId: input.eventId, deleted: true as const } };
  },
});
