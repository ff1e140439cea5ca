import { useFakeVendor } from '@connectors/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
afterEach(() => vi.useRealTimers());

describe('google_calendar_find_free_busy', () => {
  it('asks for the calendars given and answers each one’s busy times, naming those Google could not read', async () => {
    const { scope, sent } = vendor();
    scope.post('/calendar/v3/freeBusy').reply(200, fixture('api-freebusy'));
    const envelope = expectOk(
      await call(tool('find_free_busy'), {
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
    const { scope, sent } = vendor();
    scope
      .post('/calendar/v3/freeBusy')
      .reply(503, { error: { code: 503, message: 'Backend Error' } })
      .post('/calendar/v3/freeBusy')
      .reply(200, { calendars: { primary: { busy: [] } } });
    expectOk(await call(tool('find_free_busy'), { timeMin: '2026-12-07T08:00:00Z', timeMax: '2026-12-07T18:00:00Z' }));
    expect(sent).toHaveLength(2);
  });
});
