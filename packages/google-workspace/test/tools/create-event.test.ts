import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectError, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const EVENTS = '/calendar/v3/calendars/primary/events';
const review = {
  summary: 'Q3 close review',
  start: '2026-12-08T10:00:00+01:00',
  end: '2026-12-08T10:30:00+01:00',
  timeZone: 'Europe/Berlin',
  attendees: ['ada@example.com'],
  addMeet: true,
};

describe('google_calendar_create_event', () => {
  it('creates a timed event with attendees and a Meet link: invitations sent, conference data asked for', async () => {
    const { scope, sent } = vendor();
    scope.post(EVENTS).query(true).reply(200, fixture('api-event'));
    const envelope = expectOk(await call(tool('create_event'), { ...review, description: 'Walk through the reconciled invoices.', location: 'Room 4.12' }));
    expect(sent[0]).toMatchObject({
      method: 'POST',
      path: EVENTS,
      query: { sendUpdates: 'all', conferenceDataVersion: '1', fields: expect.stringContaining('attendees(') },
    });
    const body = sent[0]!.body as Record<string, any>;
    expect(body).toEqual({
      summary: 'Q3 close review',
      description: 'Walk through the reconciled invoices.',
      location: 'Room 4.12',
      start: { dateTime: '2026-12-08T10:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-12-08T10:30:00+01:00', timeZone: 'Europe/Berlin' },
      attendees: [{ email: 'ada@example.com' }],
      conferenceData: { createRequest: { requestId: expect.any(String), conferenceSolutionKey: { type: 'hangoutsMeet' } } },
    });
    expect(body.id).toBeUndefined();
    expect(envelope.data).toMatchObject({ id: '7kq2m9d0c4v1h8s3b5n6p0r2t4', meet: 'https://meet.google.com/abc-defg-hij' });
  });

  it('creates an all-day event with dates, told to nobody when it has no attendees, and a recurring one with its RRULE', async () => {
    const { scope, sent } = vendor();
    scope
      .post(EVENTS)
      .query(true)
      .twice()
      .reply(200, { id: '0a2c4e6g8i0k2m4o6q8s0u2', summary: 'Offsite', start: { date: '2026-12-14' }, end: { date: '2026-12-16' } });
    const offsite = expectOk(await call(tool('create_event'), { summary: 'Offsite', start: '2026-12-14', end: '2026-12-16' }));
    expect(sent[0]!.query).toEqual({ fields: expect.any(String) });
    expect(sent[0]!.body).toEqual({ summary: 'Offsite', start: { date: '2026-12-14' }, end: { date: '2026-12-16' } });
    expect(offsite.data).toMatchObject({ allDay: true, start: '2026-12-14', end: '2026-12-16', attendees: [] });
    expectOk(
      await call(tool('create_event'), {
        summary: 'Finance standup',
        start: '2026-12-09T09:00:00+01:00',
        end: '2026-12-09T09:15:00+01:00',
        timeZone: 'Europe/Berlin',
        recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR'],
        sendUpdates: 'none',
      }),
    );
    expect(sent[1]!.query).toMatchObject({ sendUpdates: 'none' });
    expect(sent[1]!.body).toMatchObject({ recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR'] });
  });

  it('with an idempotencyKey, gives the event an id from it (valid base32hex) and the Meet request the same id', async () => {
    const { scope, sent } = vendor();
    scope.post(EVENTS).query(true).twice().reply(200, fixture('api-event'));
    expectOk(await call(tool('create_event'), { ...review, idempotencyKey: 'q3-close-review-1' }));
    expectOk(await call(tool('create_event'), { ...review, summary: 'Other', idempotencyKey: 'q3-close-review-1' }));
    const [first, second] = sent.map((r) => r.body as { id: string; conferenceData: { createRequest: { requestId: string } } });
    expect(first!.id).toMatch(/^[0-9a-v]{5,1024}$/);
    expect(first!.conferenceData.createRequest.requestId).toBe(first!.id);
    // Another input under the same key is another write: another id.
    expect(second!.id).not.toBe(first!.id);
  });

  it('when Google says the keyed event exists already (an earlier attempt got through), answers that event', async () => {
    const { scope, sent } = vendor();
    scope
      .post(EVENTS)
      .query(true)
      .reply(409, { error: { code: 409, message: 'The requested identifier already exists.', errors: [{ reason: 'duplicate' }] } })
      .get(/\/calendar\/v3\/calendars\/primary\/events\/[0-9a-f]{32}/)
      .query(true)
      .reply(200, fixture('api-event'));
    const envelope = expectOk(await call(tool('create_event'), { ...review, idempotencyKey: 'q3-close-review-2' }));
    expect(sent[1]!.path).toBe(`${EVENTS}/${(sent[0]!.body as { id: string }).id}`);
    expect(envelope.data).toMatchObject({ summary: 'Q3 close review' });
  });

  it('refuses to recreate a keyed event that was deleted since, and a 409 without a key stays a conflict', async () => {
    const { scope } = vendor();
    scope
      .post(EVENTS)
      .query(true)
      .reply(409, { error: { code: 409, message: 'The requested identifier already exists.' } })
      .get(/\/calendar\/v3\/calendars\/primary\/events\/[0-9a-f]{32}/)
      .query(true)
      .reply(200, { ...fixture('api-event'), status: 'cancelled' });
    expect(expectError(await call(tool('create_event'), { ...review, idempotencyKey: 'q3-close-review-3' }), 'conflict').message).toContain('new key');
  });

  it('rejects mixed all-day and timed ends, an end before the start, bad attendees and RRULEs, without a request', async () => {
    const { sent } = vendor();
    const runtime = createRuntime();
    for (const input of [
      { summary: 'x', start: '2026-12-14', end: '2026-12-14T10:00:00Z' },
      { summary: 'x', start: '2026-12-14T10:00:00Z', end: '2026-12-14T09:00:00Z' },
      { summary: 'x', start: '2026-12-14T10:00:00', end: '2026-12-14T11:00:00' },
      { summary: 'x', start: '2026-12-14T10:00:00Z', end: '2026-12-14T11:00:00Z', attendees: ['Ada <ada@example.com>'] },
      { summary: 'x', start: '2026-12-14T10:00:00Z', end: '2026-12-14T11:00:00Z', recurrence: ['every monday'] },
      { summary: '', start: '2026-12-14T10:00:00Z', end: '2026-12-14T11:00:00Z' },
    ]) {
      expectError(await runtime.call(tool('create_event'), input), 'invalid_input');
    }
    expect(sent).toEqual([]);
  });
});
