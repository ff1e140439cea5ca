import { defineConnector } from '@connectors/contract';
import pkg from '../package.json' with { type: 'json' };
import { createGoogleClient } from './client.js';
import { authMode, config, enabledServices, missingConfig, oauth } from './config.js';
import { whoAmI } from './who-am-i.js';
import { getMessage } from './gmail/tools/get-message.js';
import { getThread } from './gmail/tools/get-thread.js';
import { listLabels } from './gmail/tools/list-labels.js';
import { searchMessages } from './gmail/tools/search-messages.js';
import { createDraft } from './gmail/tools/create-draft.js';
import { getAttachment } from './gmail/tools/get-attachment.js';
import { modifyLabels } from './gmail/tools/modify-labels.js';
import { sendMessage } from './gmail/tools/send-message.js';
import { trashMessage } from './gmail/tools/trash-message.js';
import { createFolder } from './drive/tools/create-folder.js';
import { deletePermission } from './drive/tools/delete-permission.js';
import { getFile } from './drive/tools/get-file.js';
import { listPermissions } from './drive/tools/list-permissions.js';
import { readFile } from './drive/tools/read-file.js';
import { searchFiles } from './drive/tools/search-files.js';
import { shareFile } from './drive/tools/share-file.js';
import { uploadFile } from './drive/tools/upload-file.js';
import { createEvent } from './calendar/tools/create-event.js';
import { deleteEvent } from './calendar/tools/delete-event.js';
import { findFreeBusy } from './calendar/tools/find-free-busy.js';
import { getEvent } from './calendar/tools/get-event.js';
import { listCalendars } from './calendar/tools/list-calendars.js';
import { listEvents } from './calendar/tools/list-events.js';
import { updateEvent } from './calendar/tools/update-event.js';
import { driveResources } from './drive/resources.js';
import { gmailResources } from './gmail/resources.js';
import { calendarResources } from './calendar/resources.js';

export const connector = defineConnector({
  id: 'google-workspace',
  title: 'Google Workspace',
  version: pkg.version,
  description:
    'Gmail, Google Drive and Google Calendar for Google Workspace and Gmail accounts: search and read mail, send and draft replies in thread; find, read (Docs as Markdown, Sheets as CSV), upload and share files; list, create and change events and find free time.',
  setup:
    'Create an OAuth client of type Desktop app in a Google Cloud project with the Gmail, Google Drive and Google Calendar APIs enabled, set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET, and run `npx -y @connectors/google-workspace auth login`. Or set GOOGLE_ACCESS_TOKEN, or a service account key with domain-wide delegation (GOOGLE_SERVICE_ACCOUNT_KEY_FILE, GOOGLE_IMPERSONATE_USER).',
  config,
  requires: missingConfig,
  oauth,
  toolsets: {
    gmail: 'Search, read, send, draft, label and trash mail.',
    drive: 'Search, read, upload and share Drive files and folders.',
    calendar: 'Calendars, events, invitations and free/busy.',
  },
  namespaces: { gmail: 'gmail', drive: 'google_drive', calendar: 'google_calendar' },
  // GOOGLE_WORKSPACE_SERVICES turns services (toolsets) off, and their scopes with them.
  toolsetsEnabled: enabledServices,
  client: createGoogleClient,
  health: async ({ client, config: values }) => ({
    user: await whoAmI(client, values),
    authMode: authMode(values),
    services: enabledServices(values),
  }),
  tools: [
    searchMessages,
    getMessage,
    getThread,
    listLabels,
    getAttachment,
    sendMessage,
    createDraft,
    modifyLabels,
    trashMessage,
    searchFiles,
    getFile,
    readFile,
    listPermissions,
    uploadFile,
    createFolder,
    shareFile,
    deletePermission,
    listCalendars,
    listEvents,
    getEvent,
    findFreeBusy,
    createEvent,
    updateEvent,
    deleteEvent,
  ],
  resources: [...gmailResources, ...driveResources, ...calendarResources],
});
