// A write whose answer never came is recovered without trusting Google's search, which can lag
// behind writes: Drive files get an id chosen before the upload (files.generateIds), looked up
// directly; Gmail, which has only search, refuses a repeat until its search has had time to catch up.
import { MemoryIdempotencyBackend } from '@connectors/contract/state';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { envelope, FakeGoogle, runtimeFor } from './fake-google.js';

const SEND = 'gmail_send_message';
const UPLOAD = 'google_drive_upload_file';
const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T09:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('gmail_send_message after an unknown outcome, with a search that lags 10 s', () => {
  const mail = { to: ['ada@example.com'], subject: 'Q3 close', body: 'The invoices are reconciled.', idempotencyKey: 'q3-close-note-1' };

  it('a repeat right away answers idempotency_conflict naming the read tools, and sends nothing again', async () => {
    const google = new FakeGoogle();
    google.fates.push('lost-answer');
    const runtime = runtimeFor(google);
    expect(envelope(await runtime.callTool(SEND, mail)).error?.code).toBe('network_error');
    vi.advanceTimersByTime(2_000);
    const repeat = envelope(await runtime.callTool(SEND, mail));
    expect(repeat.ok).toBe(false);
    expect(repeat.error).toMatchObject({ code: 'idempotency_conflict', retryable: false });
    expect(repeat.error?.hint).toContain('gmail_search_messages');
    expect(repeat.error?.hint).toContain('gmail_get_message');
    expect(google.messages).toHaveLength(1);
    expect(google.sends()).toBe(1);
  });

  it('after the consistency window, search is trusted: the message it finds is the answer', async () => {
    const google = new FakeGoogle();
    google.fates.push('lost-answer');
    const runtime = runtimeFor(google);
    await runtime.callTool(SEND, mail);
    expect(envelope(await runtime.callTool(SEND, mail)).error?.code).toBe('idempotency_conflict');
    vi.advanceTimersByTime(6 * MINUTE);
    const later = envelope(await runtime.callTool(SEND, mail));
    expect(later.ok).toBe(true);
    expect(later.data).toEqual({ id: google.messages[0]!.id, threadId: google.messages[0]!.threadId, labels: ['SENT'] });
    expect(later.warnings).toEqual([expect.stringContaining('it had written')]);
    expect(google.sends()).toBe(1);
  });

  it('after the window, a message search still does not find was never sent: the repeat sends it, once', async () => {
    const google = new FakeGoogle();
    google.fates.push('fail-500');
    const runtime = runtimeFor(google);
    expect(envelope(await runtime.callTool(SEND, mail)).error?.code).toBe('upstream_error');
    expect(envelope(await runtime.callTool(SEND, mail)).error?.code).toBe('idempotency_conflict');
    vi.advanceTimersByTime(6 * MINUTE);
    expect(envelope(await runtime.callTool(SEND, mail)).ok).toBe(true);
    expect(google.messages).toHaveLength(1);
    // And the result is kept: one more repeat replays it.
    expect(envelope(await runtime.callTool(SEND, mail)).meta.idempotentReplay).toBe(true);
    expect(google.messages).toHaveLength(1);
  });

  it('a server that restarted (same idempotency store) does not send again within the window either', async () => {
    const google = new FakeGoogle();
    google.fates.push('lost-answer');
    const idempotency = new MemoryIdempotencyBackend<any>();
    await runtimeFor(google, {}, { idempotency }).callTool(SEND, mail);
    const restarted = runtimeFor(google, {}, { idempotency });
    vi.advanceTimersByTime(1_000);
    expect(envelope(await restarted.callTool(SEND, mail)).error?.code).toBe('idempotency_conflict');
    expect(google.messages).toHaveLength(1);
    vi.advanceTimersByTime(6 * MINUTE);
    expect(envelope(await restarted.callTool(SEND, mail)).data?.id).toBe(google.messages[0]!.id);
    expect(google.sends()).toBe(1);
  });
});

