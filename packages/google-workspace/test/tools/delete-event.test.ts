import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectOk, tool, vendor } from '../harness.js';

useFakeVendor();
const EVENTS = '/calendar/v3/calendars/primary/events';

describe('google_calendar_delete_event', () => {
  it('deletes the event, telling attendees unless asked not to', async () => {
    const { scope, sent } = vendor();
    scope.delete(`${EVENTS}/7kq2m9d0c4v1h8s3b5n6p0r2t4`).query(true).twice().reply(204);
    const envelope = expectOk(await call(tool('delete_event'), { eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4' }));
    expectOk(await call(tool('delete_event'), { eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4', sendUpdates: 'none' }));
    expect(sent.map((r) => r.query)).toEqual([{ sendUpdates: 'all' }, { sendUpdates: 'none' }]);
    expect(envelope.data).toEqual({ calendarId: 'primary', eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4', deleted: true });
  });

  it('answers an event deleted already (410) as not_found', async () => {
    const { scope } = vendor();
    scope
      .delete(`${EVENTS}/7kq2m9d0c4v1h8s3b5n6p0r2t4`)
      .query(true)
      .reply(410, { error: { code: 410, message: 'Resource has been deleted', errors: [{ reason: 'deleted' }] } });
    expectError(await call(tool('delete_event'), { eventId: '7kq2m9d0c4v1h8s3b5n6p0r2t4' }), 'not_found');
  });
});
