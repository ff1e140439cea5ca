import { defineConnector } from '@connectors/contract';
import pkg from '../package.json' with { type: 'json' };
import { createGoogleClient } from './client.js';
import { config, enabledServices, missingConfig, oauth } from './config.js';
import { getMessage } from './gmail/tools/get-message.js';
import { getThread } from './gmail/tools/get-thread.js';
import { listLabels } from './gmail/tools/list-labels.js';
import { searchMessages } from './gmail/tools/search-messages.js';
import { createDraft } from './gmail/tools/create-draft.js';
import { getAttachment } from './gmail/tools/get-attachment.js';
import { modifyLabels } from './gmail/tools/modify-labels.js';
import { sendMessage } from './gmail/tools/send-message.js';
import { trashMessage } from './gmail/tools/trash-message.js';

export const connector = defineConnector({
  id: 'google-workspace',
  title: 'Google Workspace',
  version: pkg.version,
  description: 'Gmail in Google Workspace and Gmail accounts: search mail with Gmail syntax, read messages and threads as text, send and draft replies in thread, label and trash.',
  setup:
    'Create an OAuth client of type Desktop app in a Google Cloud project with the Gmail API enabled, set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET, and run `npx -y @connectors/google-workspace auth login`. Or set GOOGLE_ACCESS_TOKEN.',
  config,
  requires: missingConfig,
  oauth,
  toolsets: { gmail: 'Search, read, send, draft, label and trash mail.' },
  namespaces: { gmail: 'gmail' },
  // GOOGLE_WORKSPACE_SERVICES turns services (toolsets) off, and their scopes with them.
  toolsetsEnabled: enabledServices,
  client: createGoogleClient,
  health: async ({ client, config: values }) => {
    const me = await client.get<{ email?: string; name?: string }>('/oauth2/v3/userinfo');
    return {
      user: me.name && me.email ? `${me.name} <${me.email}>` : (me.email ?? me.name ?? 'unknown'),
      authMode: values.GOOGLE_ACCESS_TOKEN ? 'access_token' : 'oauth_login',
      services: enabledServices(values),
    };
  },
  tools: [searchMessages, getMessage, getThread, listLabels, getAttachment, sendMessage, createDraft, modifyLabels, trashMessage],
});
