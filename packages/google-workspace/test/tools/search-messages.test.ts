import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, createRuntime, expectError, expectGoogleHeaders, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('search_messages');
const MESSAGES = '/gmail/v1/users/me/messages';

function mountSearch(scope: ReturnType<typeof vendor>['scope']) {
  scope.get(MESSAGES).query(true).reply(200, fixture('api-messages-list'));
  scope.get(`${MESSAGES}/18c2a3f4e5d6b7a8`).query(true).reply(200, fixture('api-message-metadata'));
  const second = { ...fixture('api-message-html'), payload: { ...fixture('api-message-html').payload, body: { size: 0 } } };
  scope.get(`${MESSAGES}/18c2a40112ab34cd`).query(true).reply(200, second);
}

describe('gmail_search_messages', () => {
  it('lists with q and maxResults, reads each message’s metadata headers only, and returns compact rows with a cursor', async () => {
    const { scope, sent } = vendor();
    mountSearch(scope);
    const envelope = expectOk(await call(name, { q: 'from:ada@example.com is:unread', limit: 2 }));

    expect(sent[0]).toMatchObject({ method: 'GET', path: MESSAGES, query: { q: 'from:ada@example.com is:unread', maxResults: '2' } });
    expect(sent.slice(1).map((r) => r.query)).toEqual([
      { format: 'metadata', metadataHeaders: ['From', 'To', 'Subject', 'Date'] },
      { format: 'metadata', metadataHeaders: ['From', 'To', 'Subject', 'Date'] },
    ]);
    sent.forEach(expectGoogleHeaders);
    expect(envelope.data).toEqual([
      {
        id: '18c2a3f4e5d6b7a8',
        threadId: '18c2a3f4e5d6b7a8',
        from: 'Ada Lovelace <ada@example.com>',
        to: 'Mia Krystof <mia@example.com>',
        subject: 'Q3 invoice',
        date: '2026-12-01T09:14:03.000Z',
        snippet: 'Hi Mia, The Q3 invoice is attached. Payment is due on 15 January. Thanks, Ada',
        labels: ['UNREAD', 'IMPORTANT', 'CATEGORY_PERSONAL', 'INBOX'],
      },
      expect.objectContaining({ id: '18c2a40112ab34cd', from: 'Billing <billing@example.com>', subject: 'Re: Q3 invoice' }),
    ]);
    expect(envelope.nextCursor).toEqual(expect.any(String));
  });

  it('follows the cursor with Gmail’s pageToken, and refuses it for another search', async () => {
    const { scope, sent } = vendor();
    mountSearch(scope);
    const runtime = createRuntime();
    const first = expectOk(await runtime.call(name, { q: 'label:invoices' }));
    scope.get(MESSAGES).query(true).reply(200, { resultSizeEstimate: 0 });
    const next = expectOk(await runtime.call(name, { q: 'label:invoices', cursor: first.nextCursor }));
    expect(sent[3]).toMatchObject({ path: MESSAGES, query: { q: 'label:invoices', maxResults: '10', pageToken: '14297580165313471503' } });
    expect(next.data).toEqual([]);
    expect(next.nextCursor).toBeUndefined();
    const error = expectError(await runtime.call(name, { q: 'label:other', cursor: first.nextCursor }), 'invalid_input');
    expect(error.message).toContain('another search');
  });

  it('sends no q for an empty search, and includeSpamTrash only when asked', async () => {
    const { scope, sent } = vendor();
    scope.get(MESSAGES).query(true).twice().reply(200, { resultSizeEstimate: 0 });
    expectOk(await call(name, {}));
    expectOk(await call(name, { q: 'in:trash', includeSpamTrash: true }));
    expect(sent.map((r) => r.query)).toEqual([{ maxResults: '10' }, { q: 'in:trash', maxResults: '10', includeSpamTrash: 'true' }]);
  });

  it('rejects a limit above 50 and a huge query without calling Gmail', async () => {
    const { sent } = vendor();
    expectError(await call(name, { limit: 51 }), 'invalid_input');
    expectError(await call(name, { q: 'x'.repeat(1001) }), 'invalid_input');
    expect(sent).toEqual([]);
  });
});
