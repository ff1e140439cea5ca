import { useFakeVendor } from '@connectors/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRuntime, expectError, expectGoogleHeaders, expectOk, fixtures, googleApi, tool } from '../fixtures/api.js';

useFakeVendor();
const EVENTS = '/calendar/v3/calendars/primary/events';
afterEach(() => vi.useRealTimers());

describe('google_calendar_list_calendars', () => {
  it('lists the calendars with ids, your role and zone, your own names first', async () => {
    const { scope, sent } = googleApi();
    scope.get('/calendar/v3/users/me/calendarList').query(true).reply(200, fixtures.calendarList());
    const envelope = expectOk(await createRuntime().callTool(tool('list_calendars'), {}));
    expectGoogleHeaders(sent[0]);
    expect(sent[0]!.query).toEqual({ maxResults: '50', fields: 'nextPageToken,items(id,summary,summaryOverride,primary,accessRole,timeZone)' });
    expect(envelope.data).toEqual([
      { id: 'mia@example.com', name: 'mia@example.com', primary: true, role: 'owner', timeZone: 'Europe/Berlin' },
      { id: 'c_4f3b2a1e9d8c7b6a5f4e3d2c1b0a@group.calendar.google.com', name: 'Finance team', role: 'writer', timeZone: 'Europe/Berlin' },
      { id: 'en.german#holiday@group.v.calendar.google.com', name: 'Public holidays', role: 'reader', timeZone: 'Europe/Berlin' },
    ]);
    expect(envelope.nextCursor).toEqual(expect.any(String));
  });
});

