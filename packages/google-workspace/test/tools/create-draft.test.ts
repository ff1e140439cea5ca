import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectOk, tool, vendor } from '../harness.js';

useFakeVendor();

describe('gmail_create_draft', () => {
  it('POSTs the message under drafts and answers the draft, message and thread ids', async () => {
    const { scope, sent } = vendor();
    scope
      .post('/gmail/v1/users/me/drafts')
      .reply(200, { id: 'r-5550001', message: { id: '18c2a5550000aaac', threadId: '18c2a5550000aaac', labelIds: ['DRAFT'] } });
    const envelope = expectOk(await call(tool('create_draft'), { to: ['ada@example.com'], subject: 'Draft', body: 'For review.' }));
    const body = sent[0]!.body as { message: { raw: string } };
    expect(Object.keys(body)).toEqual(['message']);
    expect(Buffer.from(body.message.raw, 'base64url').toString()).toContain('Subject: Draft');
    expect(envelope.data).toEqual({ draftId: 'r-5550001', messageId: '18c2a5550000aaac', threadId: '18c2a5550000aaac' });
  });
});
