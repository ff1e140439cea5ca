// The conformance suite every connector runs, with fixtures in the shape Gmail API v1 returns.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeConnector } from '@connectors/testkit';
import { afterAll } from 'vitest';
import { connector } from '../src/connector.js';
import { BASE_URL, fixture } from './harness.js';

const DOWNLOADS = mkdtempSync(join(tmpdir(), 'gmail-conformance-'));
afterAll(() => rmSync(DOWNLOADS, { recursive: true, force: true }));
const MESSAGES = '/gmail/v1/users/me/messages';
const FILE = '/drive/v3/files/1aBcD3fGhIjK4lMnOpQ5rStUvWxYz';
const EVENTS = '/calendar/v3/calendars/primary/events';
const created = (input: Record<string, unknown>) => ({
  id: '1NeWfIlE0123456789abcdefXYZ',
  name: input.name,
  mimeType: 'application/vnd.google-apps.folder',
  parents: ['1Fo1d3rAbCdEfGhIjKlMn'],
});

describeConnector(connector, {
  // Access token mode: a recognisable fake token that must reach Google and never any output.
  // Attachments the examples save go to a fresh temporary folder, never the machine's Downloads.
  env: { GOOGLE_ACCESS_TOKEN: 'ya29.conformance_canary_5b9e2d', GOOGLE_CLIENT_SECRET: undefined, GOOGLE_WORKSPACE_DOWNLOAD_DIR: DOWNLOADS },
  baseUrl: BASE_URL,
  // 25 tools in three services: the bench's full-list budget of 450 tokens (1.8 kB) per tool.
  maxToolsListBytes: 45_000,
  // What Google answers to each tool's examples (see src/tools/*).
  fixtures: {
    health: { path: '/oauth2/v3/userinfo', reply: [200, fixture('api-userinfo')] },
    list_labels: { path: '/gmail/v1/users/me/labels', reply: [200, fixture('api-labels')] },
    search_messages: [
      { path: MESSAGES, query: true, reply: [200, { messages: fixture('api-messages-list').messages.slice(0, 1), resultSizeEstimate: 1 }] },
      { path: `${MESSAGES}/18c2a3f4e5d6b7a8`, query: true, reply: [200, fixture('api-message-metadata')] },
    ],
    get_message: { path: `${MESSAGES}/18c2a3f4e5d6b7a8`, query: { format: 'full' }, reply: [200, fixture('api-message-full')] },
    send_message: (input) =>
      (input as { replyToMessageId?: string }).replyToMessageId
        ? [
            { path: `${MESSAGES}/18c2a3f4e5d6b7a8`, query: true, reply: [200, fixture('api-message-metadata')] },
            { method: 'POST', path: `${MESSAGES}/send`, reply: [200, { id: '18c2a5550000aaaa', threadId: '18c2a3f4e5d6b7a8', labelIds: ['SENT'] }] },
          ]
        : { method: 'POST', path: `${MESSAGES}/send`, reply: [200, { id: '18c2a5550000aaab', threadId: '18c2a5550000aaab', labelIds: ['SENT'] }] },
    create_draft: {
      method: 'POST',
      path: '/gmail/v1/users/me/drafts',
      reply: [200, { id: 'r-5550001', message: { id: '18c2a5550000aaac', threadId: '18c2a5550000aaac', labelIds: ['DRAFT'] } }],
    },
    modify_labels: {
      method: 'POST',
      path: `${MESSAGES}/18c2a3f4e5d6b7a8/modify`,
      reply: [200, { id: '18c2a3f4e5d6b7a8', threadId: '18c2a3f4e5d6b7a8', labelIds: ['Label_12'] }],
    },
    trash_message: {
      method: 'POST',
      path: `${MESSAGES}/18c2a3f4e5d6b7a8/trash`,
      reply: [200, { id: '18c2a3f4e5d6b7a8', threadId: '18c2a3f4e5d6b7a8', labelIds: ['TRASH'] }],
    },
    get_attachment: [
      { path: `${MESSAGES}/18c2a3f4e5d6b7a8`, query: { format: 'full' }, reply: [200, fixture('api-message-full')] },
      { path: `${MESSAGES}/18c2a3f4e5d6b7a8/attachments/ANGjdJ8wXyZ-attachment-1`, reply: [200, { size: 4, data: 'JVBERg' }] },
    ],
    search_files: { path: '/drive/v3/files', query: true, reply: [200, fixture('api-drive-files-list')] },
    get_file: { path: FILE, query: true, reply: [200, { ...fixture('api-drive-file'), id: '1aBcD3fGhIjK4lMnOpQ5rStUvWxYz' }] },
    read_file: [
      {
        path: FILE,
        query: { fields: 'id,name,mimeType,size', supportsAllDrives: 'true' },
        reply: [200, { id: '1aBcD3fGhIjK4lMnOpQ5rStUvWxYz', name: 'Q3 close notes', mimeType: 'application/vnd.google-apps.document' }],
      },
      {
        path: `${FILE}/export`,
        query: { mimeType: 'text/markdown' },
        reply: [200, '# Q3 close\n\n- Invoices reconciled\n', { 'content-type': 'text/markdown' }],
      },
    ],
    list_permissions: { path: `${FILE}/permissions`, query: true, reply: [200, fixture('api-drive-permissions')] },
    // A keyed upload first asks Drive for its file id (files.generateIds).
    upload_file: (input) => [
      ...(input.idempotencyKey
        ? [
            {
              path: '/drive/v3/files/generateIds',
              query: { count: '1', space: 'drive', type: 'files' },
              reply: [200, { kind: 'drive#generatedIds', space: 'drive', ids: ['1UpLoAd0123456789abcdefXYZ'] }] as const,
            },
          ]
        : []),
      {
        method: 'POST',
        path: '/upload/drive/v3/files',
        query: true,
        reply: [200, { id: '1UpLoAd0123456789abcdefXYZ', name: input.name, mimeType: 'application/vnd.google-apps.spreadsheet', parents: ['root'] }],
      },
    ],
    create_folder: (input) => ({ method: 'POST', path: '/drive/v3/files', query: true, reply: [200, created(input)] }),
    share_file: (input) => ({
      method: 'POST',
      path: `${FILE}/permissions`,
      query: true,
      reply: [
        200,
        input.email
          ? { id: '09876543210987654321', type: 'user', role: input.role, emailAddress: input.email }
          : { id: 'anyoneWithLink', type: 'anyone', role: input.role, allowFileDiscovery: false },
      ],
    }),
    delete_permission: { method: 'DELETE', path: `${FILE}/permissions/09876543210987654321`, query: true, reply: [204] },
    list_calendars: { path: '/calendar/v3/users/me/calendarList', query: true, reply: [200, fixture('api-calendar-list')] },
    list_events: { path: EVENTS, query: true, reply: [200, fixture('api-events-list')] },
    get_event: { path: `${EVENTS}/7kq2m9d0c4v1h8s3b5n6p0r2t4`, query: true, reply: [200, fixture('api-event')] },
    find_free_busy: { method: 'POST', path: '/calendar/v3/freeBusy', reply: [200, fixture('api-freebusy')] },
    create_event: (input) => ({
      method: 'POST',
      path: EVENTS,
      query: true,
      reply: [
        200,
        input.addMeet
          ? fixture('api-event')
          : { id: '0a2c4e6g8i0k2m4o6q8s0u2', status: 'confirmed', summary: 'Offsite', start: { date: '2026-12-14' }, end: { date: '2026-12-16' } },
      ],
    }),
    update_event: { method: 'PATCH', path: `${EVENTS}/7kq2m9d0c4v1h8s3b5n6p0r2t4`, query: true, reply: [200, fixture('api-event')] },
    delete_event: { method: 'DELETE', path: `${EVENTS}/7kq2m9d0c4v1h8s3b5n6p0r2t4`, query: true, reply: [204] },
    get_thread: {
      path: '/gmail/v1/users/me/threads/18c2a3f4e5d6b7a8',
      query: { format: 'full' },
      reply: [200, { id: '18c2a3f4e5d6b7a8', historyId: '1234590', messages: [fixture('api-message-full')] }],
    },
  },
  // The child process has no fixtures: a closed local port makes its vendor calls fail fast.
  bin: { path: new URL('../dist/bin.js', import.meta.url), env: { GOOGLE_API_BASE_URL: 'http://127.0.0.1:9' } },
});