describe('google_calendar_list_events', () => {
  it('lists single occurrences in start order between the times given, in compact rows', async () => {
    const { scope, sent } = googleApi();
    scope.get(EVENTS).query(true).reply(200, fixtures.eventsList());
    const envelope = expectOk(
      await createRuntime().callTool(tool('list_events'), {
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
    const { scope, sent } = googleApi();
    scope.get(EVENTS).query(true).reply(200, fixtures.eventsList()).get(EVENTS).query(true).reply(200, { items: [] });
    const runtime = createRuntime();
    const first = expectOk(await runtime.callTool(tool('list_events'), {}));
    vi.setSystemTime(new Date('2026-12-03T09:00:00Z'));
    const next = expectOk(await runtime.callTool(tool('list_events'), { cursor: first.nextCursor }));
    expect(sent.map((r) => r.query.timeMin)).toEqual(['2026-12-03T08:00:00.000Z', '2026-12-03T08:00:00.000Z']);
    expect(sent[1]!.query.pageToken).toBe('CigKGjdrcTJtOWQwYzR2MWg4czNiNW42cDByMnQ0GAEggICAgICAgICAARgBIAE');
    expect(next.data).toEqual([]);
    expectError(await runtime.callTool(tool('list_events'), { q: 'other', cursor: first.nextCursor }), 'invalid_input');
    expect(sent).toHaveLength(2);
  });

  it('rejects times without an offset, impossible dates and a range that ends before it starts, without a request', async () => {
    const { sent } = googleApi();
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
      expectError(await runtime.callTool(tool('list_events'), input), 'invalid_input');
    }
    expect(sent).toEqual([]);
  });

  it('encodes a calendar id with @ and # in the path', async () => {
    const { scope, sent } = googleApi();
    scope.get('/calendar/v3/calendars/en.german%23holiday%40group.v.calendar.google.com/events').query(true).reply(200, { items: [] });
    expectOk(
      await createRuntime().callTool(tool('list_events'), { calendarId: 'en.german#holiday@group.v.calendar.google.com', timeMin: '2026-12-01T00:00:00Z' }),
    );
    expect(sent[0]!.path).toBe('/calendar/v3/calendars/en.german%23holiday%40group.v.calendar.google.com/events');
  });
});

describe('google_calendar_get_event', () => {
  it('answers the event in full: attendees with their responses, organizer, Meet link', async () => {
    const { scope, sent } = googleApi();
    scope.get(`${EVENTS}/7kq2m9d0c4v1h8s3b5n6p0r2t4`).query(true).reply(200, fixtures.event());
    const envelope = expectOk(await createRuntime().callTool(tool('get_event'), { eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4' }));
    expect(sent[0]!.query.fields).toContain('conferenceData(entryPoints(entryPointType,uri))');
    expect(envelope.data).toEqual({
      id: '7kq2m9d0c4v1h8s3b5n6p0r2t4',
      summary: 'Q3 close review',
      start: '2026-12-08T10:00:00+01:00',
      end: '2026-12-08T10:30:00+01:00',
      location: 'Room 4.12',
      organizer: 'mia@example.com',
      meet: 'https://meet.google.com/abc-defg-hij',
      description: 'Walk through the reconciled invoices.',
      timeZone: 'Europe/Berlin',
      attendees: [
        { email: 'mia@example.com', response: 'accepted', organizer: true },
        { email: 'ada@example.com', name: 'Ada Lovelace', response: 'needsAction' },
        { email: 'c_1884a2b3room@resource.calendar.google.com', name: 'Room 4.12', response: 'accepted' },
      ],
      link: 'https://www.google.com/calendar/event?eid=N2txMm05ZDBjNHYxaDhzM2I1bjZwMHIydDQgbWlhQGV4YW1wbGUuY29t',
      created: '2026-11-25T09:12:44.000Z',
      updated: '2026-11-26T10:01:02.337Z',
    });
  });

  it('caps a very long description', async () => {
    const { scope } = googleApi();
    scope
      .get(`${EVENTS}/7kq2m9d0c4v1h8s3b5n6p0r2t4`)
      .query(true)
      .reply(200, { ...fixtures.event(), description: 'x'.repeat(9000) });
    const envelope = expectOk<{ description: string }>(await createRuntime().callTool(tool('get_event'), { eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4' }));
    expect(envelope.data.description).toHaveLength(5001);
  });

  it('answers a deleted event (410 Gone) as not_found', async () => {
    const { scope } = googleApi();
    scope
      .get(`${EVENTS}/7kq2m9d0c4v1h8s3b5n6p0r2t4`)
      .query(true)
      .reply(410, { error: { code: 410, message: 'Resource has been deleted', errors: [{ reason: 'deleted' }] } });
    expect(expectError(await createRuntime().callTool(tool('get_event'), { eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4' }), 'not_found').vendorCode).toBe('deleted');
  });
});

describe('google_calendar_find_free_busy', () => {
  it('asks for the calendars given and answers each one’s busy times, naming those Google could not read', async () => {
    const { scope, sent } = googleApi();
    scope.post('/calendar/v3/freeBusy').reply(200, fixtures.freeBusy());
    const envelope = expectOk(
      await createRuntime().callTool(tool('find_free_busy'), {
        timeMin: '2026-12-07T08:00:00+01:00',
        timeMax: '2026-12-07T18:00:00+01:00',
        calendars: ['primary', 'ada@example.com', 'nobody@example.org', 'ghost@example.net'],
        timeZone: 'Europe/Berlin',
      }),
    );
    expect(sent[0]!.body).toEqual({
      timeMin: '2026-12-07T08:00:00+01:00',
      timeMax: '2026-12-07T18:00:00+01:00',
      timeZone: 'Europe/Berlin',
      items: [{ id: 'primary' }, { id: 'ada@example.com' }, { id: 'nobody@example.org' }, { id: 'ghost@example.net' }],
    });
    expect(envelope.data).toEqual([
      { calendar: 'primary', busy: [{ start: '2026-12-07T09:00:00Z', end: '2026-12-07T10:00:00Z' }] },
      {
        calendar: 'ada@example.com',
        busy: [
          { start: '2026-12-07T08:00:00Z', end: '2026-12-07T08:30:00Z' },
          { start: '2026-12-07T13:00:00Z', end: '2026-12-07T14:00:00Z' },
        ],
      },
      { calendar: 'nobody@example.org', busy: [], error: 'notFound' },
      { calendar: 'ghost@example.net', busy: [], error: 'notFound' },
    ]);
  });

  it('is a read: retried after a 503 like any other', async () => {
    const { scope, sent } = googleApi();
    scope
      .post('/calendar/v3/freeBusy')
      .reply(503, { error: { code: 503, message: 'Backend Error' } })
      .post('/calendar/v3/freeBusy')
      .reply(200, { calendars: { primary: { busy: [] } } });
    expectOk(await createRuntime().callTool(tool('find_free_busy'), { timeMin: '2026-12-07T08:00:00Z', timeMax: '2026-12-07T18:00:00Z' }));
    expect(sent).toHaveLength(2);
  });
});
