// The conformance suite every connector runs, with fixtures in the shape Gmail API v1 returns.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeConnector } from '@connectors/testkit';
import { afterAll } from 'vitest';
import { connector } from '../src/connector.js';
import labels from './fixtures/api-labels.json' with { type: 'json' };
import messageFull from './fixtures/api-message-full.json' with { type: 'json' };
import messageMetadata from './fixtures/api-message-metadata.json' with { type: 'json' };
import messagesList from './fixtures/api-messages-list.json' with { type: 'json' };
import userinfo from './fixtures/api-userinfo.json' with { type: 'json' };

const BASE_URL = 'https://www.googleapis.com';
const DOWNLOADS = mkdtempSync(join(tmpdir(), 'gmail-conformance-'));
afterAll(() => rmSync(DOWNLOADS, { recursive: true, force: true }));
const MESSAGES = '/gmail/v1/users/me/messages';

describeConnector(connector, {
  // Access token mode: a recognisable fake token that must reach Google and never any output.
  // Attachments the examples save go to a fresh temporary folder, never the machine's Downloads.
  env: { GOOGLE_ACCESS_TOKEN: 'ya29.conformance_canary_5b9e2d', GOOGLE_CLIENT_SECRET: undefined, GOOGLE_WORKSPACE_DOWNLOAD_DIR: DOWNLOADS },
  baseUrl: BASE_URL,
  // What Google answers to each tool's examples (see src/tools/*).
  fixtures: {
    health: { path: '/oauth2/v3/userinfo', reply: [200, userinfo] },
    list_labels: { path: '/gmail/v1/users/me/labels', reply: [200, labels] },
    search_messages: [
      { path: MESSAGES, query: true, reply: [200, { messages: messagesList.messages.slice(0, 1), resultSizeEstimate: 1 }] },
      { path: `${MESSAGES}/18c2a3f4e5d6b7a8`, query: true, reply: [200, messageMetadata] },
    ],
    get_message: { path: `${MESSAGES}/18c2a3f4e5d6b7a8`, query: { format: 'full' }, reply: [200, messageFull] },
    send_message: (input) =>
      (input as { replyToMessageId?: string }).replyToMessageId
        ? [
            { path: `${MESSAGES}/18c2a3f4e5d6b7a8`, query: true, reply: [200, messageMetadata] },
            { method: 'POST', path: `${MESSAGES}/send`, reply: [200, { id: '18c2a5550000aaaa', threadId: '18c2a3f4e5d6b7a8', labelIds: ['SENT'] }] },
          ]
        : { method: 'POST', path: `${MESSAGES}/send`, reply: [200, { id: '18c2a5550000aaab', threadId: '18c2a5550000aaab', labelIds: ['SENT'] }] },
    create_draft: { method: 'POST', path: '/gmail/v1/users/me/drafts', reply: [200, { id: 'r-5550001', message: { id: '18c2a5550000aaac', threadId: '18c2a5550000aaac', labelIds: ['DRAFT'] } }] },
    modify_labels: { method: 'POST', path: `${MESSAGES}/18c2a3f4e5d6b7a8/modify`, reply: [200, { id: '18c2a3f4e5d6b7a8', threadId: '18c2a3f4e5d6b7a8', labelIds: ['Label_12'] }] },
    trash_message: { method: 'POST', path: `${MESSAGES}/18c2a3f4e5d6b7a8/trash`, reply: [200, { id: '18c2a3f4e5d6b7a8', threadId: '18c2a3f4e5d6b7a8', labelIds: ['TRASH'] }] },
    get_attachment: [
      { path: `${MESSAGES}/18c2a3f4e5d6b7a8`, query: { format: 'full' }, reply: [200, messageFull] },
      { path: `${MESSAGES}/18c2a3f4e5d6b7a8/attachments/ANGjdJ8wXyZ-attachment-1`, reply: [200, { size: 4, data: 'JVBERg' }] },
    ],
    get_thread: { path: '/gmail/v1/users/me/threads/18c2a3f4e5d6b7a8', query: { format: 'full' }, reply: [200, { id: '18c2a3f4e5d6b7a8', historyId: '1234590', messages: [messageFull] }] },
  },
  // The child process has no fixtures: a closed local port makes its vendor calls fail fast.
  bin: { path: new URL('../dist/bin.js', import.meta.url), env: { GOOGLE_API_BASE_URL: 'http://127.0.0.1:9' } },
});
