import { defineConnector } from '@connectors/contract';
import pkg from '../package.json' with { type: 'json' };
import { createSalesforceClient } from './client.js';
import { config, missingConfig } from './config.js';
import { salesforceHealth } from './health.js';
import { createRecord } from './tools/create-record.js';
import { deleteRecord } from './tools/delete-record.js';
import { describeObject } from './tools/describe-object.js';
import { getRecord } from './tools/get-record.js';
import { listObjects } from './tools/list-objects.js';
import { searchRecords } from './tools/search-records.js';
import { searchText } from './tools/search-text.js';
import { updateRecord } from './tools/update-record.js';
import { resources } from './resources.js';

export const connector = defineConnector({
  id: 'salesforce',
  title: 'Salesforce',
  version: pkg.version,
  description: 'Salesforce records through the REST API: SOQL and SOSL search, object schemas, and record reads and writes.',
  setup:
    'Either an access token (SALESFORCE_ACCESS_TOKEN + SALESFORCE_INSTANCE_URL), or a Connected App / External Client App with SALESFORCE_CLIENT_ID and one OAuth flow: client credentials (SALESFORCE_CLIENT_SECRET + My Domain in SALESFORCE_LOGIN_URL), refresh token (SALESFORCE_REFRESH_TOKEN) or JWT bearer (SALESFORCE_USERNAME + SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE). See the README.',
  config,
  requires: missingConfig,
  toolsets: {
    records: 'Read, create, update and delete records.',
    query: 'Search with SOQL and SOSL.',
    schema: 'List objects and describe their fields.',
  },
  client: createSalesforceClient,
  health: ({ client }) => salesforceHealth(client),
  tools: [listObjects, describeObject, searchRecords, searchText, getRecord, createRecord, updateRecord, deleteRecord],
  resources,
  // Every read counts against the org's daily API request allowance: once a minute per watched record.
  pollIntervalMs: 60_000,
  // Every poll spends one of the org's daily API requests.
  minPollIntervalMs: 30_000,
});
