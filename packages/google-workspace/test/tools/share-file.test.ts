import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectError, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const ID = '1aBcD3fGhIjK4lMnOpQ5rStUvWxYz';
const PERMISSIONS = `/drive/v3/files/${ID}/permissions`;
const FIELDS = 'id,type,role,emailAddress,domain,displayName,expirationTime,allowFileDiscovery,deleted,permissionDetails(inherited,inheritedFrom)';

describe('google_drive_share_file', () => {
  it('grants a user a role and e-mails them the message', async () => {
    const { scope, sent } = vendor();
    scope
      .post(PERMISSIONS)
      .query(true)
      .reply(200, { id: '09876543210987654321', type: 'user', role: 'writer', emailAddress: 'ada@example.com', displayName: 'Ada Lovelace' });
    const envelope = expectOk(await call(tool('share_file'), { fileId: ID, email: 'ada@example.com', role: 'writer', message: 'The Q3 numbers' }));
    expect(sent[0]).toMatchObject({
      method: 'POST',
      path: PERMISSIONS,
      query: { fields: FIELDS, sendNotificationEmail: 'true', emailMessage: 'The Q3 numbers', supportsAllDrives: 'true' },
      body: { type: 'user', role: 'writer', emailAddress: 'ada@example.com' },
    });
    expect(envelope.data).toEqual({ id: '09876543210987654321', type: 'user', role: 'writer', email: 'ada@example.com', name: 'Ada Lovelace' });
  });

  it('shares with anyone with the link or a domain without notification parameters (Drive refuses them there)', async () => {
    const { scope, sent } = vendor();
    scope.post(PERMISSIONS).query(true).twice().reply(200, { id: 'anyoneWithLink', type: 'anyone', role: 'reader' });
    expectOk(await call(tool('share_file'), { fileId: ID, type: 'anyone', role: 'reader' }));
    expectOk(await call(tool('share_file'), { fileId: ID, type: 'domain', domain: 'example.com', role: 'commenter', message: 'ignored' }));
    expect(sent[0]!.query).toEqual({ fields: FIELDS, supportsAllDrives: 'true' });
    expect(sent[0]!.body).toEqual({ type: 'anyone', role: 'reader' });
    expect(sent[1]!.query).toEqual({ fields: FIELDS, supportsAllDrives: 'true' });
    expect(sent[1]!.body).toEqual({ type: 'domain', role: 'commenter', domain: 'example.com' });
  });

  it('with notify false, tells Drive not to e-mail', async () => {
    const { scope, sent } = vendor();
    scope.post(PERMISSIONS).query(true).reply(200, { id: '1', type: 'group', role: 'reader', emailAddress: 'finance@example.com' });
    expectOk(
      await call(tool('share_file'), {
        fileId: ID,
        type: 'group',
        email: 'finance@example.com',
        role: 'reader',
        notify: false,
        message: 'x',
      }),
    );
    expect(sent[0]!.query).toEqual({ fields: FIELDS, sendNotificationEmail: 'false', supportsAllDrives: 'true' });
  });

  it('asks for the email or domain a grant needs, and refuses an owner role, without a request', async () => {
    const { sent } = vendor();
    const runtime = createRuntime();
    expect(expectError(await runtime.call(tool('share_file'), { fileId: ID, role: 'reader' }), 'invalid_input').message).toContain('email');
    expect(expectError(await runtime.call(tool('share_file'), { fileId: ID, type: 'domain', role: 'reader' }), 'invalid_input').message).toContain('domain');
    expectError(await runtime.call(tool('share_file'), { fileId: ID, email: 'ada@example.com', role: 'owner' }), 'invalid_input');
    expectError(await runtime.call(tool('share_file'), { fileId: ID, email: 'not-an-address', role: 'reader' }), 'invalid_input');
    expect(sent).toEqual([]);
  });

  it('after a reset on a keyed share, finds the grant in the permissions instead of e-mailing twice', async () => {
    const { scope, sent } = vendor();
    scope.post(PERMISSIONS).query(true).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const runtime = createRuntime();
    const input = { fileId: ID, email: 'ADA@example.com', role: 'writer', idempotencyKey: 'share-q3-ada-1' };
    expect(expectError(await runtime.call(tool('share_file'), input), 'network_error').retryable).toBe(false);
    scope.get(PERMISSIONS).query(true).reply(200, fixture('api-drive-permissions'));
    const again = expectOk(await runtime.call(tool('share_file'), input));
    expect(again.data).toMatchObject({ id: '09876543210987654321', email: 'ada@example.com', role: 'writer' });
    expect(sent.map((r) => r.method)).toEqual(['POST', 'GET']);
  });
});
