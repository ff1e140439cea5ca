import { useFakeVendor } from '@connectors/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, expectGoogleHeaders, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
afterEach(() => vi.useRealTimers());

describe('google_calendar_list_calendars', () => {
  it('lists the calendars with ids, your role and zone, your own names first', async () => {
    const { scope, sent } = vendor();
    scope.get('/calendar/v3/users/me/calendarList').query(true).reply(200, fixture('api-calendar-list'));
    const envelope = expectOk(await call(tool('list_calendars'), {}));
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
