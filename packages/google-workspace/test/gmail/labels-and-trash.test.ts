import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { createRuntime, expectError, expectOk, googleApi, MESSAGE_ID, tool } from '../fixtures/api.js';

useFakeVendor();
const MESSAGE = `/gmail/v1/users/me/messages/${MESSAGE_ID}`;

describe('gmail_create_draft', () => {
  it('POSTs the message under drafts and answers the draft, message and thread ids', async () => {
    const { scope, sent } = googleApi();
    scope
      .post('/gmail/v1/users/me/drafts')
      .reply(200, { id: 'r-5550001', message: { id: '18c2a5550000aaac', threadId: '18c2a5550000aaac', labelIds: ['DRAFT'] } });
    const envelope = expectOk(await createRuntime().callTool(tool('create_draft'), { to: ['ada@example.com'], subject: 'Draft', body: 'For review.' }));
    const body = sent[0]!.body as { message: { raw: string } };
    expect(Object.keys(body)).toEqual(['message']);
    expect(Buffer.from(body.message.raw, 'base64url').toString()).toContain('Subject: Draft');
    expect(envelope.data).toEqual({ draftId: 'r-5550001', messageId: '18c2a5550000aaac', threadId: '18c2a5550000aaac' });
  });
});

describe('gmail_modify_labels', () => {
  it('POSTs addLabelIds and removeLabelIds, and is retried after a 503 (setting labels is safe to repeat)', async () => {
    const { scope, sent } = googleApi();
    scope.post(`${MESSAGE}/modify`).reply(503, { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } });
    scope.post(`${MESSAGE}/modify`).reply(200, { id: MESSAGE_ID, threadId: MESSAGE_ID, labelIds: ['Label_12', 'IMPORTANT'] });
    const envelope = expectOk(await createRuntime().callTool(tool('modify_labels'), { messageId: MESSAGE_ID, add: ['Label_12'], remove: ['UNREAD', 'INBOX'] }));
    expect(sent.map((r) => r.body)).toEqual([
      { addLabelIds: ['Label_12'], removeLabelIds: ['UNREAD', 'INBOX'] },
      { addLabelIds: ['Label_12'], removeLabelIds: ['UNREAD', 'INBOX'] },
    ]);
    expect(envelope.data).toEqual({ id: MESSAGE_ID, threadId: MESSAGE_ID, labels: ['Label_12', 'IMPORTANT'] });
  });

  it('refuses nothing to change, a label both added and removed, and a bad label id, without a request', async () => {
    const { sent } = googleApi();
    expectError(await createRuntime().callTool(tool('modify_labels'), { messageId: MESSAGE_ID }), 'invalid_input');
    expect(
      expectError(await createRuntime().callTool(tool('modify_labels'), { messageId: MESSAGE_ID, add: ['INBOX'], remove: ['INBOX'] }), 'invalid_input').message,
    ).toContain('INBOX both added and removed');
    expectError(await createRuntime().callTool(tool('modify_labels'), { messageId: MESSAGE_ID, add: ['My Label'] }), 'invalid_input');
    expect(sent).toEqual([]);
  });
});

describe('gmail_trash_message', () => {
  it('POSTs messages/{id}/trash and answers the labels, TRASH among them; 404 is not_found', async () => {
    const { scope, sent } = googleApi();
    scope.post(`${MESSAGE}/trash`).reply(200, { id: MESSAGE_ID, threadId: MESSAGE_ID, labelIds: ['TRASH'] });
    const envelope = expectOk(await createRuntime().callTool(tool('trash_message'), { messageId: MESSAGE_ID }));
    expect(sent[0]).toMatchObject({ method: 'POST', path: `${MESSAGE}/trash`, body: undefined });
    expect(envelope.data).toEqual({ id: MESSAGE_ID, threadId: MESSAGE_ID, labels: ['TRASH'] });
    scope.post(`${MESSAGE}/trash`).reply(404, { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } });
    expectError(await createRuntime().callTool(tool('trash_message'), { messageId: MESSAGE_ID }), 'not_found');
  });
});
