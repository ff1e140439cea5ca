import { useFakeVendor } from '@connectors/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, expectError, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const EVENTS = '/calendar/v3/calendars/primary/events';
afterEach(() => vi.useRealTimers());

describe('google_calendar_get_event', () => {
  it('answers the event in full: attendees with their responses, organizer, Meet link', async () => {
    const { scope, sent } = vendor();
    scope.get(`${EVENTS}/7kq2m9d0c4v1h8s3b5n6p0r2t4`).query(true).reply(200, fixture('api-event'));
    const envelope = expectOk(await call(tool('get_event'), { eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4' }));
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
    const { scope } = vendor();
    scope
      .get(`${EVENTS}/7kq2m9d0c4v1h8s3b5n6p0r2t4`)
      .query(true)
      .reply(200, { ...fixture('api-event'), description: 'x'.repeat(9000) });
    const envelope = expectOk<{ description: string }>(await call(tool('get_event'), { eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4' }));
    expect(envelope.data.description).toHaveLength(5001);
  });

  it('answers a deleted event (410 Gone) as not_found', async () => {
    const { scope } = vendor();
    scope
      .get(`${EVENTS}/7kq2m9d0c4v1h8s3b5n6p0r2t4`)
      .query(true)
      .reply(410, { error: { code: 410, message: 'Resource has been deleted', errors: [{ reason: 'deleted' }] } });
    expect(expectError(await call(tool('get_event'), { eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4' }), 'not_found').vendorCode).toBe('deleted');
  });
});
