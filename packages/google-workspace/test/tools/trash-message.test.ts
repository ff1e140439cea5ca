import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectOk, MESSAGE_ID, tool, vendor } from '../harness.js';

useFakeVendor();
const MESSAGE = `/gmail/v1/users/me/messages/${MESSAGE_ID}`;

describe('gmail_trash_message', () => {
  it('POSTs messages/{id}/trash and answers the labels, TRASH among them; 404 is not_found', async () => {
    const { scope, sent } = vendor();
    scope.post(`${MESSAGE}/trash`).reply(200, { id: MESSAGE_ID, threadId: MESSAGE_ID, labelIds: ['TRASH'] });
    const envelope = expectOk(await call(tool('trash_message'), { messageId: MESSAGE_ID }));
    expect(sent[0]).toMatchObject({ method: 'POST', path: `${MESSAGE}/trash`, body: undefined });
    expect(envelope.data).toEqual({ id: MESSAGE_ID, threadId: MESSAGE_ID, labels: ['TRASH'] });
    scope.post(`${MESSAGE}/trash`).reply(404, { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } });
    expectError(await call(tool('trash_message'), { messageId: MESSAGE_ID }), 'not_found');
  });
});
