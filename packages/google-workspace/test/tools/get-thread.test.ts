import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectOk, fixture, MESSAGE_ID, tool, vendor } from '../harness.js';

useFakeVendor();
const name = tool('get_thread');
const PATH = `/gmail/v1/users/me/threads/${MESSAGE_ID}`;

describe('gmail_get_thread', () => {
  it('GETs the thread in format=full and returns each message with its text, oldest first', async () => {
    const { scope, sent } = vendor();
    scope
      .get(PATH)
      .query({ format: 'full' })
      .reply(200, { id: MESSAGE_ID, historyId: '1234590', messages: [fixture('api-message-full'), fixture('api-message-html')] });
    const envelope = expectOk<{ id: string; messages: { id: string; format: string; text: string }[] }>(await call(name, { threadId: MESSAGE_ID }));
    expect(sent[0]).toMatchObject({ method: 'GET', path: PATH, query: { format: 'full' } });
    expect(envelope.data.id).toBe(MESSAGE_ID);
    expect(envelope.data.messages.map((m) => [m.id, m.format])).toEqual([
      [MESSAGE_ID, 'text'],
      ['18c2a40112ab34cd', 'html'],
    ]);
    expect(envelope.warnings).toBeUndefined();
  });

  it('caps each message’s text and says how many were cut', async () => {
    const { scope } = vendor();
    const long = fixture('api-message-full');
    long.payload.parts[0]!.parts![0]!.body.data = Buffer.from('word '.repeat(100)).toString('base64url');
    scope
      .get(PATH)
      .query(true)
      .reply(200, { id: MESSAGE_ID, messages: [long, fixture('api-message-html')] });
    const envelope = expectOk<{ messages: { truncated?: boolean; text: string }[] }>(await call(name, { threadId: MESSAGE_ID, maxCharsPerMessage: 200 }));
    expect(envelope.data.messages.map((m) => m.truncated ?? false)).toEqual([true, false]);
    expect(envelope.data.messages[0]!.text).toHaveLength(200);
    expect(envelope.warnings).toEqual(['1 message text(s) were cut at 200 characters; pass a larger maxCharsPerMessage for more.']);
  });

  it('maps 404 to not_found', async () => {
    const { scope } = vendor();
    scope.get(PATH).query(true).reply(404, fixture('api-error-not-found'));
    expectError(await call(name, { threadId: MESSAGE_ID }), 'not_found');
  });
});