describe('google_drive_upload_file after an unknown outcome, with a search that lags 10 s', () => {
  const file = { text: 'Item,Q3\nHosting,1250.50\n', name: 'q3-costs.csv', idempotencyKey: 'q3-costs-upload-1' };
  const uploadedIds = (google: FakeGoogle) => google.seen.filter((r) => r.method === 'POST' && r.path === '/upload/drive/v3/files').length;

  it('creates a keyed file under an id generated beforehand; a repeat after a lost answer finds that id directly, not a second file', async () => {
    const google = new FakeGoogle();
    google.fates.push('lost-answer');
    const runtime = runtimeFor(google);
    expect(envelope(await runtime.callTool(UPLOAD, file)).error?.code).toBe('network_error');
    const repeat = envelope(await runtime.callTool(UPLOAD, file));
    expect(google.files).toHaveLength(1);
    expect(uploadedIds(google)).toBe(1);
    const id = google.files[0]!.id;
    expect(repeat.ok).toBe(true);
    expect(repeat.data).toMatchObject({ id, name: 'q3-costs.csv' });
    expect(repeat.warnings).toEqual([expect.stringContaining('it had written')]);
    // The id was generated before the upload, and the repeat asked for it directly, not by search.
    expect(google.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /drive/v3/files/generateIds',
      'POST /upload/drive/v3/files',
      `GET /drive/v3/files/${id}`,
    ]);
  });

  it('when the first create never landed, the repeat creates the file under the same id', async () => {
    const google = new FakeGoogle();
    google.fates.push('fail-500');
    const runtime = runtimeFor(google);
    expect(envelope(await runtime.callTool(UPLOAD, file)).error?.code).toBe('upstream_error');
    const repeat = envelope(await runtime.callTool(UPLOAD, file));
    expect(repeat.ok).toBe(true);
    expect(google.files).toHaveLength(1);
    expect(repeat.data.id).toBe(google.files[0]!.id);
    expect(google.seen.filter((r) => r.path === '/drive/v3/files/generateIds')).toHaveLength(1);
  });

  it('a first create still on its way when the repeat goes out: the repeat meets a conflict on the id and answers the file that landed', async () => {
    const google = new FakeGoogle();
    google.fates.push('lands-later');
    const runtime = runtimeFor(google);
    expect(envelope(await runtime.callTool(UPLOAD, file)).error?.code).toBe('network_error');
    google.beforeRequest = (method, path) => {
      if (method === 'POST' && path === '/upload/drive/v3/files') google.land();
    };
    const repeat = envelope(await runtime.callTool(UPLOAD, file));
    expect(repeat.ok).toBe(true);
    expect(google.files).toHaveLength(1);
    expect(repeat.data.id).toBe(google.files[0]!.id);
  });

  it('a server that restarted (same idempotency store) does not trust the lagging search: idempotency_conflict, then the file once search has caught up', async () => {
    const google = new FakeGoogle();
    google.fates.push('lost-answer');
    const idempotency = new MemoryIdempotencyBackend<any>();
    await runtimeFor(google, {}, { idempotency }).callTool(UPLOAD, file);
    const restarted = runtimeFor(google, {}, { idempotency });
    const repeat = envelope(await restarted.callTool(UPLOAD, file));
    expect(repeat.error?.code).toBe('idempotency_conflict');
    expect(repeat.error?.hint).toContain('google_drive_search_files');
    expect(google.files).toHaveLength(1);
    vi.advanceTimersByTime(6 * MINUTE);
    expect(envelope(await restarted.callTool(UPLOAD, file)).data?.id).toBe(google.files[0]!.id);
    expect(uploadedIds(google)).toBe(1);
  });

  it('an upload without an idempotencyKey asks for no id beforehand', async () => {
    const google = new FakeGoogle();
    const { idempotencyKey: _key, ...unkeyed } = file;
    expect(envelope(await runtimeFor(google).callTool(UPLOAD, unkeyed)).ok).toBe(true);
    expect(google.seen.map((r) => r.path)).toEqual(['/upload/drive/v3/files']);
  });
});
