import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const EVENTS = '/calendar/v3/calendars/primary/events';

describe('google_calendar_update_event', () => {
  it('patches only the fields given, tells attendees, and answers the whole event', async () => {
    const { scope, sent } = vendor();
    scope.patch(`${EVENTS}/7kq2m9d0c4v1h8s3b5n6p0r2t4`).query(true).reply(200, fixture('api-event'));
    expectOk(
      await call(tool('update_event'), {
        eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4',
        start: '2026-12-08T11:00:00+01:00',
        end: '2026-12-08T11:30:00+01:00',
        attendees: ['ada@example.com', 'bob@example.com'],
      }),
    );
    expect(sent[0]).toMatchObject({ method: 'PATCH', query: { sendUpdates: 'all' } });
    expect(sent[0]!.body).toEqual({
      start: { dateTime: '2026-12-08T11:00:00+01:00' },
      end: { dateTime: '2026-12-08T11:30:00+01:00' },
      attendees: [{ email: 'ada@example.com' }, { email: 'bob@example.com' }],
    });
  });

  it('adds a Meet link with conferenceDataVersion, and is repeated after a 503 (the same patch again is harmless)', async () => {
    const { scope, sent } = vendor();
    scope
      .patch(`${EVENTS}/7kq2m9d0c4v1h8s3b5n6p0r2t4`)
      .query(true)
      .reply(503, { error: { code: 503, message: 'Backend Error' } })
      .patch(`${EVENTS}/7kq2m9d0c4v1h8s3b5n6p0r2t4`)
      .query(true)
      .reply(200, fixture('api-event'));
    expectOk(await call(tool('update_event'), { eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4', addMeet: true }));
    expect(sent).toHaveLength(2);
    expect(sent[1]!.query).toMatchObject({ conferenceDataVersion: '1' });
    expect(sent[1]!.body).toMatchObject({ conferenceData: { createRequest: { conferenceSolutionKey: { type: 'hangoutsMeet' } } } });
  });

  it('asks for something to change, without a request', async () => {
    const { sent } = vendor();
    expectError(await call(tool('update_event'), { eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4', sendUpdates: 'none' }), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
