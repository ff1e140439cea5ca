import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { htmlToText, readContent } from '../../src/gmail/mime.js';
import { call, expectError, expectGoogleHeaders, expectOk, fixture, MESSAGE_ID, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('get_message');
const PATH = `/gmail/v1/users/me/messages/${MESSAGE_ID}`;

describe('gmail_get_message', () => {
  it('GETs format=full and answers headers, the text/plain alternative and the attachment listed, not inlined', async () => {
    const { scope, sent } = vendor();
    scope.get(PATH).query({ format: 'full' }).reply(200, fixture('api-message-full'));
    const envelope = expectOk(await call(name, { messageId: MESSAGE_ID }));
    expect(sent[0]).toMatchObject({ method: 'GET', path: PATH, query: { format: 'full' } });
    expectGoogleHeaders(sent[0]);
    expect(envelope.data).toEqual({
      id: MESSAGE_ID,
      threadId: MESSAGE_ID,
      from: 'Ada Lovelace <ada@example.com>',
      to: 'Mia Krystof <mia@example.com>',
      cc: 'billing@example.com',
      subject: 'Q3 invoice',
      date: '2026-12-01T09:14:03.000Z',
      labels: ['UNREAD', 'IMPORTANT', 'CATEGORY_PERSONAL', 'INBOX'],
      text: 'Hi Mia,\n\nThe Q3 invoice is attached. Payment is due on 15 January.\n\nThanks,\nAda',
      format: 'text',
      attachments: [{ partId: '1', attachmentId: 'ANGjdJ8wXyZ-attachment-1', filename: 'invoice-Q3.pdf', mimeType: 'application/pdf', size: 45817 }],
    });
    expect(JSON.stringify(envelope)).not.toMatch(/[A-Za-z0-9_-]{60,}/);
  });

  it('turns an HTML-only message into readable text, links kept, styles dropped', async () => {
    const { scope } = vendor();
    scope.get('/gmail/v1/users/me/messages/18c2a40112ab34cd').query({ format: 'full' }).reply(200, fixture('api-message-html'));
    const envelope = expectOk<{ text: string; format: string }>(await call(name, { messageId: '18c2a40112ab34cd' }));
    expect(envelope.data.format).toBe('html');
    expect(envelope.data.text).toBe(
      'Hi Mia,\nThe Q3 invoice is attached. See the portal (https://billing.example.com/inv/42).\n\n- Amount: €1,200\n- Due: 15 January',
    );
  });

  it('cuts a long text at maxChars with a warning', async () => {
    const { scope } = vendor();
    scope.get(PATH).query({ format: 'full' }).reply(200, fixture('api-message-full'));
    const envelope = expectOk<{ text: string; truncated: boolean }>(await call(name, { messageId: MESSAGE_ID, maxChars: 500 }));
    expect(envelope.data.truncated).toBeUndefined();
    const long = fixture('api-message-full');
    long.payload.parts[0]!.parts![0]!.body.data = Buffer.from('word '.repeat(400)).toString('base64url');
    scope.get(PATH).query({ format: 'full' }).reply(200, long);
    const cut = expectOk<{ text: string; truncated: boolean }>(await call(name, { messageId: MESSAGE_ID, maxChars: 500 }));
    expect(cut.data).toMatchObject({ truncated: true });
    expect(cut.data.text).toHaveLength(500);
    expect(cut.warnings).toEqual(['The text was cut at 500 characters; pass a larger maxChars for more.']);
  });

  it('maps 404 to not_found and rejects a malformed id without calling Gmail', async () => {
    const { scope, sent } = vendor();
    scope.get(PATH).query(true).reply(404, fixture('api-error-not-found'));
    expect(expectError(await call(name, { messageId: MESSAGE_ID }), 'not_found')).toMatchObject({
      vendorCode: 'notFound',
      message: expect.stringContaining('Requested entity was not found'),
    });
    expectError(await call(name, { messageId: '../labels' }), 'invalid_input');
    expect(sent).toHaveLength(1);
  });
});

describe('gmail_get_message with sparse answers', () => {
  it('reads a message whose headers, labels and parts have nulls or gaps (as the strict mock sends) instead of failing', async () => {
    const { scope } = vendor();
    scope
      .get(PATH)
      .query(true)
      .reply(200, {
        id: MESSAGE_ID,
        threadId: MESSAGE_ID,
        labelIds: [null, 'INBOX'],
        payload: {
          mimeType: null,
          headers: [{ value: 'x' }, null, { name: 'Subject', value: 'Hi' }],
          parts: [null, { mimeType: 'text/plain', body: { data: null } }],
        },
      });
    const envelope = expectOk(await call(name, { messageId: MESSAGE_ID }));
    expect(envelope.data).toMatchObject({ subject: 'Hi', from: '', labels: ['INBOX'], text: '', format: 'none', attachments: [] });
  });
});

describe('MIME walk', () => {
  it('prefers text/plain in an alternative, falls back to HTML, and lists nested attachments', () => {
    const plain = Buffer.from('plain body').toString('base64url');
    const html = Buffer.from('<p>html body</p>').toString('base64url');
    expect(
      readContent({
        mimeType: 'multipart/alternative',
        parts: [
          { mimeType: 'text/html', body: { data: html } },
          { mimeType: 'text/plain', body: { data: plain } },
        ],
      }),
    ).toEqual({
      text: 'plain body',
      format: 'text',
      attachments: [],
    });
    expect(readContent({ mimeType: 'multipart/alternative', parts: [{ mimeType: 'text/html', body: { data: html } }] })).toMatchObject({
      text: 'html body',
      format: 'html',
    });
    const related = readContent({
      mimeType: 'multipart/mixed',
      parts: [
        { mimeType: 'text/plain', body: { data: plain } },
        { mimeType: 'multipart/mixed', parts: [{ mimeType: 'image/png', filename: 'chart.png', body: { attachmentId: 'att-2', size: 12 } }] },
      ],
    });
    expect(related).toEqual({
      text: 'plain body',
      format: 'text',
      attachments: [{ partId: '', attachmentId: 'att-2', filename: 'chart.png', mimeType: 'image/png', size: 12 }],
    });
    expect(readContent(undefined)).toEqual({ text: '', format: 'none', attachments: [] });
  });

  it('decodes UTF-8 bodies and HTML entities', () => {
    expect(readContent({ mimeType: 'text/plain', body: { data: Buffer.from('Grüße – 東京').toString('base64url') } }).text).toBe('Grüße – 東京');
    expect(htmlToText('<div>Fish &amp; chips &#8211; &#x1F41F;</div><script>alert(1)</script>')).toBe('Fish & chips – 🐟');
  });
});
