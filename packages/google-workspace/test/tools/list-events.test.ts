import { useFakeVendor } from '@connectors/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, createRuntime, expectError, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const EVENTS = '/calendar/v3/calendars/primary/events';
afterEach(() => vi.useRealTimers());

describe('google_calendar_list_events', () => {
  it('lists single occurrences in start order between the times given, in compact rows', async () => {
    const { scope, sent } = vendor();
    scope.get(EVENTS).query(true).reply(200, fixture('api-events-list'));
    const envelope = expectOk(
      await call(tool('list_events'), {
        timeMin: '2026-12-07T00:00:00+01:00',
        timeMax: '2026-12-19T00:00:00+01:00',
        q: 'close',
        timeZone: 'Europe/Berlin',
        limit: 3,
      }),
    );
    expect(sent[0]!.query).toEqual({
      timeMin: '2026-12-07T00:00:00+01:00',
      timeMax: '2026-12-19T00:00:00+01:00',
      q: 'close',
      timeZone: 'Europe/Berlin',
      singleEvents: 'true',
      orderBy: 'startTime',
      maxResults: '3',
      fields:
        'nextPageToken,items(id,status,summary,location,start,end,hangoutLink,recurringEventId,attendees(email,displayName,responseStatus,optional,organizer,self,resource),organizer(email,self))',
    });
    expect(envelope.data).toEqual([
      {
        id: '7kq2m9d0c4v1h8s3b5n6p0r2t4',
        summary: 'Q3 close review',
        start: '2026-12-08T10:00:00+01:00',
        end: '2026-12-08T10:30:00+01:00',
        location: 'Room 4.12',
        attendees: 2,
        meet: 'https://meet.google.com/abc-defg-hij',
      },
      {
        id: '3h5j7k9m1n3p5r7t9v1b3d5f7h_20261209T080000Z',
        summary: 'Finance standup',
        start: '2026-12-09T09:00:00+01:00',
        end: '2026-12-09T09:15:00+01:00',
        organizer: 'ada@example.com',
        attendees: 2,
        myResponse: 'tentative',
        recurringEventId: '3h5j7k9m1n3p5r7t9v1b3d5f7h',
      },
      { id: '0a2c4e6g8i0k2m4o6q8s0u2', summary: 'Offsite', start: '2026-12-14', end: '2026-12-16', allDay: true },
    ]);
  });

  it('starts from now by default, and keeps that start on later pages; a cursor of another listing is refused', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-03T08:00:00Z'));
    const { scope, sent } = vendor();
    scope.get(EVENTS).query(true).reply(200, fixture('api-events-list')).get(EVENTS).query(true).reply(200, { items: [] });
    const runtime = createRuntime();
    const first = expectOk(await runtime.call(tool('list_events'), {}));
    vi.setSystemTime(new Date('2026-12-03T09:00:00Z'));
    const next = expectOk(await runtime.call(tool('list_events'), { cursor: first.nextCursor }));
    expect(sent.map((r) => r.query.timeMin)).toEqual(['2026-12-03T08:00:00.000Z', '2026-12-03T08:00:00.000Z']);
    expect(sent[1]!.query.pageToken).toBe('CigKGjdrcTJtOWQwYzR2MWg4czNiNW42cDByMnQ0GAEggICAgICAgICAARgBIAE');
    expect(next.data).toEqual([]);
    expectError(await runtime.call(tool('list_events'), { q: 'other', cursor: first.nextCursor }), 'invalid_input');
    expect(sent).toHaveLength(2);
  });

  it('rejects times without an offset, impossible dates and a range that ends before it starts, without a request', async () => {
    const { sent } = vendor();
    const runtime = createRuntime();
    for (const input of [
      { timeMin: '2026-12-07T09:00:00' },
      { timeMin: '2026-12-07' },
      { timeMin: '2026-13-07T09:00:00Z' },
      { timeMin: '2026-12-07T09:00:00Z', timeMax: '2026-12-07T08:00:00Z' },
      { timeZone: 'Not a zone!' },
      { calendarId: '../../users/me' },
      { limit: 251 },
    ]) {
      expectError(await runtime.call(tool('list_events'), input), 'invalid_input');
    }
    expect(sent).toEqual([]);
  });

  it('encodes a calendar id with @ and # in the path', async () => {
    const { scope, sent } = vendor();
    scope.get('/calendar/v3/calendars/en.german%23holiday%40group.v.calendar.google.com/events').query(true).reply(200, { items: [] });
    expectOk(await call(tool('list_events'), { calendarId: 'en.german#holiday@group.v.calendar.google.com', timeMin: '2026-12-01T00:00:00Z' }));
    expect(sent[0]!.path).toBe('/calendar/v3/calendars/en.german%23holiday%40group.v.calendar.google.com/events');
  });
});
