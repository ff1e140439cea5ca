import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectOk, MESSAGE_ID, tool, vendor } from '../harness.js';

useFakeVendor();
const MESSAGE = `/gmail/v1/users/me/messages/${MESSAGE_ID}`;

describe('gmail_modify_labels', () => {
  it('POSTs addLabelIds and removeLabelIds, and is retried after a 503 (setting labels is safe to repeat)', async () => {
    const { scope, sent } = vendor();
    scope.post(`${MESSAGE}/modify`).reply(503, { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } });
    scope.post(`${MESSAGE}/modify`).reply(200, { id: MESSAGE_ID, threadId: MESSAGE_ID, labelIds: ['Label_12', 'IMPORTANT'] });
    const envelope = expectOk(await call(tool('modify_labels'), { messageId: MESSAGE_ID, add: ['Label_12'], remove: ['UNREAD', 'INBOX'] }));
    expect(sent.map((r) => r.body)).toEqual([
      { addLabelIds: ['Label_12'], removeLabelIds: ['UNREAD', 'INBOX'] },
      { addLabelIds: ['Label_12'], removeLabelIds: ['UNREAD', 'INBOX'] },
    ]);
    expect(envelope.data).toEqual({ id: MESSAGE_ID, threadId: MESSAGE_ID, labels: ['Label_12', 'IMPORTANT'] });
  });

  it('refuses nothing to change, a label both added and removed, and a bad label id, without a request', async () => {
    const { sent } = vendor();
    expectError(await call(tool('modify_labels'), { messageId: MESSAGE_ID }), 'invalid_input');
    expect(expectError(await call(tool('modify_labels'), { messageId: MESSAGE_ID, add: ['INBOX'], remove: ['INBOX'] }), 'invalid_input').message).toContain(
      'INBOX both added and removed',
    );
    expectError(await call(tool('modify_labels'), { messageId: MESSAGE_ID, add: ['My Label'] }), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
